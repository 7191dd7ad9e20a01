import { scopePrefix } from '../platform/access/scope.ts';
import { enrolmentView } from './enrolment-view.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { CourseInput, CoursePatch, CourseView } from './courses.contract.ts';
import type { CoursesRepository, EnrolmentRow, TrainingCourse } from './courses.repository.ts';
import {
  assignmentIssues,
  courseScope,
  isProvider,
  keeps,
  providerFilter,
  providerPatchIssues,
} from './course-scope.ts';

export const dateOf = (day: string) => new Date(`${day}T00:00:00.000Z`);
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Checks the reference codes and the place of a course's fields against the keeper's region. */
function courseIssues(input: CoursePatch, ref: ReferenceNames, scope: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.occupationCode && !ref.hasOccupation(input.occupationCode))
    issues.push({ field: 'occupationCode', code: 'invalid', message: 'is not a known occupation' });
  for (const code of input.skillCodes ?? [])
    if (!ref.hasSkill(code))
      issues.push({ field: 'skillCodes', code: 'invalid', message: `${code} is not a known skill` });
  if (input.certificateKind && !ref.certificate(input.certificateKind))
    issues.push({ field: 'certificateKind', code: 'invalid', message: 'is not a known certificate' });
  if (input.regionCode !== undefined) {
    if (!ref.isKnownPlace(input.regionCode) || input.regionCode.length < 6)
      issues.push({ field: 'regionCode', code: 'invalid', message: 'is not a known county, township or village' });
    else if (!input.regionCode.startsWith(scope))
      issues.push({ field: 'regionCode', code: 'out_of_scope', message: 'is outside your region' });
  }
  return issues;
}

/** An audit entry of an officer's (or labourer's) write. */
export const audit = (actor: SessionUser, action: string, entity: string, requestId?: string) => ({
  actor,
  action,
  entity,
  ...(requestId ? { requestId } : {}),
});

/** Courses as the API and pages show them, with the seats taken and the people waiting. */
function courseViewer({ repo, reference }: { repo: CoursesRepository; reference: () => Promise<ReferenceNames> }) {
  return async function views(rows: TrainingCourse[]): Promise<CourseView[]> {
    const ref = await reference();
    const counts = rows.length ? await repo.counts(rows.map((r) => r.id)) : [];
    const count = (id: string, statuses: string[]) =>
      counts.filter((c) => c.courseId === id && statuses.includes(c.status)).reduce((n, c) => n + c.count, 0);
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      programme: row.programme,
      occupationCode: row.occupationCode,
      occupationName: row.occupationCode ? (ref.occupation(row.occupationCode)?.name ?? row.occupationCode) : null,
      skillCodes: row.skillCodes,
      certificateKind: row.certificateKind,
      certificateName: row.certificateKind ? (ref.certificate(row.certificateKind)?.name ?? row.certificateKind) : null,
      providerName: row.providerName,
      providerKind: row.providerKind,
      providerId: row.providerId,
      regionCode: row.regionCode,
      regionName: ref.regionName(row.regionCode),
      place: row.place,
      inVillage: row.inVillage,
      startsOn: dayOf(row.startsOn),
      endsOn: dayOf(row.endsOn),
      seats: row.seats,
      enrolled: count(row.id, ['enrolled', 'completed']),
      waiting: count(row.id, ['waiting']),
      cost: row.cost,
      subsidised: row.subsidised,
      eligibility: row.eligibility,
    }));
  };
}

/** The checks of a course's provider: the one an officer gives it to, and what the provider's account may change. */
function providerChecks(repo: CoursesRepository) {
  return {
    /** The provider a course is given to, checked against the officer's region and the course's place. */
    async assignment(providerId: string, prefix: string, courseRegion: string) {
      const provider = await repo.provider(providerId);
      return { provider, issues: assignmentIssues(provider, prefix, courseRegion) };
    },

    /** A provider's account changes only some fields of its course, and keeps it within its region. */
    async providerChangeIssues(actor: SessionUser, patch: CoursePatch, ref: ReferenceNames) {
      const own = await repo.provider(actor.trainingProviderId!);
      return [...providerPatchIssues(patch), ...courseIssues(patch, ref, own?.regionCode ?? '-')];
    },
  };
}

