import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { AuditDetails } from './audit.repository.ts';

export { recordAudit } from './audit.repository.ts';
export type { AuditDetails };

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
