import type { Role } from '../platform/database/generated/enums.ts';
import { scopePrefix } from '../platform/access/scope.ts';

/** Who runs an import: a signed-in officer or admin, or the command line (no user id). */
export interface ImportActor {
  id: string | null;
  role: Role;
  regionCode: string | null;
}

/** An officer's region prefix; '' for an admin. */
export function scopeOf(actor: ImportActor): string {
  return scopePrefix(actor);
}
