import type { Db } from '../platform/database/prisma.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';

const VOLUNTEER = {
  id: true,
  username: true,
  displayName: true,
  regionCode: true,
  disabledAt: true,
  createdAt: true,
} as const;

/**
 * 就业红娘 volunteers' accounts (users with the role volunteer) under a region prefix, with how many
 * open pairings each has. The graduates module creates them: a volunteer exists only to be paired.
 */
export function createVolunteersRepository(db: Db) {
  const withOpen = async <T extends { id: string }>(rows: T[]) => {
    const open = await db.matchmakerPairing.groupBy({
      by: ['matchmakerId'],
      where: { matchmakerId: { in: rows.map((r) => r.id) }, endedAt: null },
      _count: { _all: true },
    });
    const counts = new Map(open.map((o) => [o.matchmakerId, o._count._all]));
    return rows.map((r) => ({ ...r, openPairings: counts.get(r.id) ?? 0 }));
  };
  return {
    list: async (prefix: string) =>
      withOpen(
        await db.user.findMany({
          where: { role: 'volunteer', regionCode: { startsWith: prefix } },
          select: VOLUNTEER,
          orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { regionCode: 'asc' }, { username: 'asc' }],
          take: 1000,
        }),
      ),

    find: async (id: string) => {
      const row = await db.user.findFirst({ where: { id, role: 'volunteer' }, select: VOLUNTEER });
      return row ? (await withOpen([row]))[0]! : null;
    },

    regionExists: async (code: string) => !!(await db.region.findUnique({ where: { code }, select: { code: true } })),

    /** Creates the account; null when the username is taken. */
    async create(data: { username: string; passwordHash: string; displayName: string; regionCode: string }) {
      try {
        return await db.user.create({ data: { ...data, role: 'volunteer' }, select: VOLUNTEER });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },

    /** Stops (or allows again) the account; its sessions and tokens stop working at once. */
    setDisabled: (id: string, disabledAt: Date | null) =>
      db.user.update({ where: { id }, data: { disabledAt }, select: VOLUNTEER }),

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type VolunteersRepository = ReturnType<typeof createVolunteersRepository>;
export type VolunteerRow = NonNullable<Awaited<ReturnType<VolunteersRepository['find']>>>;
