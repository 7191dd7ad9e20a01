/**
 * Rows held for an officer before phones were encrypted keep the number in clear in their JSON
 * (`incoming.input.phone`). Converted at start with the labourers' phones
 * (services/labourers/legacy-phones.repository.ts): the number moves to `incoming.phoneEncrypted`
 * and `phoneMasked`; the row's fingerprint is kept, so the same row is still recognised.
 */
import { maskPhone, type PiiCipher } from '../platform/crypto/pii.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

export async function encryptHeldPhones(db: Db, pii: PiiCipher, batchSize = 500): Promise<number> {
  let converted = 0;
  for (;;) {
    const rows = await db.$queryRawUnsafe<Array<{ id: string; incoming: Record<string, unknown> }>>(
      `SELECT id, incoming FROM "DuplicateFlag" WHERE jsonb_exists(incoming->'input', 'phone') ORDER BY id LIMIT $1`,
      batchSize,
    );
    if (!rows.length) return converted;
    await db.$transaction(async (tx) => {
      for (const row of rows) {
        const { phone, ...input } = row.incoming.input as Record<string, unknown>;
        const clear = typeof phone === 'string' && phone ? phone : null;
        const incoming = {
          ...row.incoming,
          input,
          phoneEncrypted: clear ? pii.encrypt(clear) : null,
          phoneMasked: clear ? maskPhone(clear) : null,
        };
        await tx.duplicateFlag.update({ where: { id: row.id }, data: { incoming: incoming as Prisma.InputJsonValue } });
      }
    });
    converted += rows.length;
  }
}
