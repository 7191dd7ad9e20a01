import { ForbiddenError } from '../errors/domain-errors.ts';
import type { SessionUser } from '../http/fastify-types.ts';

/** The officer's scope as a region prefix; admins see everything. */
export function scopePrefix(actor: Pick<SessionUser, 'role' | 'regionCode'>): string {
  if (actor.role === 'admin') return '';
  if (actor.role === 'officer' && actor.regionCode) return actor.regionCode;
  throw new ForbiddenError('This needs an officer with a region');
}
