import type { Db } from '../platform/database/prisma.ts';

/** The database reads of readiness and metrics. */
export function createHealthRepository(db: Db) {
  return {
    /** One round trip: the database answers. */
    ping: () => db.$queryRaw`SELECT 1`,
    outboxBacklog: () => db.searchOutbox.count(),
    /** When the oldest search outbox row was written; null when the outbox is empty. */
    async outboxOldest(): Promise<Date | null> {
      const oldest = await db.searchOutbox.findFirst({ orderBy: { id: 'asc' }, select: { createdAt: true } });
      return oldest?.createdAt ?? null;
    },
    /** Push campaigns counted by status (statuses without a campaign are absent). */
    async campaignsByStatus(): Promise<Map<string, number>> {
      const rows = await db.pushCampaign.groupBy({ by: ['status'], _count: { _all: true } });
      return new Map(rows.map((r) => [r.status, r._count._all]));
    },
  };
}

export type HealthRepository = ReturnType<typeof createHealthRepository>;
