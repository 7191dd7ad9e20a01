import type { Prisma } from '../database/prisma.ts';
import type { SessionUser } from '../http/fastify-types.ts';

/** What an audit record keeps beside who did what: any JSON value. */
export type AuditDetails = Prisma.InputJsonValue;

export interface AuditEntry {
  actor: Pick<SessionUser, 'id' | 'role'> | null;
  action:
    | 'labourer.id_number.read'
    | 'labourer.export'
    | 'labourer.erase'
    | 'import.error_report'
    | 'comparison.export'
    | (string & {});
  entity: string;
  entityId?: string | null;
  requestId?: string;
  details?: AuditDetails;
}

/** Writes one audit record, in the caller's transaction when given one. */
export async function recordAudit(db: Pick<Prisma.TransactionClient, 'auditLog'>, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      requestId: entry.requestId ?? null,
      ...(entry.details === undefined ? {} : { details: entry.details }),
    },
  });
}
