import { isRegisteredPoor, type PovertyFacts } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { CourseInput, CoursePatch, CourseView, EnrolmentPatch, EnrolmentView } from './courses.contract.ts';
import type { CoursesRepository, EnrolmentRow, TrainingCourse } from './courses.repository.ts';

const dateOf = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export function enrolmentView(row: EnrolmentRow, name: string | undefined): EnrolmentView {
  return {
    id: row.id,
    courseId: row.courseId,
    courseTitle: row.course.title,
    labourerId: row.labourerId,
    maskedName: name ? maskName(name) : '',
    status: row.status,
    offerReason: row.offerReason,
    attendedSessions: row.attendedSessions,
    passed: row.passed,
    certificateNumber: row.certificateNumber,
    certificateId: row.certificateId,
  };
}

/** Checks the reference codes and the place of a course's fields against the officer's region. */
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
const audit = (actor: SessionUser, action: string, entity: string, requestId?: string) => ({
  actor,
  action,
  entity,
  ...(requestId ? { requestId } : {}),
});

/** The course catalogue, kept by officers of the course's region. */
function createCatalogue(deps: { repo: CoursesRepository; reference: () => Promise<ReferenceNames> }) {
  const { repo, reference } = deps;

  async function views(rows: TrainingCourse[]): Promise<CourseView[]> {
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
  }

  /** A course of the officer's region; others' courses do not exist for them. */
  async function courseInScope(actor: SessionUser, id: string) {
    const course = await repo.course(id);
    if (!course || !course.regionCode.startsWith(scopePrefix(actor)))
      throw new NotFoundError(`Course ${id} does not exist`);
    return course;
  }

  async function enrolmentViews(rows: EnrolmentRow[]) {
    const names = new Map((await repo.names(rows.map((r) => r.labourerId))).map((p) => [p.id, p.name]));
    return rows.map((row) => enrolmentView(row, names.get(row.labourerId)));
  }

  return {
    courseInScope,
    enrolmentViews,
    async list(actor: SessionUser, query: { upcoming?: 'true' | 'false'; programme?: CourseInput['programme'] } = {}) {
      const where = {
        ...(query.upcoming === 'true' ? { endsOn: { gte: dateOf(dayOf(new Date())) } } : {}),
        ...(query.programme ? { programme: query.programme } : {}),
      };
      return views(await repo.courses(scopePrefix(actor), where));
    },

    async get(actor: SessionUser, id: string) {
      return (await views([await courseInScope(actor, id)]))[0]!;
    },

    async create(actor: SessionUser, input: CourseInput, requestId?: string) {
      const issues = courseIssues(input, await reference(), scopePrefix(actor));
      if (issues.length) throw new ValidationError('The course is not valid', issues);
      const row = await repo.createCourse(
        {
          title: input.title,
          programme: input.programme,
          occupationCode: input.occupationCode || null,
          skillCodes: input.skillCodes ?? [],
          certificateKind: input.certificateKind || null,
          providerName: input.providerName,
          providerKind: input.providerKind,
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
      const issues = courseIssues(patch, await reference(), scopePrefix(actor));
      const startsOn = patch.startsOn ?? dayOf(course.startsOn);
      if ((patch.endsOn ?? dayOf(course.endsOn)) < startsOn)
        issues.push({ field: 'endsOn', code: 'invalid', message: 'must not be before the start' });
      if (issues.length) throw new ValidationError('The course change is not valid', issues);
      const { startsOn: s, endsOn: e, ...rest } = patch;
      const row = await repo.updateCourse(
        id,
        { ...rest, ...(s ? { startsOn: dateOf(s) } : {}), ...(e ? { endsOn: dateOf(e) } : {}) },
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

/** Enrolments: officers enrol people of their region, labourers enrol themselves; completions. */
function createEnrolments(
  deps: { repo: CoursesRepository; reference: () => Promise<ReferenceNames> },
  catalogue: ReturnType<typeof createCatalogue>,
) {
  const { repo, reference } = deps;
  const { courseInScope, enrolmentViews } = catalogue;

  /** Enrols, or puts on the waiting list; a course for registered poor labourers admits only them. */
  async function enrolPerson(
    course: TrainingCourse,
    person: PovertyFacts & { id: string },
    actor: SessionUser,
    requestId?: string,
  ) {
    if (course.eligibility === 'registered_poor' && !isRegisteredPoor(person))
      throw new ConflictError('The course admits registered poor labourers only', { reason: 'not_eligible' });
    const existing = await repo.enrolmentOf(course.id, person.id);
    if (existing && existing.status !== 'offered')
      throw new ConflictError('The person is already on the course', { reason: `already_${existing.status}` });
    return repo.enrol(
      course.id,
      person.id,
      course.seats,
      audit(actor, 'training.enrol', 'TrainingEnrolment', requestId),
    );
  }

  return {
    async enrolments(actor: SessionUser, courseId: string) {
      await courseInScope(actor, courseId);
      return enrolmentViews(await repo.enrolments(courseId));
    },

    /** An officer enrols a person of their region; a full course puts them on the waiting list. */
    async enrol(actor: SessionUser, courseId: string, labourerId: string, requestId?: string) {
      const course = await courseInScope(actor, courseId);
      const person = await repo.person(labourerId);
      if (!person || person.erasedAt || !person.regionCode.startsWith(scopePrefix(actor)))
        throw new ValidationError('The person is not valid', [
          { field: 'labourerId', code: 'invalid', message: 'is not a person of your region' },
        ]);
      const row = await enrolPerson(course, person, actor, requestId);
      return enrolmentView(row, person.name);
    },

    /** The labourer's own tap on "我的培训": only a course they were offered or one in their county. */
    async enrolSelf(actor: SessionUser, courseId: string) {
      if (!actor.labourerId) throw new NotFoundError('No registration');
      const person = await repo.person(actor.labourerId);
      const course = await repo.course(courseId);
      if (!person || !course || course.regionCode.slice(0, 6) !== person.regionCode.slice(0, 6))
        throw new NotFoundError(`Course ${courseId} does not exist`);
      if (course.endsOn < dateOf(dayOf(new Date())))
        throw new ConflictError('The course has ended', { reason: 'ended' });
      return enrolPerson(course, person, actor);
    },

    /** The labourer's offers and enrolments with their courses. */
    async mine(labourerId: string) {
      const ref = await reference();
      const rows = await repo.ofPerson(labourerId);
      return rows.map((row) => ({
        ...row,
        courseView: {
          ...row.course,
          startsOn: dayOf(row.course.startsOn),
          endsOn: dayOf(row.course.endsOn),
          regionName: ref.regionName(row.course.regionCode),
        },
      }));
    },

    async updateEnrolment(actor: SessionUser, id: string, patch: EnrolmentPatch, requestId?: string) {
      const row = await repo.enrolment(id);
      if (!row || !row.course.regionCode.startsWith(scopePrefix(actor)))
        throw new NotFoundError(`Enrolment ${id} does not exist`);
      if (row.status === 'offered' || row.status === 'waiting')
        throw new ConflictError('The person is not enrolled', { reason: `not_enrolled_${row.status}` });
      if (row.status === 'completed' && patch.result)
        throw new ConflictError('The course is already completed for the person', { reason: 'completed' });
      const passed = patch.result ? patch.result === 'passed' : undefined;
      const certificateKind = row.course.certificateKind;
      if (passed && certificateKind && !patch.certificateNumber)
        throw new ValidationError('The completion is not valid', [
          { field: 'certificateNumber', code: 'required', message: 'is required for a pass on a certificate course' },
        ]);
      const completedAt = patch.completedOn ? dateOf(patch.completedOn) : new Date();
      const certificate =
        passed && certificateKind
          ? {
              labourerId: row.labourerId,
              kind: certificateKind,
              issuer: row.course.providerName,
              issuedOn: completedAt,
            }
          : null;
      const updated = await repo.updateEnrolment(
        id,
        {
          ...(patch.attendedSessions !== undefined ? { attendedSessions: patch.attendedSessions } : {}),
          ...(passed !== undefined
            ? { status: 'completed', passed, completedAt, certificateNumber: patch.certificateNumber ?? null }
            : {}),
        },
        certificate,
        {
          ...audit(actor, 'training.enrolment.update', 'TrainingEnrolment', requestId),
          entityId: id,
          details: { result: patch.result ?? null },
        },
      );
      return (await enrolmentViews([updated]))[0]!;
    },
  };
}

/** The course catalogue and enrolments (职业技能培训). */
export function createCoursesService(deps: { repo: CoursesRepository; reference: () => Promise<ReferenceNames> }) {
  const catalogue = createCatalogue(deps);
  return { ...catalogue, ...createEnrolments(deps, catalogue) };
}

export type CoursesService = ReturnType<typeof createCoursesService>;
