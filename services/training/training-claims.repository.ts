import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';

/** What the training side reads to claim the training and appraisal subsidies on a certificate. */
export function createTrainingClaimsRepository(db: Db) {
  return {
    /** A certificate with the reference table's category of its kind. */
    certificate: async (id: string) => {
      const row = await db.labourerCertificate.findUnique({
        where: { id },
        select: { id: true, labourerId: true, kind: true, level: true, number: true },
      });
      if (!row) return null;
      const kind = await db.certificateKind.findUnique({ where: { code: row.kind }, select: { category: true } });
      return { ...row, category: kind?.category ?? null };
    },
    /** Categories of certificate kinds, by code. */
    categories: async (codes: string[]) => {
      const rows = await db.certificateKind.findMany({
        where: { code: { in: codes } },
        select: { code: true, category: true },
      });
      return new Map(rows.map((r) => [r.code, r.category as string]));
    },
    /**
     * The claims made on certificates (their reference) on the two programmes, read-only: the claim
     * engine owns them and moves them on; training shows where each stands. (The subsidies module's
     * public face offers no read by reference yet; reports read the table the same way.)
     */
    claimsOn: (certificateIds: string[]) =>
      certificateIds.length
        ? db.subsidyClaim.findMany({
            where: { reference: { in: certificateIds }, programme: { code: { in: ['training', 'appraisal'] } } },
            select: {
              id: true,
              reference: true,
              status: true,
              amount: true,
              level: true,
              levelPriced: true,
              programme: { select: { code: true } },
            },
            orderBy: { createdAt: 'asc' },
          })
        : Promise.resolve([]),
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type TrainingClaimsRepository = ReturnType<typeof createTrainingClaimsRepository>;
