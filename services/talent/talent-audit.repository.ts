import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { Actor } from './talent-access.ts';

/** Audits an export of personal data (names, masked ID numbers) from the talent pages. */
export const recordAuditOf =
  (db: Db) =>
  (actor: Actor, action: string, entity: string, requestId: string, details: Record<string, string | number>) =>
    recordAudit(db, { actor: { id: actor.id, role: actor.role }, action, entity, requestId, details });
