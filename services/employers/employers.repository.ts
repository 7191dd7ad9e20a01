import { enqueueIndexing } from '../../search-index/outbox.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

export type { Employer } from '../platform/database/generated/client.ts';

/** Employer queries. A change that shows in job search re-indexes the employer's vacancies. */
export function createEmployersRepository(db: Db) {
  async function reindexVacancies(tx: Prisma.TransactionClient, employerId: string) {
    const vacancies = await tx.vacancy.findMany({ where: { employerId }, select: { id: true } });
    await enqueueIndexing(
      tx,
      'vacancies',
      vacancies.map((v) => v.id),
    );
  }

  return {
    findById: (id: string) => db.employer.findUnique({ where: { id } }),
    findByCreditCode: (creditCode: string) => db.employer.findUnique({ where: { creditCode }, select: { id: true } }),
    create: (data: Prisma.EmployerUncheckedCreateInput, linkUserId?: string) =>
      db.$transaction(async (tx) => {
        const employer = await tx.employer.create({ data });
        if (linkUserId) await tx.user.update({ where: { id: linkUserId }, data: { employerId: employer.id } });
        return employer;
      }),
    createWithAccount: (
      data: Prisma.EmployerUncheckedCreateInput,
      account: { username: string; passwordHash: string; displayName: string },
    ) =>
      db.$transaction(async (tx) => {
        if (await tx.user.findUnique({ where: { username: account.username }, select: { id: true } }))
          return { conflict: 'username' as const };
        if (await tx.employer.findUnique({ where: { creditCode: data.creditCode }, select: { id: true } }))
          return { conflict: 'creditCode' as const };
        const employer = await tx.employer.create({ data });
        const user = await tx.user.create({
          data: { ...account, role: 'employer', employerId: employer.id, regionCode: data.regionCode },
        });
        await tx.employer.update({ where: { id: employer.id }, data: { registeredById: user.id } });
        return { employerId: employer.id, userId: user.id };
      }),
    update: (id: string, data: Prisma.EmployerUncheckedUpdateInput) =>
      db.$transaction(async (tx) => {
        const employer = await tx.employer.update({ where: { id }, data });
        await reindexVacancies(tx, id);
        return employer;
      }),
    list: async (where: Prisma.EmployerWhereInput, page: number, pageSize: number) => {
      const [items, total] = await Promise.all([
        db.employer.findMany({
          where,
          orderBy: [{ verifiedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.employer.count({ where }),
      ]);
      return { items, total };
    },
  };
}

export type EmployersRepository = ReturnType<typeof createEmployersRepository>;
