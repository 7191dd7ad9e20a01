import type { Db, Prisma } from '../platform/database/prisma.ts';

export type { TrainingRecord } from '../platform/database/generated/client.ts';

/** Training records, and what deciding who may keep them needs to read. */
export function createTrainingRepository(db: Db) {
  return {
    person: (labourerId: string) =>
      db.labourer.findUnique({ where: { id: labourerId }, select: { regionCode: true, erasedAt: true } }),
    /** The partner regions of the agreements held by regions under the prefix. */
    partnerRegionsOf: (homePrefix: string) =>
      db.cooperationAgreement.findMany({
        where: { homeRegionCode: { startsWith: homePrefix } },
        select: { partnerRegionCode: true },
      }),
    agreement: (id: string) => db.cooperationAgreement.findUnique({ where: { id } }),
    ofPerson: (labourerId: string) =>
      db.trainingRecord.findMany({ where: { labourerId }, orderBy: { startedOn: 'desc' } }),
    ofAgreement: (agreementId: string) =>
      db.trainingRecord.findMany({ where: { agreementId }, orderBy: { startedOn: 'desc' } }),
    create: (data: Prisma.TrainingRecordUncheckedCreateInput) => db.trainingRecord.create({ data }),
  };
}

export type TrainingRepository = ReturnType<typeof createTrainingRepository>;
