/**
 * Accounts created before self-registrants' names were hashed carry a mobile number (or a chosen
 * ID number) in clear as their username. A SQL migration cannot hash with the app's key, so the app converts them at start
 * (like encryptLegacyPhones): one statement per batch that only touches a row whose name is still
 * the number read, so a re-run or two replicas starting together convert each row once.
 */
import { loginAccountName } from '../platform/auth/username.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { Db } from '../platform/database/prisma.ts';

export async function hashPhoneUsernames(db: Db, pii: PiiCipher, batchSize = 1000): Promise<number> {
  let converted = 0;
  for (;;) {
    const rows = await db.$queryRawUnsafe<Array<{ id: string; username: string }>>(
      `SELECT id, username FROM "User" WHERE username ~ '^(1[0-9]{10}|[0-9]{17}[0-9xX])$' ORDER BY id LIMIT $1`,
      batchSize,
    );
    if (!rows.length) return converted;
    const values = rows.map((row) => ({ id: row.id, old: row.username, name: loginAccountName(pii, row.username) }));
    const changed = await db.$executeRawUnsafe(
      `UPDATE "User" AS u SET username = t.name
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, old text, name text)
        WHERE u.id = t.id AND u.username = t.old`,
      JSON.stringify(values),
    );
    converted += changed;
    // Another process converted this batch meanwhile: the next read finds what is left.
    if (changed === 0 && rows.length < batchSize) return converted;
  }
}
