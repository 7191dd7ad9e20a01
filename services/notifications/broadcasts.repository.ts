import type { Role } from '../platform/database/generated/enums.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

export type BroadcastRow = Prisma.BroadcastGetPayload<object>;

/** Officers' broadcasts and the people they reach. */
export function createBroadcastsRepository(db: Db) {
  return {
    create: (data: Prisma.BroadcastUncheckedCreateInput) => db.broadcast.create({ data }),
    setRecipients: (id: string, recipients: number) => db.broadcast.update({ where: { id }, data: { recipients } }),
    /** The newest broadcasts to regions under the prefix. */
    latest: (prefix: string, take: number) =>
      db.broadcast.findMany({
        where: { regionCode: { startsWith: prefix } },
        orderBy: { createdAt: 'desc' },
        take,
      }),

    /**
     * Enabled accounts of these roles in the region (an employer's by its own region or its
     * employer's), in id order after `after`.
     */
    accountsIn: (roles: Role[], regionCode: string, after: string | undefined, take: number) =>
      db.user.findMany({
        where: {
          role: { in: roles },
          disabledAt: null,
          OR: [
            { regionCode: { startsWith: regionCode } },
            { role: 'employer', employer: { regionCode: { startsWith: regionCode } } },
          ],
          ...(after ? { id: { gt: after } } : {}),
        },
        orderBy: { id: 'asc' },
        take,
        select: { id: true },
      }),

    /** People of the region (not erased) with their account if any, in id order after `after`. */
    labourersIn: (regionCode: string, after: string | undefined, take: number) =>
      db.labourer.findMany({
        where: {
          regionCode: { startsWith: regionCode },
          erasedAt: null,
          ...(after ? { id: { gt: after } } : {}),
        },
        orderBy: { id: 'asc' },
        take,
        select: { id: true, user: { select: { id: true, disabledAt: true } } },
      }),
  };
}

export type BroadcastsRepository = ReturnType<typeof createBroadcastsRepository>;
