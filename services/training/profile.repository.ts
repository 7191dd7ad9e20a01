import type { Db } from '../platform/database/prisma.ts';

/** A person's courses, older training records and certificates, for their profile pages. */
export function createProfileRepository(db: Db) {
  return {
    enrolments: (labourerId: string) =>
      db.trainingEnrolment.findMany({
        where: { labourerId, status: { in: ['enrolled', 'waiting', 'completed'] } },
        orderBy: { createdAt: 'desc' },
        select: {
          id: true,
          status: true,
          passed: true,
          completedAt: true,
          course: { select: { id: true, title: true, providerName: true, startsOn: true, endsOn: true } },
        },
      }),
    records: (labourerId: string) =>
      db.trainingRecord.findMany({
        where: { labourerId },
        orderBy: { startedOn: 'desc' },
        select: { id: true, course: true, provider: true, startedOn: true, endedOn: true, passed: true },
      }),
    certificates: (labourerId: string) =>
      db.labourerCertificate.findMany({
        where: { labourerId },
        orderBy: [{ issuedOn: 'desc' }, { id: 'asc' }],
        select: { id: true, kind: true, level: true, issuer: true, issuedOn: true, number: true },
      }),
  };
}

export type ProfileRepository = ReturnType<typeof createProfileRepository>;
