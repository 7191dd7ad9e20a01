import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import { findingAnswerQueries } from './finding-answers.repository.ts';
import type { ComparisonKind, FindingKind } from './comparison.kinds.ts';
import type { Finding } from './comparison.rules.ts';

const REGISTRY_SELECT = {
  id: true,
  name: true,
  idNumberHash: true,
  idNumberMasked: true,
  regionCode: true,
  birthDate: true,
  employmentStatus: true,
  povertyStatus: true,
  pensionInsurance: true,
  trainingWishes: true,
} as const satisfies Prisma.LabourerSelect;

export type RegistryRow = Prisma.LabourerGetPayload<{ select: typeof REGISTRY_SELECT }>;

const PAGE = 5000;
const HASH_CHUNK = 1000;
const INSERT_CHUNK = 1000;

/** A finding as stored: open, or dismissed already because an officer dismissed it in an earlier run. */
export type StoredFinding = Finding & {
  status?: 'open' | 'dismissed';
  resolvedAt?: Date;
  resolvedById?: string;
  resolution?: string;
};

export interface NewRun {
  kind: ComparisonKind;
  fileName: string;
  regionCode: string;
  createdById: string;
  externalRows: number;
  totals: Prisma.InputJsonValue;
}

/** The comparison's queries: the registry side of a region, and the stored runs and findings. */
export function createComparisonRepository(db: Db) {
  return {
    ...findingAnswerQueries(db),
    /** Everyone registered and not erased under the prefix, a page at a time. */
    async *registryInScope(prefix: string): AsyncGenerator<RegistryRow[]> {
      let cursor: string | undefined;
      for (;;) {
        const page = await db.labourer.findMany({
          where: { erasedAt: null, regionCode: { startsWith: prefix } },
          select: REGISTRY_SELECT,
          orderBy: { id: 'asc' },
          take: PAGE,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (page.length) yield page;
        if (page.length < PAGE) return;
        cursor = page.at(-1)!.id;
      }
    },

    /** Which of these ID hashes belong to people registered outside the prefix. */
    async registeredOutside(prefix: string, hashes: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      if (!prefix) return found;
      for (let i = 0; i < hashes.length; i += HASH_CHUNK) {
        const rows = await db.labourer.findMany({
          where: {
            idNumberHash: { in: hashes.slice(i, i + HASH_CHUNK) },
            erasedAt: null,
            NOT: { regionCode: { startsWith: prefix } },
          },
          select: { idNumberHash: true },
        });
        for (const row of rows) found.add(row.idNumberHash);
      }
      return found;
    },

    /** Stores a run, its findings and the audit record together: a report is whole or absent. */
    saveRun: (run: NewRun, findings: StoredFinding[], audit: { actorRole: 'officer' | 'admin'; requestId: string }) =>
      db.$transaction(
        async (tx) => {
          const created = await tx.comparisonRun.create({ data: run, select: { id: true } });
          for (let i = 0; i < findings.length; i += INSERT_CHUNK) {
            await tx.comparisonFinding.createMany({
              data: findings.slice(i, i + INSERT_CHUNK).map((f) => ({ ...f, runId: created.id })),
            });
          }
          await recordAudit(tx, {
            actor: { id: run.createdById, role: audit.actorRole },
            action: 'comparison.run',
            entity: 'comparison_run',
            entityId: created.id,
            requestId: audit.requestId,
            details: { kind: run.kind, fileName: run.fileName, findings: findings.length },
          });
          return created.id;
        },
        { timeout: 120_000 },
      ),

    findRun: (id: string) => db.comparisonRun.findUnique({ where: { id } }),

    async listRuns(prefix: string, page: number, pageSize: number) {
      const where = { regionCode: { startsWith: prefix } };
      const [items, total] = await Promise.all([
        db.comparisonRun.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.comparisonRun.count({ where }),
      ]);
      return { items, total };
    },

    /** Pages through a run's findings, for exports. */
    async *allFindings(runId: string, kind: FindingKind | undefined, pageSize = 1000) {
      let cursor: bigint | undefined;
      for (;;) {
        const page = await db.comparisonFinding.findMany({
          where: { runId, ...(kind ? { kind } : {}) },
          orderBy: { id: 'asc' },
          take: pageSize,
          ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (page.length) yield page;
        if (page.length < pageSize) return;
        cursor = page.at(-1)!.id;
      }
    },

    displayNames: async (ids: string[]) =>
      new Map(
        (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [
          u.id,
          u.displayName,
        ]),
      ),

    audit: (entry: Parameters<typeof recordAudit>[1]) => recordAudit(db, entry),
  };
}

export type ComparisonRepository = ReturnType<typeof createComparisonRepository>;
