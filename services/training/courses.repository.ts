import type { Db, Prisma } from '../platform/database/prisma.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import { grantCertificate, type CertificateGrant } from '../labourers/index.ts';

export type { TrainingCourse, TrainingEnrolment } from '../platform/database/generated/client.ts';

const enrolmentShape = {
  include: { course: { select: { title: true, regionCode: true, certificateKind: true, providerName: true } } },
} as const;

/** Courses and enrolments; every write is audited in its transaction. */
export function createCoursesRepository(db: Db) {
  return {
    ...offerQueries(db),
    courses: (regionPrefix: string, where: Prisma.TrainingCourseWhereInput = {}) =>
      db.trainingCourse.findMany({
        where: { regionCode: { startsWith: regionPrefix }, ...where },
        orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
        take: 500,
      }),
    course: (id: string) => db.trainingCourse.findUnique({ where: { id } }),
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
    /**
     * Enrols (or puts on the waiting list) in one serialisable step: the seat count is read and
     * the row written in the same transaction, so two taps never take the last seat twice.
     */
    enrol: (courseId: string, labourerId: string, seats: number, audit: Omit<AuditEntry, 'entityId'>) =>
      db.$transaction(
        async (tx) => {
          const taken = await tx.trainingEnrolment.count({
            where: { courseId, status: { in: ['enrolled', 'completed'] } },
          });
          const status = taken < seats ? 'enrolled' : 'waiting';
          const row = await tx.trainingEnrolment.upsert({
            where: { courseId_labourerId: { courseId, labourerId } },
            create: { courseId, labourerId, status, enrolledAt: new Date() },
            update: { status, enrolledAt: new Date() },
            ...enrolmentShape,
          });
          await recordAudit(tx, { ...audit, entityId: row.id, details: { status } });
          return row;
        },
        { isolationLevel: 'Serializable' },
      ),
    /** Attendance and completion; a granted certificate is written in the same transaction. */
    updateEnrolment: (
      id: string,
      data: Prisma.TrainingEnrolmentUncheckedUpdateInput,
      certificate: CertificateGrant | null,
      audit: AuditEntry,
    ) =>
      db.$transaction(async (tx) => {
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

/** What offering courses to people with training wishes reads and writes. */
function offerQueries(db: Db) {
  return {
    /** People of the region with training wishes (not erased). */
    wishers: (regionPrefix: string) =>
      db.labourer.findMany({
        where: { regionCode: { startsWith: regionPrefix }, erasedAt: null, trainingWishes: { isEmpty: false } },
        select: {
          id: true,
          name: true,
          regionCode: true,
          trainingWishes: true,
          povertyStatus: true,
          povertyYear: true,
          erasedAt: true,
        },
        take: 5000,
      }),
    offered: (courseIds: string[]) =>
      db.trainingEnrolment.findMany({
        where: { courseId: { in: courseIds } },
        select: { courseId: true, labourerId: true },
      }),
    userOf: (labourerId: string) => db.user.findUnique({ where: { labourerId }, select: { id: true } }),
    /** Offers written with their notices in one transaction; repeated offers are skipped. */
    createOffers: (
      rows: Prisma.TrainingEnrolmentCreateManyInput[],
      after: (
        tx: Prisma.TransactionClient,
        created: { id: string; courseId: string; labourerId: string }[],
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
