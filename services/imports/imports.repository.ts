import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { DuplicateKind, DuplicateResolution } from '../platform/database/generated/enums.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import { insertRows } from './bulk-insert.repository.ts';

type Tx = Prisma.TransactionClient;

export interface JobCounters {
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  errorCount: number;
  duplicateCount: number;
}

export interface NewIssue {
  rowNumber: number;
  column: string;
  value: string | null;
  reason: string;
}

export interface NewFlag {
  rowNumber: number;
  kind: DuplicateKind;
  reason: string;
  existingLabourerId: string | null;
  otherRowNumber: number | null;
  incoming: Prisma.InputJsonValue;
}

export type { ImportIssue } from '../platform/database/generated/client.ts';

const inScope = (scope: string) => ({ regionCode: { startsWith: scope } });

/** Sources, import jobs and their counters. */
function sourceAndJobQueries(db: Db) {
  return {
    transaction: <T>(work: (tx: Tx) => Promise<T>) => db.$transaction(work, { timeout: 300_000, maxWait: 60_000 }),

    /** Skill and occupation names, to read a spreadsheet that names them instead of giving codes. */
    async taxonomy() {
      const [skills, occupations] = await Promise.all([
        db.skill.findMany({ select: { code: true, nameZh: true } }),
        db.occupation.findMany({ select: { code: true, nameZh: true } }),
      ]);
      return { skills, occupations };
    },

    listSources: (scope: string) =>
      db.importSource.findMany({ where: inScope(scope), orderBy: [{ regionCode: 'asc' }, { name: 'asc' }] }),
    findSource: (id: string) => db.importSource.findUnique({ where: { id } }),
    createSource: (data: Prisma.ImportSourceUncheckedCreateInput) => db.importSource.create({ data }),
    updateSource: (id: string, data: Prisma.ImportSourceUncheckedUpdateInput) =>
      db.importSource.update({ where: { id }, data }),

    createJob: (data: Prisma.ImportJobUncheckedCreateInput) => db.importJob.create({ data }),
    findJob: (id: string) =>
      db.importJob.findUnique({ where: { id }, include: { source: { select: { id: true, name: true } } } }),
    async listJobs(scope: string, page: number, pageSize: number) {
      const where = inScope(scope);
      const [items, total] = await Promise.all([
        db.importJob.findMany({
          where,
          orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
          include: { source: { select: { id: true, name: true } } },
        }),
        db.importJob.count({ where }),
      ]);
      return { items, total };
    },
    /** The latest earlier job of the same file in the same region, to say "imported before". */
    previousJobOfFile: (fileHash: string, regionCode: string, before: Date) =>
      db.importJob.findFirst({
        where: { fileHash, regionCode, startedAt: { lt: before } },
        orderBy: { startedAt: 'desc' },
        select: { id: true, startedAt: true },
      }),
    updateJob: (id: string, data: Prisma.ImportJobUncheckedUpdateInput) => db.importJob.update({ where: { id }, data }),
    addToJob: (tx: Tx, id: string, counters: JobCounters) =>
      tx.importJob.update({
        where: { id },
        data: Object.fromEntries(Object.entries(counters).map(([key, n]) => [key, { increment: n }])),
      }),
    pendingFlagCounts: async (jobIds: string[]) =>
      new Map(
        (
          await db.duplicateFlag.groupBy({
            by: ['jobId'],
            where: { jobId: { in: jobIds }, resolution: 'pending' },
            _count: { _all: true },
          })
        ).map((g) => [g.jobId, g._count._all]),
      ),
  };
}

/** The problems an import found, the duplicates it flagged, and recovery after a crash. */
function issueAndFlagQueries(db: Db) {
  return {
    /** Adds a job's issues inside the caller's transaction, or on their own without one. */
    addIssues: (tx: Tx | undefined, jobId: string, issues: NewIssue[]) =>
      insertRows(
        tx ?? db,
        'ImportIssue',
        issues.map((issue) => ({ ...issue, jobId })),
      ),
    async listIssues(jobId: string, page: number, pageSize: number) {
      const [items, total] = await Promise.all([
        db.importIssue.findMany({
          where: { jobId },
          orderBy: [{ rowNumber: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.importIssue.count({ where: { jobId } }),
      ]);
      return { items, total };
    },
    /** Every issue of a job, a page at a time, for the error report. */
    async *allIssues(jobId: string, pageSize = 2000) {
      let cursor: bigint | undefined;
      for (;;) {
        const page = await db.importIssue.findMany({
          where: { jobId },
          orderBy: { id: 'asc' },
          take: pageSize,
          ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (page.length) yield page;
        if (page.length < pageSize) return;
        cursor = page.at(-1)!.id;
      }
    },

    /** Fingerprints among these that a flag already carries (any job, any resolution). */
    async knownFingerprints(tx: Tx, fingerprints: string[]): Promise<Set<string>> {
      if (!fingerprints.length) return new Set();
      const rows = await tx.duplicateFlag.findMany({
        where: { OR: fingerprints.map((fp) => ({ incoming: { path: ['fingerprint'], equals: fp } })) },
        select: { incoming: true },
      });
      return new Set(rows.map((r) => (r.incoming as { fingerprint?: string }).fingerprint ?? ''));
    },
    addFlags: (tx: Tx, jobId: string, flags: NewFlag[]) =>
      flags.length ? tx.duplicateFlag.createMany({ data: flags.map((f) => ({ ...f, jobId })) }) : undefined,
    listFlags: (jobId: string, resolution?: DuplicateResolution) =>
      db.duplicateFlag.findMany({
        where: { jobId, ...(resolution ? { resolution } : {}) },
        orderBy: [{ rowNumber: 'asc' }, { id: 'asc' }],
      }),
    findFlag: (id: string) =>
      db.duplicateFlag.findUnique({
        where: { id },
        include: { job: { select: { id: true, regionCode: true, fileName: true } } },
      }),
    /** Marks a flag resolved unless someone else resolved it first; answers whether this call did. */
    async resolveFlag(tx: Tx, id: string, resolution: DuplicateResolution, actorId: string | null) {
      const { count } = await tx.duplicateFlag.updateMany({
        where: { id, resolution: 'pending' },
        data: { resolution, resolvedById: actorId, resolvedAt: new Date() },
      });
      return count === 1;
    },
    /** The other rows of the same ID number held from the same file. */
    siblingFlags: (tx: Tx, jobId: string, idNumberHash: string, exceptId: string) =>
      tx.duplicateFlag.findMany({
        where: {
          jobId,
          kind: 'in_file',
          resolution: 'pending',
          id: { not: exceptId },
          incoming: { path: ['idNumberHash'], equals: idNumberHash },
        },
        select: { id: true },
      }),
    labourerSummaries: (ids: string[]) =>
      db.labourer.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          name: true,
          idNumberMasked: true,
          birthDate: true,
          regionCode: true,
          erasedAt: true,
          employmentStatus: true,
        },
      }),

    /** Marks every job left queued or running failed (they died with the process that ran them). */
    failInterruptedJobs: () =>
      db.importJob.updateMany({
        where: { status: { in: ['pending', 'running'] } },
        data: {
          status: 'failed',
          error: 'Interrupted: the server stopped before the job finished. Import the file again.',
          finishedAt: new Date(),
        },
      }),

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

/** Sources, jobs, issues and duplicate flags of the import module. */
export function createImportsRepository(db: Db) {
  return { ...sourceAndJobQueries(db), ...issueAndFlagQueries(db) };
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;
