import type { Db } from '../platform/database/prisma.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';

/** Class days, attendance sheets and one enrolment's record. */
export function createAttendanceRepository(db: Db) {
  return {
    sessions: (courseId: string) =>
      db.trainingSession.findMany({
        where: { courseId },
        orderBy: { heldOn: 'asc' },
        include: {
          attendance: { where: { present: true }, select: { enrolmentId: true } },
          _count: { select: { attendance: true } },
        },
      }),
    session: (id: string) => db.trainingSession.findUnique({ where: { id } }),
    sessionOn: (courseId: string, heldOn: Date) =>
      db.trainingSession.findUnique({ where: { courseId_heldOn: { courseId, heldOn } } }),
    addSession: (data: { courseId: string; heldOn: Date; topic: string | null }, audit: Omit<AuditEntry, 'entityId'>) =>
      db.$transaction(async (tx) => {
        const row = await tx.trainingSession.create({ data });
        await recordAudit(tx, { ...audit, entityId: row.id });
        return row;
      }),
    /** The people a sheet lists: enrolled or completed on the course, in the order they came. */
    seated: (courseId: string) =>
      db.trainingEnrolment.findMany({
        where: { courseId, status: { in: ['enrolled', 'completed'] } },
        orderBy: { createdAt: 'asc' },
        select: { id: true, labourerId: true },
      }),
    marks: (sessionId: string) =>
      db.trainingAttendance.findMany({ where: { sessionId }, select: { enrolmentId: true, present: true } }),
    /**
     * Saves a whole sheet in one transaction: a mark per listed person, then each one's count of
     * class days attended, so the count never disagrees with the marks.
     */
    saveSheet: (sessionId: string, marks: { enrolmentId: string; present: boolean }[], audit: AuditEntry) =>
      db.$transaction(async (tx) => {
        for (const mark of marks)
          await tx.trainingAttendance.upsert({
            where: { sessionId_enrolmentId: { sessionId, enrolmentId: mark.enrolmentId } },
            create: { sessionId, ...mark, recordedBy: audit.actor?.id ?? null },
            update: { present: mark.present, recordedAt: new Date(), recordedBy: audit.actor?.id ?? null },
          });
        const ids = marks.map((m) => m.enrolmentId);
        const counts = await tx.trainingAttendance.groupBy({
          by: ['enrolmentId'],
          where: { enrolmentId: { in: ids }, present: true },
          _count: { _all: true },
        });
        const attended = new Map(counts.map((c) => [c.enrolmentId, c._count._all]));
        for (const id of ids)
          await tx.trainingEnrolment.update({ where: { id }, data: { attendedSessions: attended.get(id) ?? 0 } });
        await recordAudit(tx, { ...audit, details: { present: marks.filter((m) => m.present).length } });
      }),
    /** One enrolment's marks over the course's class days. */
    attendanceOf: (enrolmentId: string) =>
      db.trainingAttendance.findMany({ where: { enrolmentId }, select: { sessionId: true, present: true } }),
    certificate: (id: string) => db.labourerCertificate.findUnique({ where: { id } }),
  };
}

export type AttendanceRepository = ReturnType<typeof createAttendanceRepository>;