/** The course catalogue, kept by officers of the course's region (and run by the provider a course is given to). */
export function createCatalogue(deps: { repo: CoursesRepository; reference: () => Promise<ReferenceNames> }) {
  const { repo, reference } = deps;
  const views = courseViewer(deps);
  const { assignment, providerChangeIssues } = providerChecks(repo);

  /** A course of the officer's region, or of the caller's provider; others' courses do not exist for them. */
  async function courseInScope(actor: SessionUser, id: string) {
    const scope = courseScope(actor);
    const course = await repo.course(id);
    if (!course || !keeps(scope, course)) throw new NotFoundError(`Course ${id} does not exist`);
    return course;
  }

  async function enrolmentViews(rows: EnrolmentRow[], locale: string) {
    const ref = await reference();
    const names = new Map((await repo.names(rows.map((r) => r.labourerId))).map((p) => [p.id, p.name]));
    return rows.map((row) => enrolmentView(row, names.get(row.labourerId), ref, locale));
  }

  return {
    courseInScope,
    enrolmentViews,
    async list(actor: SessionUser, query: { upcoming?: 'true' | 'false'; programme?: CourseInput['programme'] } = {}) {
      const scope = courseScope(actor);
      const where = {
        ...providerFilter(scope),
        ...(query.upcoming === 'true' ? { endsOn: { gte: dateOf(dayOf(new Date())) } } : {}),
        ...(query.programme ? { programme: query.programme } : {}),
      };
      return views(await repo.courses(scope.prefix, where));
    },

    async get(actor: SessionUser, id: string) {
      return (await views([await courseInScope(actor, id)]))[0]!;
    },

    /** Officers plan courses, and may give one to a provider of their region to run. */
    async create(actor: SessionUser, input: CourseInput, requestId?: string) {
      if (actor.role === 'training_provider') throw new ForbiddenError('Officers of the region plan courses');
      const prefix = scopePrefix(actor);
      const issues = courseIssues(input, await reference(), prefix);
      const { provider, issues: given } = input.providerId
        ? await assignment(input.providerId, prefix, input.regionCode)
        : { provider: null, issues: [] };
      if (issues.length || given.length) throw new ValidationError('The course is not valid', [...issues, ...given]);
      const row = await repo.createCourse(
        {
          title: input.title,
          programme: input.programme,
          occupationCode: input.occupationCode || null,
          skillCodes: input.skillCodes ?? [],
          certificateKind: input.certificateKind || null,
          providerName: provider?.name ?? input.providerName!,
          providerKind: provider?.kind ?? input.providerKind!,
          providerId: provider?.id ?? null,
          regionCode: input.regionCode,
          place: input.place,
          inVillage: input.inVillage ?? false,
          startsOn: dateOf(input.startsOn),
          endsOn: dateOf(input.endsOn),
          seats: input.seats,
          cost: input.cost ?? 0,
          subsidised: input.subsidised ?? false,
          eligibility: input.eligibility ?? 'registered_poor',
          createdById: actor.id,
        },
        audit(actor, 'training.course.create', 'TrainingCourse', requestId),
      );
      return (await views([row]))[0]!;
    },

    async patch(actor: SessionUser, id: string, patch: CoursePatch, requestId?: string) {
      const course = await courseInScope(actor, id);
      const ref = await reference();
      const provider = isProvider(courseScope(actor));
      const issues = provider
        ? await providerChangeIssues(actor, patch, ref)
        : courseIssues(patch, ref, scopePrefix(actor));
      const startsOn = patch.startsOn ?? dayOf(course.startsOn);
      if ((patch.endsOn ?? dayOf(course.endsOn)) < startsOn)
        issues.push({ field: 'endsOn', code: 'invalid', message: 'must not be before the start' });
      // An officer gives the course to a provider (its name and kind come along), or takes it back (null).
      const providerId = patch.providerId === undefined ? course.providerId : patch.providerId;
      const given =
        !provider && providerId
          ? await assignment(providerId, scopePrefix(actor), patch.regionCode ?? course.regionCode)
          : null;
      if (given && (patch.providerName !== undefined || patch.providerKind !== undefined))
        issues.push({ field: 'providerName', code: 'from_provider', message: "comes from the provider's record" });
      if (issues.length || given?.issues.length)
        throw new ValidationError('The course change is not valid', [...issues, ...(given?.issues ?? [])]);
      const { startsOn: s, endsOn: e, ...rest } = patch;
      const record = given?.provider ? { providerName: given.provider.name, providerKind: given.provider.kind } : {};
      const row = await repo.updateCourse(
        id,
        { ...rest, ...record, ...(s ? { startsOn: dateOf(s) } : {}), ...(e ? { endsOn: dateOf(e) } : {}) },
        {
          ...audit(actor, 'training.course.update', 'TrainingCourse', requestId),
          entityId: id,
          details: Object.keys(patch),
        },
      );
      return (await views([row]))[0]!;
    },

    /** Courses of the person's county that have not started: they may enrol in one tap. */
    async openFor(labourerId: string) {
      const person = await repo.person(labourerId);
      if (!person) return [];
      return views(await repo.courses(person.regionCode.slice(0, 6), { startsOn: { gt: dateOf(dayOf(new Date())) } }));
    },
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
