import { isRegisteredPoor, type PovertyFacts } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { courseScope, isProvider, keeps } from './course-scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { audit, dateOf, dayOf, type Catalogue } from './catalogue.service.ts';
import type { EnrolmentPatch } from './courses.contract.ts';
import type { CoursesRepository, EnrolmentRow, TrainingCourse } from './courses.repository.ts';
import { enrolmentView } from './enrolment-view.ts';
import { offerReasonText } from './offer-reason.ts';
import { GRADE_TEXTS } from './claim-kinds.ts';

/** What a completion writes: the result and score, and the certificate a pass on a certificate course earns. */
function completion(row: EnrolmentRow, patch: EnrolmentPatch) {
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
          level: patch.certificateLevel ? GRADE_TEXTS[patch.certificateLevel] : null,
          issuer: row.course.providerName,
          issuedOn: completedAt,
          number: patch.certificateNumber ?? null,
          occupationCode: row.course.occupationCode,
        }
      : null;
  const data = {
    ...(patch.attendedSessions !== undefined ? { attendedSessions: patch.attendedSessions } : {}),
    ...(passed !== undefined
      ? {
          status: 'completed' as const,
          passed,
          completedAt,
          score: patch.score ?? null,
          certificateNumber: patch.certificateNumber ?? null,
        }
      : {}),
  };
  return { data, certificate };
}

/** Enrols, or puts on the waiting list; a course for registered poor labourers admits only them. */
async function enrolPerson(
  repo: CoursesRepository,
  course: TrainingCourse,
  person: PovertyFacts & { id: string },
  actor: SessionUser,
  requestId?: string,
) {
  if (course.eligibility === 'registered_poor' && !isRegisteredPoor(person))
    throw new ConflictError('The course admits registered poor labourers only', { reason: 'not_eligible' });
  const existing = await repo.enrolmentOf(course.id, person.id);
  if (existing && existing.status !== 'offered' && existing.status !== 'withdrawn')
    throw new ConflictError('The person is already on the course', { reason: `already_${existing.status}` });
  return repo.enrol(course.id, person.id, course.seats, audit(actor, 'training.enrol', 'TrainingEnrolment', requestId));
}

/** Enrolments: officers enrol people of their region, labourers enrol themselves; completions. */
export function createEnrolments(
  deps: { repo: CoursesRepository; reference: () => Promise<ReferenceNames> },
  catalogue: Catalogue,
) {
  const { repo, reference } = deps;
  const { courseInScope, enrolmentViews } = catalogue;

  /**
   * An enrolment on a course the actor keeps; others' do not exist for them. For a provider's account
   * an offer is not an enrolment: the person has not come to its course (and their wish is theirs).
   */
  async function enrolmentInScope(actor: SessionUser, id: string) {
    const scope = courseScope(actor);
    const row = await repo.enrolment(id);
    if (!row || !keeps(scope, row.course) || (isProvider(scope) && row.status === 'offered'))
      throw new NotFoundError(`Enrolment ${id} does not exist`);
    return row;
  }

  /** Takes the person off the course; the seat goes to the first waiting. */
  async function withdrawRow(row: EnrolmentRow, actor: SessionUser, locale: string, requestId?: string) {
    if (row.status === 'completed' || row.status === 'withdrawn')
      throw new ConflictError('The person can no longer withdraw', { reason: `withdraw_${row.status}` });
    const { row: withdrawn, promoted } = await repo.withdraw(row.id, {
      ...audit(actor, 'training.enrolment.withdraw', 'TrainingEnrolment', requestId),
      entityId: row.id,
    });
    const [a, b] = await enrolmentViews(promoted ? [withdrawn, promoted] : [withdrawn], locale);
    return { withdrawn: a!, promoted: b ?? null };
  }

  return {
    enrolmentInScope,
    /** A course's people; a provider's account sees its enrolees (masked), not the officers' offers. */
    async enrolments(actor: SessionUser, courseId: string, locale = 'zh-CN') {
      await courseInScope(actor, courseId);
      const rows = await repo.enrolments(courseId);
      if (!isProvider(courseScope(actor))) return enrolmentViews(rows, locale);
      const views = await enrolmentViews(
        rows.filter((r) => r.status !== 'offered'),
        locale,
      );
      return views.map((v) => ({ ...v, offerReason: null }));
    },

    /** An officer withdraws a person (who cannot come, or asked to). */
    async withdraw(actor: SessionUser, id: string, locale = 'zh-CN', requestId?: string) {
      return withdrawRow(await enrolmentInScope(actor, id), actor, locale, requestId);
    },

    /** The person withdraws themselves (or declines an offer) from "我的培训". */
    async withdrawSelf(actor: SessionUser, courseId: string) {
      const row = actor.labourerId ? await repo.enrolmentOf(courseId, actor.labourerId) : null;
      if (!row) throw new NotFoundError(`Course ${courseId} does not exist`);
      return withdrawRow(row, actor, 'zh-CN');
    },

    /** An officer enrols a person of their region; a full course puts them on the waiting list. */
    async enrol(actor: SessionUser, courseId: string, labourerId: string, requestId?: string, locale = 'zh-CN') {
      const course = await courseInScope(actor, courseId);
      const person = await repo.person(labourerId);
      if (!person || person.erasedAt || !person.regionCode.startsWith(scopePrefix(actor)))
        throw new ValidationError('The person is not valid', [
          { field: 'labourerId', code: 'invalid', message: 'is not a person of your region' },
        ]);
      const row = await enrolPerson(repo, course, person, actor, requestId);
      return enrolmentView(row, person.name, await reference(), locale);
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
      return enrolPerson(repo, course, person, actor);
    },

    /** The labourer's offers and enrolments with their courses, reasons in their language. */
    async mine(labourerId: string, locale = 'zh-CN') {
      const ref = await reference();
      const rows = await repo.ofPerson(labourerId);
      return rows.map((row) => ({
        ...row,
        offerReason: row.offerWish ? offerReasonText(row.offerWish, row.course, ref, locale) : row.offerReason,
        courseView: {
          ...row.course,
          startsOn: dayOf(row.course.startsOn),
          endsOn: dayOf(row.course.endsOn),
          regionName: ref.regionNameIn(row.course.regionCode, locale),
        },
      }));
    },

    async updateEnrolment(actor: SessionUser, id: string, patch: EnrolmentPatch, requestId?: string, locale = 'zh-CN') {
      const row = await enrolmentInScope(actor, id);
      if (row.status === 'offered' || row.status === 'waiting' || row.status === 'withdrawn')
        throw new ConflictError('The person is not enrolled', { reason: `not_enrolled_${row.status}` });
      if (row.status === 'completed' && patch.result)
        throw new ConflictError('The course is already completed for the person', { reason: 'completed' });
      const { data, certificate } = completion(row, patch);
      const updated = await repo.updateEnrolment(id, data, certificate, {
        ...audit(actor, 'training.enrolment.update', 'TrainingEnrolment', requestId),
        entityId: id,
        details: { result: patch.result ?? null },
      });
      return (await enrolmentViews([updated], locale))[0]!;
    },
  };
}

export type Enrolments = ReturnType<typeof createEnrolments>;
