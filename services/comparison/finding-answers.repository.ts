import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { FindingStatus, Role } from '../platform/database/generated/enums.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { FindingKind } from './comparison.kinds.ts';

const HASH_CHUNK = 1000;

/** Findings a page or one at a time, officers' answers to them, and the dismissals later runs remember. */
export function findingAnswerQueries(db: Db) {
  return {
    async findings(
      runId: string,
      filter: { kind?: FindingKind | undefined; status?: FindingStatus | undefined },
      page: number,
      pageSize: number,
    ) {
      const where = {
        runId,
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      };
      const [items, total] = await Promise.all([
        db.comparisonFinding.findMany({ where, orderBy: { id: 'asc' }, skip: (page - 1) * pageSize, take: pageSize }),
        db.comparisonFinding.count({ where }),
      ]);
      return { items, total };
    },

    finding: (id: bigint) => db.comparisonFinding.findUnique({ where: { id } }),

    /** Earlier dismissals of these people for these kinds of finding, keyed `personKey:kind`. */
    async dismissals(findings: Array<{ personKey: string; kind: FindingKind }>) {
      const found = new Map<string, { reason: string; dismissedById: string; dismissedAt: Date }>();
      const keys = [...new Set(findings.map((f) => f.personKey))];
      for (let i = 0; i < keys.length; i += HASH_CHUNK) {
        const rows = await db.comparisonDismissal.findMany({
          where: { personKey: { in: keys.slice(i, i + HASH_CHUNK) } },
        });
        for (const row of rows) found.set(`${row.personKey}:${row.kind}`, row);
      }
      return found;
    },

    /**
     * Closes an open finding (applied or dismissed) with its audit record, and remembers a dismissal
     * for later runs; false when it was no longer open (another officer was quicker).
     */
    resolve: (
      finding: { id: bigint; kind: FindingKind; personKey: string | null },
      outcome: { status: 'applied' | 'dismissed'; resolution: string },
      audit: Omit<Parameters<typeof recordAudit>[1], 'entity' | 'entityId'> & { actor: { id: string; role: Role } },
    ) =>
      db.$transaction(async (tx) => {
        const at = new Date();
        const { count } = await tx.comparisonFinding.updateMany({
          where: { id: finding.id, status: 'open' },
          data: { ...outcome, resolvedAt: at, resolvedById: audit.actor.id },
        });
        if (count === 0) return false;
        if (outcome.status === 'dismissed' && finding.personKey) {
          const remembered = {
            reason: outcome.resolution,
            dismissedById: audit.actor.id,
            dismissedAt: at,
            findingId: finding.id,
          };
          await tx.comparisonDismissal.upsert({
            where: { personKey_kind: { personKey: finding.personKey, kind: finding.kind } },
            create: { personKey: finding.personKey, kind: finding.kind, ...remembered },
            update: remembered,
          });
        }
        await recordAudit(tx, { ...audit, entity: 'comparison_finding', entityId: String(finding.id) });
        return true;
      }),
  };
}
