import { maskName } from '../platform/crypto/pii.ts';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import { NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { AttendanceRepository } from './attendance.repository.ts';
import type { EnrolmentDetail, SessionInput, SessionView } from './attendance.contract.ts';
import { audit, dateOf, dayOf } from './catalogue.service.ts';
import type { CoursesRepository } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';

type SessionRow = Awaited<ReturnType<AttendanceRepository['sessions']>>[number];

const sessionView = (row: SessionRow): SessionView => ({
  id: row.id,
  courseId: row.courseId,
  heldOn: dayOf(row.heldOn),
  topic: row.topic,
  present: row._count.attendance ? row.attendance.length : null,
});

/** Class days of a course, the attendance sheet filled on a phone, and one person's record. */
export function createAttendanceService(deps: {
  repo: AttendanceRepository;
  courses: CoursesService;
  coursesRepo: CoursesRepository;
  reference: () => Promise<ReferenceNames>;
}) {
  const { repo, courses, coursesRepo, reference } = deps;

  /** A class day of a course the actor keeps. */
  async function sessionInScope(actor: SessionUser, id: string) {
    const session = await repo.session(id);
    if (!session) throw new NotFoundError(`Session ${id} does not exist`);
    const course = await courses.courseInScope(actor, session.courseId).catch(() => {
      throw new NotFoundError(`Session ${id} does not exist`);
    });
    return { session, course };
  }

  async function sheet(actor: SessionUser, sessionId: string) {
    const { session } = await sessionInScope(actor, sessionId);
    const seated = await repo.seated(session.courseId);
    const names = new Map((await coursesRepo.names(seated.map((s) => s.labourerId))).map((p) => [p.id, p.name]));
    const marks = new Map((await repo.marks(sessionId)).map((m) => [m.enrolmentId, m.present]));
    const row = (await repo.sessions(session.courseId)).find((s) => s.id === sessionId)!;
    return {
      session: sessionView(row),
      people: seated.map((s) => ({
        enrolmentId: s.id,
        maskedName: maskName(names.get(s.labourerId) ?? ''),
        present: marks.get(s.id) ?? null,
      })),
    };
  }

  return {
    sheet,
    async sessions(actor: SessionUser, courseId: string) {
      await courses.courseInScope(actor, courseId);
      return (await repo.sessions(courseId)).map(sessionView);
    },

    async addSession(actor: SessionUser, courseId: string, input: SessionInput, requestId?: string) {
      const course = await courses.courseInScope(actor, courseId);
      const heldOn = dateOf(input.heldOn);
      if (heldOn < course.startsOn || heldOn > course.endsOn)
        throw new ValidationError('The class day is not valid', [
          { field: 'heldOn', code: 'invalid', message: 'must be within the course dates' },
        ]);
      if (await repo.sessionOn(courseId, heldOn))
        throw new ConflictError('The course has a class day on that date', { reason: 'session_exists' });
      const row = await repo.addSession(
        { courseId, heldOn, topic: input.topic || null },
        audit(actor, 'training.session.create', 'TrainingSession', requestId),
      );
      return sessionView({ ...row, attendance: [], _count: { attendance: 0 } });
    },

    /** Saves the sheet: the people ticked are present, every other enrolled person absent. */
    async saveSheet(actor: SessionUser, sessionId: string, present: string[], requestId?: string) {
      const { session } = await sessionInScope(actor, sessionId);
      const seated = await repo.seated(session.courseId);
      const known = new Set(seated.map((s) => s.id));
      const strangers = present.filter((id) => !known.has(id));
      if (strangers.length)
        throw new ValidationError('The sheet is not valid', [
          { field: 'present', code: 'invalid', message: 'names people not enrolled on the course' },
        ]);
      const ticked = new Set(present);
      await repo.saveSheet(
        sessionId,
        seated.map((s) => ({ enrolmentId: s.id, present: ticked.has(s.id) })),
        { ...audit(actor, 'training.attendance.save', 'TrainingSession', requestId), entityId: sessionId },
      );
      return sheet(actor, sessionId);
    },

    /** One person's course: marks per class day, the result and the certificate it wrote. */
    async detail(actor: SessionUser, enrolmentId: string, locale = 'zh-CN'): Promise<EnrolmentDetail> {
      const row = await courses.enrolmentInScope(actor, enrolmentId);
      const [enrolment] = await courses.enrolmentViews([row], locale);
      const marks = new Map((await repo.attendanceOf(enrolmentId)).map((m) => [m.sessionId, m.present]));
      const sessions = await repo.sessions(row.courseId);
      const certificate = row.certificateId ? await repo.certificate(row.certificateId) : null;
      const ref = await reference();
      return {
        enrolment: enrolment!,
        attendance: sessions.map((s) => ({
          sessionId: s.id,
          heldOn: dayOf(s.heldOn),
          present: marks.get(s.id) ?? null,
        })),
        certificate: certificate && {
          id: certificate.id,
          kind: certificate.kind,
          name: ref.nameIn('certificate', certificate.kind, locale),
          level: certificate.level,
          number: certificate.number,
          issuer: certificate.issuer,
          issuedOn: certificate.issuedOn ? dayOf(certificate.issuedOn) : null,
        },
      };
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
