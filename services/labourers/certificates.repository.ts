import type { Prisma } from '../platform/database/prisma.ts';

export interface CertificateGrant {
  labourerId: string;
  /** A code from prisma/reference/certificates.json. */
  kind: string;
  level?: string | null;
  issuer?: string | null;
  issuedOn?: Date | null;
}

/**
 * Records a certificate a person gained (e.g. by passing a course), in the caller's transaction,
 * so matching sees it at once. Returns the certificate's id.
 */
export async function grantCertificate(
  tx: Pick<Prisma.TransactionClient, 'labourerCertificate'>,
  grant: CertificateGrant,
): Promise<string> {
  const row = await tx.labourerCertificate.create({
    data: {
      labourerId: grant.labourerId,
      kind: grant.kind,
      level: grant.level ?? null,
      issuer: grant.issuer ?? null,
      issuedOn: grant.issuedOn ?? null,
    },
    select: { id: true },
  });
  return row.id;
}
