import { certificateByNumber, grantCertificate, type CertificateGrant } from '../labourers/index.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';
import { ConflictError } from '../platform/errors/domain-errors.ts';

/** What importing certificates from the appraisal system reads and writes. */
export function createCertificateImportRepository(db: Db) {
  return {
    person: (id: string) =>
      db.labourer.findUnique({ where: { id }, select: { id: true, regionCode: true, erasedAt: true } }),
    kinds: () => db.certificateKind.findMany({ select: { code: true, nameZh: true } }),
    /** Certificates already recorded under these numbers, with whose and which kind. */
    byNumbers: async (numbers: string[]) => {
      const rows = await db.labourerCertificate.findMany({
        where: { number: { in: numbers } },
        select: { number: true, labourerId: true, kind: true },
      });
      return new Map(rows.map((r) => [r.number!, r]));
    },
    /**
     * Writes every certificate in one transaction, or none: a number recorded meanwhile for another
     * certificate aborts the whole file.
     */
    saveAll: (grants: CertificateGrant[], audit: AuditEntry) =>
      db.$transaction(async (tx) => {
        for (const grant of grants) {
          const held = grant.number ? await certificateByNumber(tx, grant.number) : null;
          if (held && (held.labourerId !== grant.labourerId || held.kind !== grant.kind))
            throw new ConflictError(`Certificate number ${grant.number} was recorded meanwhile`, {
              reason: 'certificate_number_taken',
            });
          await grantCertificate(tx, grant);
        }
        await recordAudit(tx, audit);
      }),
  };
}

export type CertificateImportRepository = ReturnType<typeof createCertificateImportRepository>;
