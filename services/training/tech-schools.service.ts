import { isRegisteredPoor, type RegistryLookup } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { audit } from './catalogue.service.ts';
import { techSchoolFigures } from './tech-school-figures.ts';
import type { PlaceFilter, PlaceInput, PlaceStep, PlaceView } from './tech-schools.contract.ts';
import type { PlaceQuery, TechSchoolPlace, TechSchoolsRepository } from './tech-schools.repository.ts';
import type { Area } from '../platform/access/area.ts';

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const invalid = (field: string, code: string, message: string) =>
  new ValidationError('The place is not valid', [{ field, code, message }]);

/** The steps a place may take from each state. */
const NEXT: Record<string, readonly string[]> = {
  wished: ['placed', 'withdrawn'],
  placed: ['enrolled', 'withdrawn'],
  enrolled: [],
  withdrawn: [],
  graduated: [],
};

export function placeView(row: TechSchoolPlace, ref: ReferenceNames, locale: string): PlaceView {
  return {
    id: row.id,
    householdLabourerId: row.householdLabourerId,
    childLabourerId: row.childLabourerId,
    childName: maskName(row.childName),
    childBirthYear: row.childBirthYear,
    regionCode: row.regionCode,
    regionName: ref.regionNameIn(row.regionCode, locale),
    leftLevel: row.leftLevel,
    leftYear: row.leftYear,
    schoolName: row.schoolName,
    programme: row.programme,
    year: row.year,
    state: row.state,
    // Instants shown as the day in Beijing, as everywhere else on the platform.
    placedOn: chinaDate(row.placedAt),
    enrolledOn: chinaDate(row.enrolledAt),
    graduatedOn: dayOf(row.graduatedOn),
    examFree: row.examFree,
    orderClass: row.orderClass,
    note: row.note,
  };
}

/**
 * Technical-school places (技工院校) for children of registered poor families (plan §3(3)): an officer
 * records a child linked through a registered poor family member of their region, and moves the
 * place on as the school answers: wished → placed → enrolled, or withdrawn.
 */
export function createTechSchools(deps: {
  repo: TechSchoolsRepository;
  reference: () => Promise<ReferenceNames>;
  registry: RegistryLookup;
}) {
  const { repo, reference, registry } = deps;

  /** The person named by id or ID number, read for the checks; null when neither finds one. */
  async function personOf(id: string | undefined, idNumber: string | undefined) {
    const found = id ?? (idNumber ? (await registry.byIdNumber(idNumber))?.id : undefined);
    return found ? repo.person(found) : null;
  }

  /** The filter within the actor's region (a county outside it falls back to the whole region). */
  function whereOf(actor: SessionUser, filter: PlaceFilter): PlaceQuery {
    const scope = scopePrefix(actor);
    const prefix = filter.regionCode && filter.regionCode.startsWith(scope) ? filter.regionCode : scope;
    return { prefix, year: filter.year, state: filter.state };
  }

  async function inScope(actor: SessionUser, id: string) {
    const row = await repo.place(id);
    if (!row || !row.regionCode.startsWith(scopePrefix(actor))) throw new NotFoundError(`Place ${id} does not exist`);
    return row;
  }

  return {
    async list(actor: SessionUser, filter: PlaceFilter, locale = 'zh-CN') {
      const ref = await reference();
      return (await repo.list(whereOf(actor, filter))).map((r) => placeView(r, ref, locale));
    },

    /** Every place in the filter for a download (child names masked), audited with its filter. */
    async export(actor: SessionUser, filter: PlaceFilter, format: string, locale: string, requestId: string) {
      await repo.audit({
        ...audit(actor, 'training.tech_school.export', 'TechSchoolPlace', requestId),
        details: { format, ...filter },
      });
      const ref = await reference();
      return (await repo.list(whereOf(actor, filter), 100_000)).map((r) => placeView(r, ref, locale));
    },

    async create(actor: SessionUser, input: PlaceInput, requestId?: string, locale = 'zh-CN') {
      const scope = scopePrefix(actor);
      const familyField = input.householdLabourerId ? 'householdLabourerId' : 'householdIdNumber';
      if (!input.householdLabourerId && !input.householdIdNumber)
        throw new ValidationError('The place is not valid', [
          { field: 'householdIdNumber', code: 'required', message: 'is required' },
        ]);
      const family = await personOf(input.householdLabourerId, input.householdIdNumber);
      if (!family || family.erasedAt || !family.regionCode.startsWith(scope))
        throw invalid(familyField, 'not_in_region', 'is not a person of your region');
      if (!isRegisteredPoor(family))
        throw invalid(familyField, 'not_registered_poor', 'is not a member of a registered poor family');
      const child =
        input.childLabourerId || input.childIdNumber
          ? await personOf(input.childLabourerId, input.childIdNumber)
          : null;
      if (
        (input.childLabourerId || input.childIdNumber) &&
        (!child || child.erasedAt || !child.regionCode.startsWith(scope))
      )
        throw invalid(
          input.childLabourerId ? 'childLabourerId' : 'childIdNumber',
          'not_in_region',
          'is not a person of your region',
        );
      if (input.leftYear > input.year) throw invalid('leftYear', 'after_intake', 'must not be after the intake year');
      const row = await repo.create(
        {
          householdLabourerId: family.id,
          childLabourerId: child?.id ?? null,
          childName: input.childName,
          childBirthYear: input.childBirthYear ?? null,
          regionCode: family.regionCode,
          leftLevel: input.leftLevel,
          leftYear: input.leftYear,
          schoolName: input.schoolName,
          programme: input.programme,
          year: input.year,
          examFree: input.examFree,
          orderClass: input.orderClass ?? null,
          note: input.note ?? null,
          createdById: actor.id,
        },
        audit(actor, 'training.tech_school.create', 'TechSchoolPlace', requestId),
      );
      if (!row) throw new ConflictError('The child is recorded for this year already', { reason: 'place_exists' });
      return placeView(row, await reference(), locale);
    },

    async step(actor: SessionUser, id: string, step: PlaceStep, requestId?: string, locale = 'zh-CN') {
      const row = await inScope(actor, id);
      if (!NEXT[row.state]!.includes(step.to))
        throw new ConflictError(`A ${row.state} place cannot be ${step.to}`, { reason: `place_${row.state}` });
      const now = new Date();
      const data = {
        state: step.to,
        ...(step.to === 'placed' ? { placedAt: now } : {}),
        ...(step.to === 'enrolled' ? { enrolledAt: now } : {}),
        ...(step.to === 'withdrawn' ? { withdrawnAt: now } : {}),
        ...(step.schoolName ? { schoolName: step.schoolName } : {}),
        ...(step.programme ? { programme: step.programme } : {}),
      };
      const moved = await repo.step(id, row.state, data, {
        ...audit(actor, 'training.tech_school.step', 'TechSchoolPlace', requestId),
        entityId: id,
        details: { from: row.state, to: step.to },
      });
      if (!moved) throw new ConflictError('The place was changed meanwhile', { reason: 'changed' });
      return placeView(moved, await reference(), locale);
    },

    /** The figures of an area (a region prefix or several) for the intake year of the period's end (reports' tech-school indicators). */
    async figures(area: Area, period: { to: string }) {
      return techSchoolFigures(await repo.figureRows(area, Number(period.to.slice(0, 4))));
    },
  };
}

export type TechSchools = ReturnType<typeof createTechSchools>;
