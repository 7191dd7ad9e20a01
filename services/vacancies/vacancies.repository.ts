import { enqueueIndexing } from '../../search-index/outbox.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { VacancyStatus } from '../platform/database/generated/enums.ts';

/** Every write here goes with its outbox row in one transaction, so search never misses a change. */
export function createVacanciesRepository(db: Db) {
  return {
    findById: (id: string) =>
      db.vacancy.findUnique({ where: { id }, include: { employer: { select: { regionCode: true, name: true } } } }),
    employerRegion: (employerId: string) =>
      db.employer.findUnique({ where: { id: employerId }, select: { regionCode: true } }),
    create: (data: Prisma.VacancyUncheckedCreateInput) =>
      db.$transaction(async (tx) => {
        const vacancy = await tx.vacancy.create({ data });
        await enqueueIndexing(tx, 'vacancies', [vacancy.id]);
        return vacancy;
      }),
    setStatus: (id: string, status: VacancyStatus, publishedAt?: Date) =>
      db.$transaction(async (tx) => {
        const vacancy = await tx.vacancy.update({
          where: { id },
          data: { status, ...(publishedAt ? { publishedAt } : {}) },
        });
        await enqueueIndexing(tx, 'vacancies', [id]);
        return vacancy;
      }),
    remove: (id: string) =>
      db.$transaction(async (tx) => {
        await tx.vacancy.delete({ where: { id } });
        await enqueueIndexing(tx, 'vacancies', [id]);
      }),
  };
}

export type VacanciesRepository = ReturnType<typeof createVacanciesRepository>;
