/**
 * Phones written before they were encrypted (migration 20261205182507_labourer_phone_encrypted)
 * sit in clear in the old `phone` column. A SQL migration cannot encrypt with the app's key, so
 * the app converts them at start, after the migrations: in batches, each one statement that only
 * touches a row whose clear number is still the one read, so a re-run, a crash half-way or two
 * replicas starting together convert every row once and lose nothing. The column is dropped by a
 * later migration, once every installation has started this version.
 */
import { normalisePhone, type PiiCipher, storedPhone } from '../platform/crypto/pii.ts';
import type { Db } from '../platform/database/prisma.ts';

export async function encryptLegacyPhones(db: Db, pii: PiiCipher, batchSize = 1000): Promise<number> {
  let converted = 0;
  for (;;) {
    const rows = await db.labourer.findMany({
      where: { legacyPhone: { not: null } },
      select: { id: true, legacyPhone: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (!rows.length) return converted;
    const values = rows.map((row) => {
      const clear = row.legacyPhone!;
      // A number that is not a plain mobile is kept as written rather than lost.
      const stored = storedPhone(pii, normalisePhone(clear) ?? (clear.trim() || null));
      return { id: row.id, old: clear, e: stored.phoneEncrypted, h: stored.phoneHash, m: stored.phoneMasked };
    });
    converted += await db.$executeRawUnsafe(
      `UPDATE "Labourer" AS l
          SET "phoneEncrypted" = t.e, "phoneHash" = t.h, "phoneMasked" = t.m, "phone" = NULL
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, old text, e text, h text, m text)
        WHERE l.id = t.id AND l."phone" = t.old`,
      JSON.stringify(values),
    );
  }
}
