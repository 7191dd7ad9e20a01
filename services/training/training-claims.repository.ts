import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';
import { claimsOnReferences } from '../subsidies/index.ts';

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
    /** The claims made on certificates (their reference) on the two programmes, through the claim engine's face. */
    claimsOn: (certificateIds: string[]) => claimsOnReferences(db, certificateIds, ['training', 'appraisal']),
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type TrainingClaimsRepository = ReturnType<typeof createTrainingClaimsRepository>;
