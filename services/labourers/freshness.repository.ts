import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { FreshnessCutoffs } from './freshness.ts';
import type { Area } from '../platform/access/area.ts';
import { areaSql } from '../platform/database/area-sql.ts';
import { Prisma } from '../platform/database/generated/client.ts';

export interface AreaCounts {
  /** A 9-digit township code (or the record's shorter code when it has no township). */
  township: string;
  records: number;
  fresh: number;
  verified: number;
  noContactYear: number;
}

const STALE_SELECT = {
  id: true,
  name: true,
  idNumberMasked: true,
  phoneMasked: true,
  regionCode: true,
  updatedAt: true,
  verifiedAt: true,
  contactedAt: true,
} as const;

/** Record freshness (see freshness.ts): counts by township, the stale records, verification. */
export function createFreshnessRepository(db: Db) {
  const staleWhere = (prefix: string, cutoffs: FreshnessCutoffs) => ({
    erasedAt: null,
    regionCode: { startsWith: prefix },
    updatedAt: { lt: cutoffs.freshSince },
    OR: [{ verifiedAt: null }, { verifiedAt: { lt: cutoffs.freshSince } }],
  });
  return {
    byTownship: (area: Area, cutoffs: FreshnessCutoffs) =>
      db.$queryRaw<AreaCounts[]>`
        SELECT substring("regionCode", 1, 9) AS township,
               count(*)::int AS records,
               count(*) FILTER (WHERE "updatedAt" >= ${cutoffs.freshSince}
                                   OR "verifiedAt" >= ${cutoffs.freshSince})::int AS fresh,
               count(*) FILTER (WHERE "verifiedAt" >= ${cutoffs.freshSince})::int AS verified,
               count(*) FILTER (WHERE "createdAt" < ${cutoffs.contactSince}
                                  AND ("contactedAt" IS NULL OR "contactedAt" < ${cutoffs.contactSince}))::int
                 AS "noContactYear"
          FROM "Labourer"
         WHERE "erasedAt" IS NULL AND ${areaSql(Prisma.sql`"regionCode"`, area)}
         GROUP BY 1
         ORDER BY 1`,

    /** Records not fresh, longest untouched first, a page at a time. */
    async stale(prefix: string, cutoffs: FreshnessCutoffs, page: number, pageSize: number) {
      const where = staleWhere(prefix, cutoffs);
      const [items, total] = await Promise.all([
        db.labourer.findMany({
          where,
          select: STALE_SELECT,
          orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.labourer.count({ where }),
      ]);
      return { items, total };
    },

    /** Every stale record, in pages of `pageSize`, for an export. */
    async *allStale(prefix: string, cutoffs: FreshnessCutoffs, pageSize = 1000) {
      let cursor: string | undefined;
      for (;;) {
        const page = await db.labourer.findMany({
          where: staleWhere(prefix, cutoffs),
          select: STALE_SELECT,
          orderBy: { id: 'asc' },
          take: pageSize,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (page.length) yield page;
        if (page.length < pageSize) return;
        cursor = page.at(-1)!.id;
      }
    },

    regionOf: (id: string) => db.labourer.findUnique({ where: { id }, select: { regionCode: true, erasedAt: true } }),

    /** The officer confirmed the record with the person: verified and contacted now, audited together. */
    verify: (id: string, actor: Pick<SessionUser, 'id' | 'role'>, requestId: string, at: Date) =>
      db.$transaction(async (tx) => {
        await tx.labourer.update({
          where: { id },
          data: { verifiedAt: at, verifiedById: actor.id, contactedAt: at },
        });
        await recordAudit(tx, { actor, action: 'labourer.verify', entity: 'labourer', entityId: id, requestId });
      }),

    audit: (entry: Parameters<typeof recordAudit>[1]) => recordAudit(db, entry),
  };
}

export type FreshnessRepository = ReturnType<typeof createFreshnessRepository>;
export type StaleRow = Awaited<ReturnType<FreshnessRepository['stale']>>['items'][number];
