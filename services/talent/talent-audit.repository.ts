import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { Actor } from './talent-access.ts';

/** Audits an export of personal data (names, masked ID numbers) from the talent pages. */
export const recordAuditOf =
  (db: Db) =>
  (actor: Actor, action: string, entity: string, requestId: string, details: Record<string, string | number>) =>
    recordAudit(db, { actor: { id: actor.id, role: actor.role }, action, entity, requestId, details });

/**
 * A write and its audit record in one transaction: the record names what was written (its id) unless
 * the entry names it already; a refusal the write returns (null, a reason string) is not recorded.
 */
export function auditedWrite<T>(db: Db, audit: AuditEntry, write: (tx: Prisma.TransactionClient) => Promise<T>) {
  return db.$transaction(async (tx) => {
    const result = await write(tx);
    if (result !== null && typeof result === 'object') {
      const id = (result as { id?: unknown }).id;
      const entityId = audit.entityId ?? (typeof id === 'string' || typeof id === 'bigint' ? String(id) : null);
      await recordAudit(tx, { ...audit, entityId });
    }
    return result;
  });
}
