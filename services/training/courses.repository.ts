import type { Db, Prisma } from '../platform/database/prisma.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import { certificateByNumber, grantCertificate, type CertificateGrant } from '../labourers/index.ts';
import { ConflictError } from '../platform/errors/domain-errors.ts';

export type { TrainingCourse, TrainingEnrolment } from '../platform/database/generated/client.ts';

const enrolmentShape = {
  include: {
    course: {
      select: {
        title: true,
        programme: true,
        occupationCode: true,
        regionCode: true,
        place: true,
        inVillage: true,
        startsOn: true,
        eligibility: true,
        certificateKind: true,
        providerName: true,
        providerId: true,
        seats: true,
      },
    },
  },
} as const;

/** Seats are held by the enrolled and the completed. */
const SEATED = ['enrolled', 'completed'] as const;

/** Courses and enrolments; every write is audited in its transaction. */
export function createCoursesRepository(db: Db) {
  return {
    ...offerQueries(db),
    ...seatQueries(db),
    courses: (regionPrefix: string, where: Prisma.TrainingCourseWhereInput = {}) =>
      db.trainingCourse.findMany({
        where: { regionCode: { startsWith: regionPrefix }, ...where },
        orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
        take: 500,
      }),
    course: (id: string) => db.trainingCourse.findUnique({ where: { id } }),
    /** A training provider with accounts of its own, as a course given to it copies it. */
    provider: (id: string) =>
      db.trainingProvider.findUnique({ where: { id }, select: { id: true, name: true, kind: true, regionCode: true } }),
    /** Seats taken and people waiting, per course. */
    counts: async (courseIds: string[]) => {
      const rows = await db.trainingEnrolment.groupBy({
        by: ['courseId', 'status'],
        where: { courseId: { in: courseIds } },
        _count: { _all: true },
      });
      return rows.map((r) => ({ courseId: r.courseId, status: r.status, count: r._count._all }));
    },
    createCourse: (data: Prisma.TrainingCourseUncheckedCreateInput, audit: Omit<AuditEntry, 'entityId'>) =>
      db.$transaction(async (tx) => {
        const row = await tx.trainingCourse.create({ data });
        await recordAudit(tx, { ...audit, entityId: row.id });
        return row;
      }),
    updateCourse: (id: string, data: Prisma.TrainingCourseUncheckedUpdateInput, audit: AuditEntry) =>
      db.$transaction(async (tx) => {
        const row = await tx.trainingCourse.update({ where: { id }, data });
        await recordAudit(tx, audit);
        return row;
      }),
    person: (labourerId: string) =>
      db.labourer.findUnique({
        where: { id: labourerId },
        select: { id: true, name: true, regionCode: true, erasedAt: true, povertyStatus: true, povertyYear: true },
      }),
    enrolments: (courseId: string) =>
      db.trainingEnrolment.findMany({ where: { courseId }, orderBy: { createdAt: 'asc' }, ...enrolmentShape }),
    enrolment: (id: string) => db.trainingEnrolment.findUnique({ where: { id }, ...enrolmentShape }),
    enrolmentOf: (courseId: string, labourerId: string) =>
      db.trainingEnrolment.findUnique({ where: { courseId_labourerId: { courseId, labourerId } }, ...enrolmentShape }),
    ofPerson: (labourerId: string) =>
      db.trainingEnrolment.findMany({
        where: { labourerId },
        orderBy: { createdAt: 'desc' },
        include: { course: true },
      }),
    names: (labourerIds: string[]) =>
      db.labourer.findMany({ where: { id: { in: labourerIds } }, select: { id: true, name: true } }),
    /** Attendance and completion; a granted certificate is written in the same transaction. */
    updateEnrolment: (
      id: string,
      data: Prisma.TrainingEnrolmentUncheckedUpdateInput,
      certificate: CertificateGrant | null,
      audit: AuditEntry,
    ) =>
      db.$transaction(async (tx) => {
        if (certificate?.number) {
          const held = await certificateByNumber(tx, certificate.number);
          if (held && (held.labourerId !== certificate.labourerId || held.kind !== certificate.kind))
            throw new ConflictError('The certificate number is recorded for another certificate', {
              reason: 'certificate_number_taken',
            });
        }
        const certificateId = certificate ? await grantCertificate(tx, certificate) : undefined;
        const row = await tx.trainingEnrolment.update({
          where: { id },
          data: { ...data, ...(certificateId ? { certificateId } : {}) },
          ...enrolmentShape,
        });
        await recordAudit(tx, audit);
        return row;
      }),
  };
}

