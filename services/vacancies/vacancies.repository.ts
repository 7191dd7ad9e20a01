import { enqueueIndexing } from '../../search-index/outbox.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

const WITH_EMPLOYER = {
  employer: { select: { id: true, name: true, kind: true, regionCode: true, verifiedAt: true } },
} as const;
export type VacancyRow = Prisma.VacancyGetPayload<{ include: typeof WITH_EMPLOYER }>;

/** Every write here goes with its outbox row in one transaction, so search never misses a change. */
export function createVacanciesRepository(db: Db) {
  return {
    findById: (id: string) => db.vacancy.findUnique({ where: { id }, include: WITH_EMPLOYER }),
    employer: (employerId: string) =>
      db.employer.findUnique({ where: { id: employerId }, select: { id: true, regionCode: true, verifiedAt: true } }),
    listForEmployer: (employerId: string) =>
      db.vacancy.findMany({ where: { employerId }, include: WITH_EMPLOYER, orderBy: [{ updatedAt: 'desc' }] }),
    create: (data: Prisma.VacancyUncheckedCreateInput) =>
      db.$transaction(async (tx) => {
        const vacancy = await tx.vacancy.create({ data, include: WITH_EMPLOYER });
        await enqueueIndexing(tx, 'vacancies', [vacancy.id]);
        return vacancy;
      }),
    update: (id: string, data: Prisma.VacancyUncheckedUpdateInput) =>
      db.$transaction(async (tx) => {
        const vacancy = await tx.vacancy.update({ where: { id }, data, include: WITH_EMPLOYER });
        await enqueueIndexing(tx, 'vacancies', [id]);
        return vacancy;
      }),
    remove: (id: string) =>
      db.$transaction(async (tx) => {
        await tx.vacancy.delete({ where: { id } });
        await enqueueIndexing(tx, 'vacancies', [id]);
      }),
    /** Marks open and paused vacancies past their expiry as expired; answers how many. */
    expireDue: (now: Date) =>
      db.$transaction(async (tx) => {
        const due = await tx.vacancy.findMany({
          where: { status: { in: ['open', 'paused'] }, expiresAt: { lte: now } },
          select: { id: true },
          take: 5000,
        });
        if (due.length === 0) return 0;
        const ids = due.map((v) => v.id);
        await tx.vacancy.updateMany({ where: { id: { in: ids } }, data: { status: 'expired' } });
        await enqueueIndexing(tx, 'vacancies', ids);
        return ids.length;
      }),
  };
}

export type VacanciesRepository = ReturnType<typeof createVacanciesRepository>;
