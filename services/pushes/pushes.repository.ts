import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import { seekingWorkSql } from '../labourers/index.ts';
import type { CampaignTrigger } from '../platform/database/generated/enums.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

/** One key for every campaign's write step: pushes and the per-vacancy cap are decided under it. */
const WRITE_LOCK = 770_001;
/**
 * A running campaign holds its region by a lease its process renews while it runs; one whose
 * lease lapsed was cut off (its process died, or its queue was lost) and blocks nothing.
 */
export const LEASE_MS = 2 * 60_000;

const willingIn = (prefix: string) => ({ wantsJob: true, erasedAt: null, regionCode: { startsWith: prefix } });

export const CAMPAIGN_SELECT = {
  id: true,
  regionCode: true,
  trigger: true,
  status: true,
  total: true,
  considered: true,
  pushed: true,
  withoutMatch: true,
  startedById: true,
  startedAt: true,
  finishedAt: true,
  error: true,
} as const;

/** Stored as a failed campaign's reason when a restart cut it off; pages translate it. */
export const INTERRUPTED_BY_RESTART = 'interrupted by a restart';

/** Marks campaigns whose lease lapsed as failed, so they no longer hold their region. */
function expireLeases(db: Pick<Prisma.TransactionClient, 'pushCampaign'>, leaseMs: number) {
  return db.pushCampaign.updateMany({
    where: { status: { in: ['pending', 'running'] }, heartbeatAt: { lte: new Date(Date.now() - leaseMs) } },
    data: { status: 'failed', finishedAt: new Date(), error: 'cut off: its lease lapsed (no heartbeat)' },
  });
}

/** The write step's transaction, as campaign code sees it (it passes it on to the queries below). */
export type WriteTx = Prisma.TransactionClient;
/** What a gap records about why a person got no job. */
export type GapDetail = Prisma.InputJsonValue;

/** Who the campaigns are about: the people who want work, their pushes and names. */
function peopleQueries(db: Db) {
  return {
    countWilling(prefix: string) {
      return db.labourer.count({ where: willingIn(prefix) });
    },

    /** The counties with people who want work under a prefix: one campaign chunk each. */
    async counties(prefix: string): Promise<string[]> {
      const rows = await db.$queryRaw<Array<{ county: string }>>`
        SELECT DISTINCT substr("regionCode", 1, 6) AS "county" FROM "Labourer"
        WHERE "wantsJob" AND "erasedAt" IS NULL AND "regionCode" LIKE ${`${prefix}%`} ORDER BY 1`;
      return rows.map((r) => r.county);
    },

    pushesOf(labourerIds: string[]) {
      return db.jobPush.findMany({
        where: { labourerId: { in: labourerIds } },
        select: { labourerId: true, vacancyId: true, pushedAt: true },
      });
    },

    async newestPublished(): Promise<Date | null> {
      const row = await db.vacancy.aggregate({ where: { status: 'open' }, _max: { publishedAt: true } });
      return row._max.publishedAt;
    },

    labourerNames(ids: string[]) {
      return db.labourer.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, idNumberMasked: true, sex: true, birthDate: true },
      });
    },
  };
}

