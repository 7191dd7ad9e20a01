import type { Prisma } from '../platform/database/prisma.ts';

export interface CertificateGrant {
  labourerId: string;
  /** A code from prisma/reference/certificates.json. */
  kind: string;
  level?: string | null;
  issuer?: string | null;
  issuedOn?: Date | null;
  /** The number printed on it: one number is one certificate. */
  number?: string | null;
  occupationCode?: string | null;
}

/** A certificate already recorded under a number, with whose it is. */
export function certificateByNumber(tx: Pick<Prisma.TransactionClient, 'labourerCertificate'>, number: string) {
  return tx.labourerCertificate.findUnique({
    where: { number },
    select: { id: true, labourerId: true, kind: true },
  });
}

/**
 * Records a certificate a person gained (e.g. by passing a course), in the caller's transaction,
 * so matching sees it at once. Returns the certificate's id. A number recorded before for the same
 * person and kind answers that certificate (a repeated grant or import writes nothing twice); the
 * caller checks a number held by someone else first (`certificateByNumber`).
 */
export async function grantCertificate(
  tx: Pick<Prisma.TransactionClient, 'labourerCertificate'>,
  grant: CertificateGrant,
): Promise<string> {
  if (grant.number) {
    const held = await certificateByNumber(tx, grant.number);
    if (held && held.labourerId === grant.labourerId && held.kind === grant.kind) return held.id;
  }
  const row = await tx.labourerCertificate.create({
    data: {
      labourerId: grant.labourerId,
      kind: grant.kind,
      level: grant.level ?? null,
      issuer: grant.issuer ?? null,
      issuedOn: grant.issuedOn ?? null,
      number: grant.number ?? null,
      occupationCode: grant.occupationCode ?? null,
    },
    select: { id: true },
  });
  return row.id;
}