/** Taking and giving back seats: each a serialisable step over the course's seat count. */
function seatQueries(db: Db) {
  return {
    /**
     * Enrols (or puts on the waiting list) in one serialisable step: the seat count is read and
     * the row written in the same transaction, so two taps never take the last seat twice.
     */
    enrol: (courseId: string, labourerId: string, seats: number, audit: Omit<AuditEntry, 'entityId'>) =>
      db.$transaction(
        async (tx) => {
          const taken = await tx.trainingEnrolment.count({ where: { courseId, status: { in: [...SEATED] } } });
          const status = taken < seats ? 'enrolled' : 'waiting';
          const row = await tx.trainingEnrolment.upsert({
            where: { courseId_labourerId: { courseId, labourerId } },
            create: { courseId, labourerId, status, enrolledAt: new Date() },
            update: { status, enrolledAt: new Date(), withdrawnAt: null },
            ...enrolmentShape,
          });
          await recordAudit(tx, { ...audit, entityId: row.id, details: { status } });
          return row;
        },
        { isolationLevel: 'Serializable' },
      ),
    /**
     * Withdraws a person; a seat they held goes to the first on the waiting list, in the same
     * serialisable step (two withdrawals never promote one person twice or leave a seat empty).
     */
    withdraw: (id: string, audit: AuditEntry) =>
      db.$transaction(
        async (tx) => {
          const row = await tx.trainingEnrolment.update({
            where: { id },
            data: { status: 'withdrawn', withdrawnAt: new Date() },
            ...enrolmentShape,
          });
          const taken = await tx.trainingEnrolment.count({
            where: { courseId: row.courseId, status: { in: [...SEATED] } },
          });
          const next =
            taken < row.course.seats
              ? await tx.trainingEnrolment.findFirst({
                  where: { courseId: row.courseId, status: 'waiting' },
                  orderBy: [{ enrolledAt: 'asc' }, { createdAt: 'asc' }],
                })
              : null;
          const promoted = next
            ? await tx.trainingEnrolment.update({
                where: { id: next.id },
                data: { status: 'enrolled' },
                ...enrolmentShape,
              })
            : null;
          await recordAudit(tx, { ...audit, details: { promoted: promoted?.id ?? null } });
          return { row, promoted };
        },
        { isolationLevel: 'Serializable' },
      ),
  };
}

/** What offering courses to people with training wishes reads and writes. */
function offerQueries(db: Db) {
  return {
    /** People of the region with training wishes (not erased), a slice at a time in id order. */
    wishers: (regionPrefix: string, take: number, afterId?: string) =>
      db.labourer.findMany({
        where: {
          regionCode: { startsWith: regionPrefix },
          erasedAt: null,
          trainingWishes: { isEmpty: false },
          ...(afterId ? { id: { gt: afterId } } : {}),
        },
        orderBy: { id: 'asc' },
        select: {
          id: true,
          name: true,
          regionCode: true,
          trainingWishes: true,
          povertyStatus: true,
          povertyYear: true,
          erasedAt: true,
        },
        take,
      }),
    offered: (courseIds: string[]) =>
      db.trainingEnrolment.findMany({
        where: { courseId: { in: courseIds } },
        select: { courseId: true, labourerId: true },
      }),
    /** The accounts of people, by labourer id (people without one get their notices by SMS). */
    usersOf: async (labourerIds: string[]) => {
      const rows = await db.user.findMany({
        where: { labourerId: { in: labourerIds } },
        select: { id: true, labourerId: true },
      });
      return new Map(rows.map((r) => [r.labourerId!, r.id]));
    },
    /** Offers written with their notices in one transaction; repeated offers are skipped. */
    createOffers: (
      rows: Prisma.TrainingEnrolmentCreateManyInput[],
      after: (
        tx: Prisma.TransactionClient,
        created: { id: string; courseId: string; labourerId: string; offerReason: string | null }[],
      ) => Promise<void>,
      audit: AuditEntry,
    ) =>
      db.$transaction(async (tx) => {
        const created = await tx.trainingEnrolment.createManyAndReturn({
          data: rows,
          skipDuplicates: true,
          ...enrolmentShape,
        });
        await after(tx, created);
        await recordAudit(tx, { ...audit, details: { offered: created.length } });
        return created;
      }),
  };
}

export type CoursesRepository = ReturnType<typeof createCoursesRepository>;
export type EnrolmentRow = NonNullable<Awaited<ReturnType<CoursesRepository['enrolment']>>>;