/** Campaigns: starting one (one per region at a time), its progress, its lease and its end. */
function campaignQueries(db: Db, leaseMs: number) {
  return {
    /** Starts a campaign unless one over an overlapping region is running; null when one is. */
    startCampaign(input: {
      regionCode: string;
      trigger: CampaignTrigger;
      startedById: string | null;
      total: number;
      bootId: string;
    }) {
      return db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITE_LOCK + 1})`;
        await expireLeases(tx, leaseMs);
        const busy = await tx.$queryRaw<Array<{ id: string }>>`
          SELECT "id" FROM "PushCampaign"
          WHERE "status" IN ('pending', 'running')
            AND ("regionCode" LIKE ${`${input.regionCode}%`} OR ${input.regionCode} LIKE "regionCode" || '%')
          LIMIT 1`;
        if (busy.length) return { campaign: null, busyId: busy[0]!.id };
        const campaign = await tx.pushCampaign.create({
          data: { ...input, status: 'running' },
          select: CAMPAIGN_SELECT,
        });
        return { campaign, busyId: null };
      });
    },

    campaign(id: string) {
      return db.pushCampaign.findUnique({ where: { id }, select: CAMPAIGN_SELECT });
    },

    async campaigns(scope: string, page: number, pageSize: number) {
      const where = { regionCode: { startsWith: scope } };
      const [items, total] = await Promise.all([
        db.pushCampaign.findMany({
          where,
          select: CAMPAIGN_SELECT,
          orderBy: { startedAt: 'desc' },
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.pushCampaign.count({ where }),
      ]);
      return { items, total };
    },

    /** Completes a campaign; its people without a match are the gaps it wrote (and still stand). */
    async finishCampaign(id: string) {
      const withoutMatch = await db.pushGap.count({ where: { campaignId: id } });
      return db.pushCampaign.update({
        where: { id },
        data: { status: 'completed', finishedAt: new Date(), withoutMatch },
        select: CAMPAIGN_SELECT,
      });
    },

    failCampaign(id: string, error: string) {
      return db.pushCampaign.updateMany({
        where: { id, status: { in: ['pending', 'running'] } },
        data: { status: 'failed', finishedAt: new Date(), error: error.slice(0, 500) },
      });
    },

    /** Renews a running campaign's lease; false when it no longer runs (failed meanwhile). */
    async heartbeat(id: string): Promise<boolean> {
      const { count } = await db.pushCampaign.updateMany({
        where: { id, status: { in: ['pending', 'running'] } },
        data: { heartbeatAt: new Date() },
      });
      return count > 0;
    },

    /** Campaigns of dead processes on a shared database: their leases lapsed. */
    failExpired: () => expireLeases(db, leaseMs),

    /**
     * Campaigns a restart cut off (one process owns the embedded database): those left pending or
     * running by an earlier process, never one this process (bootId) has started meanwhile.
     */
    failInterrupted(bootId: string) {
      return db.pushCampaign.updateMany({
        where: {
          status: { in: ['pending', 'running'] },
          OR: [{ bootId: null }, { bootId: { not: bootId } }],
        },
        data: { status: 'failed', finishedAt: new Date(), error: INTERRUPTED_BY_RESTART },
      });
    },
  };
}

/** The people a campaign left without a job, with the reason why. */
function gapQueries(db: Db) {
  return {
    /** Gaps of people under the prefix who no longer want work (or were erased) are not gaps. */
    async dropStaleGaps(prefix: string) {
      await db.$executeRaw`
        DELETE FROM "PushGap" g WHERE g."regionCode" LIKE ${`${prefix}%`}
          AND NOT EXISTS (SELECT 1 FROM "Labourer" l WHERE l."id" = g."labourerId" AND l."wantsJob" AND l."erasedAt" IS NULL)`;
    },

    countGaps(prefix: string) {
      return db.pushGap.count({ where: { regionCode: { startsWith: prefix } } });
    },

    async gaps(prefix: string, page: number, pageSize: number) {
      const where = { regionCode: { startsWith: prefix } };
      const [rows, total] = await Promise.all([
        db.pushGap.findMany({
          where,
          orderBy: [{ regionCode: 'asc' }, { labourerId: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.pushGap.count({ where }),
      ]);
      return { rows, total };
    },

    gapPage(prefix: string, after: string | null, take: number) {
      return db.pushGap.findMany({
        where: { regionCode: { startsWith: prefix }, ...(after ? { labourerId: { gt: after } } : {}) },
        orderBy: { labourerId: 'asc' },
        take,
      });
    },
  };
}

/** Coverage by county, and the regions it can be read for. */
function coverageQueries(db: Db) {
  return {
    /**
     * By county under the prefix: the people the plan promises a pushed job (labourers'
     * seekingWorkSql: registered poor, not erased, wanting work, not in work, able to work, as of
     * now) and how many of them have had at least one job pushed by now, with the county's name
     * when the reference data has it. The indicators' push_coverage counts the same people.
     */
    coverageByCounty(prefix: string) {
      return db.$queryRaw<Array<{ county: string; willing: number; covered: number; name: string | null }>>`
        SELECT c."county", c."willing", c."covered", r."name"
        FROM (
          SELECT substr(l."regionCode", 1, 6) AS "county", count(*)::int AS "willing",
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "JobPush" p WHERE p."labourerId" = l."id"))::int AS "covered"
          FROM "Labourer" l
          WHERE ${seekingWorkSql('l')} AND l."regionCode" LIKE ${`${prefix}%`}
          GROUP BY 1
        ) c LEFT JOIN "Region" r ON r."code" = c."county"
        ORDER BY c."county"`;
    },

    /** The province, cities and counties under a prefix, in code order. */
    regionsUnder(prefix: string) {
      return db.region.findMany({
        where: { code: { startsWith: prefix }, level: { in: ['province', 'city', 'county'] } },
        select: { code: true, name: true, level: true },
        orderBy: { code: 'asc' },
      });
    },
  };
}

export function createPushesRepository(db: Db, leaseMs = LEASE_MS) {
  return {
    ...peopleQueries(db),
    ...campaignQueries(db, leaseMs),
    ...gapQueries(db),
    ...coverageQueries(db),

    /** The write step of a page: under one lock, so the caps hold whatever worker writes. */
    writeStep<T>(work: (tx: WriteTx) => Promise<T>) {
      return db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
          return work(tx);
        },
        { timeout: 60_000, maxWait: 60_000 },
      );
    },

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type PushesRepository = ReturnType<typeof createPushesRepository>;

/** What the write step reads and writes, inside its transaction. */
export const writeQueries = {
  async pushCounts(tx: WriteTx, vacancyIds: string[]) {
    if (!vacancyIds.length) return new Map<string, number>();
    const rows = await tx.$queryRaw<Array<{ vacancyId: string; count: number }>>`
      SELECT "vacancyId", count(*)::int AS "count" FROM "JobPush" WHERE "vacancyId" = ANY(${vacancyIds}) GROUP BY 1`;
    return new Map(rows.map((r) => [r.vacancyId, r.count]));
  },

  headcounts(tx: WriteTx, vacancyIds: string[]) {
    return tx.vacancy.findMany({
      where: { id: { in: vacancyIds } },
      select: {
        id: true,
        title: true,
        headcount: true,
        wageMin: true,
        wageMax: true,
        payBasis: true,
        regionCode: true,
        employer: { select: { name: true } },
      },
    });
  },

  usersOf(tx: WriteTx, labourerIds: string[]) {
    return tx.user.findMany({
      where: { labourerId: { in: labourerIds } },
      select: { id: true, labourerId: true },
    });
  },

  /**
   * Writes pushes in one statement (a campaign writes hundreds of thousands); a pair already
   * pushed is skipped by the primary key, which is what makes a push once-only.
   */
  async insertPushes(
    tx: WriteTx,
    pushes: Array<{
      labourerId: string;
      vacancyId: string;
      campaignId: string;
      score: number;
      notificationId: bigint | null;
    }>,
  ) {
    if (!pushes.length) return 0;
    return tx.$executeRaw`
      INSERT INTO "JobPush" ("labourerId", "vacancyId", "campaignId", "score", "notificationId")
      SELECT * FROM unnest(${pushes.map((p) => p.labourerId)}::text[], ${pushes.map((p) => p.vacancyId)}::text[],
        ${pushes.map((p) => p.campaignId)}::text[], ${pushes.map((p) => p.score)}::float8[],
        ${pushes.map((p) => (p.notificationId === null ? null : p.notificationId.toString()))}::bigint[])
      ON CONFLICT DO NOTHING`;
  },

  async replaceGaps(
    tx: WriteTx,
    labourerIds: string[],
    gaps: Array<{
      labourerId: string;
      campaignId: string;
      regionCode: string;
      reason: string;
      detail: GapDetail;
    }>,
  ) {
    await tx.pushGap.deleteMany({ where: { labourerId: { in: labourerIds } } });
    if (gaps.length) await tx.pushGap.createMany({ data: gaps, skipDuplicates: true });
  },

  progress(tx: WriteTx, campaignId: string, by: { considered: number; pushed: number; withoutMatch: number }) {
    return tx.pushCampaign.update({
      where: { id: campaignId },
      data: {
        considered: { increment: by.considered },
        pushed: { increment: by.pushed },
        withoutMatch: { increment: by.withoutMatch },
      },
      select: { id: true },
    });
  },
};
