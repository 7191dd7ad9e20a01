import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { audit } from './catalogue.service.ts';
import type { AidInput, AidView, StudentFilter, StudentView } from './tech-school-aid.contract.ts';
import type { TechSchoolAid, TechSchoolAidRepository } from './tech-school-aid.repository.ts';
import { IN_SCHOOL_YEARS, techSchoolAidFigures } from './tech-school-figures.ts';
import type { TechSchoolPlace } from './tech-schools.repository.ts';
import { placeView } from './tech-schools.service.ts';
import type { Area } from '../platform/access/area.ts';

const today = () => chinaDate(new Date())!;
const invalid = (field: string, code: string, message: string) =>
  new ValidationError('The aid is not valid', [{ field, code, message }]);

export function aidView(row: TechSchoolAid): AidView {
  return {
    id: row.id,
    placeId: row.placeId,
    kind: row.kind,
    term: row.term,
    amountYuan: row.amountYuan,
    grantedOn: row.grantedOn.toISOString().slice(0, 10),
    regionCode: row.regionCode,
    note: row.note,
    recordedOn: chinaDate(row.createdAt)!,
  };
}

function studentView(
  row: TechSchoolPlace & { aid: TechSchoolAid[] },
  ref: ReferenceNames,
  locale: string,
): StudentView {
  return { ...placeView(row, ref, locale), aid: row.aid.map(aidView) };
}

/**
 * Aid (资助) of poor families' technical-school students (plan §3(3) 进一步落实资助政策，实施精准助学;
 * 优先落实免学费、助学金、奖学金等助学政策): per enrolled student (an enrolled place) and term, one record
 * of each kind, written by officers of the student's region and audited; and the aid-coverage figures.
 */
export function createTechSchoolAid(deps: { repo: TechSchoolAidRepository; reference: () => Promise<ReferenceNames> }) {
  const { repo, reference } = deps;

  /** The place as a student of the actor's region; 404 outside it. */
  async function inScope(actor: SessionUser, id: string) {
    const row = await repo.place(id);
    if (!row || !row.regionCode.startsWith(scopePrefix(actor))) throw new NotFoundError(`Student ${id} does not exist`);
    return row;
  }

  return {
    /** The student (the place) with every aid recorded, for the student page. */
    async student(actor: SessionUser, id: string, locale = 'zh-CN') {
      const row = await inScope(actor, id);
      return studentView({ ...row, aid: await repo.aidOf(id) }, await reference(), locale);
    },

    /** The student with their aid for a download, audited. */
    async exportAid(actor: SessionUser, id: string, format: string, locale: string, requestId: string) {
      const row = await inScope(actor, id);
      await repo.audit({
        ...audit(actor, 'training.tech_school.aid_export', 'TechSchoolAid', requestId),
        details: { placeId: id, format },
      });
      return studentView({ ...row, aid: await repo.aidOf(id) }, await reference(), locale);
    },

    async list(actor: SessionUser, id: string) {
      await inScope(actor, id);
      return (await repo.aidOf(id)).map(aidView);
    },

    /** Enrolled students of the region (intake year, county), each with their aid (of the term, if given). */
    async students(actor: SessionUser, filter: StudentFilter, locale = 'zh-CN') {
      const scope = scopePrefix(actor);
      const prefix = filter.regionCode && filter.regionCode.startsWith(scope) ? filter.regionCode : scope;
      const ref = await reference();
      return (await repo.students(prefix, filter.year, filter.term)).map((r) => studentView(r, ref, locale));
    },

    async record(actor: SessionUser, id: string, input: AidInput, requestId?: string) {
      const place = await inScope(actor, id);
      if (place.state !== 'enrolled')
        throw new ConflictError(`A ${place.state} place has no student to aid yet`, { reason: 'aid_not_enrolled' });
      if (input.grantedOn > today()) throw invalid('grantedOn', 'future', 'must not be in the future');
      // A spring term belongs to the school year begun the autumn before: 2026秋 then 2027春.
      const schoolYear = Number(input.term.slice(0, 4)) - (input.term.endsWith('春') ? 1 : 0);
      if (schoolYear < place.year || schoolYear >= place.year + IN_SCHOOL_YEARS)
        throw invalid('term', 'outside_school_years', 'must be a term of the student’s three school years');
      const row = await repo.createAid(
        {
          placeId: id,
          kind: input.kind,
          term: input.term,
          amountYuan: input.amountYuan,
          grantedOn: new Date(`${input.grantedOn}T00:00:00Z`),
          regionCode: place.regionCode,
          note: input.note ?? null,
          recordedById: actor.id,
        },
        {
          ...audit(actor, 'training.tech_school.aid', 'TechSchoolAid', requestId),
          details: { placeId: id, kind: input.kind, term: input.term, amountYuan: input.amountYuan },
        },
      );
      if (!row)
        throw new ConflictError(`The student has ${input.kind} for ${input.term} already`, { reason: 'aid_exists' });
      return aidView(row);
    },

    /** Aid coverage of an area (a region prefix or several) for a period (reports' tech-school indicators). */
    async figures(area: Area, period: { from: string; to: string }) {
      const endYear = Number(period.to.slice(0, 4));
      const rows = await repo.figureRows(area, { from: endYear - IN_SCHOOL_YEARS + 1, to: endYear }, period);
      return techSchoolAidFigures(
        rows.map((r) => ({
          state: r.state,
          year: r.year,
          enrolledOn: chinaDate(r.enrolledAt),
          graduatedOn: r.graduatedOn ? r.graduatedOn.toISOString().slice(0, 10) : null,
          aid: r.aid.map((a) => ({ kind: a.kind, grantedOn: a.grantedOn.toISOString().slice(0, 10) })),
        })),
        period,
      );
    },
  };
}

export type TechSchoolAidService = ReturnType<typeof createTechSchoolAid>;
