import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { parseIdNumber } from '../platform/crypto/id-number.ts';
import { maskIdNumber, type PiiCipher } from '../platform/crypto/pii.ts';
import type { PovertyByIdNumber } from '../labourers/index.ts';

export type Actor = Pick<SessionUser, 'id' | 'role' | 'regionCode'>;

/** Plans, posts, catalogues and the linked-county work are the province's: province officers and admins. */
export function requireProvince(actor: Actor): string {
  const scope = scopePrefix(actor);
  if (scope.length > 2) throw new ForbiddenError('Only province officers keep this', { reason: 'province_only' });
  return scope;
}

/** A code inside the officer's region, or a 403 naming the field. */
export function requireInScope(actor: Actor, code: string, field: string) {
  const scope = scopePrefix(actor);
  if (!code.startsWith(scope)) {
    throw new ValidationError('Outside your region', [
      { field, code: 'out_of_scope', message: 'is outside your region' },
    ]);
  }
}

/** The ID number checked and in its one written form (a 400 naming the field otherwise). */
export function cleanIdNumber(raw: string): string {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) {
    throw new ValidationError('Invalid ID number', [
      { field: 'idNumber', code: `id_${parsed.problem}`, message: `is not a valid ID number (${parsed.problem})` },
    ]);
  }
  return parsed.value.idNumber;
}

/** The ID number checked, encrypted, hashed and masked as labourers' are (the platform's PII cipher). */
export function sealIdNumber(pii: PiiCipher, raw: string) {
  const id = cleanIdNumber(raw);
  return { idNumberEncrypted: pii.encrypt(id), idNumberHash: pii.hash(id), idNumberMasked: maskIdNumber(id) };
}

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The audit entry of a write or an export. */
export const audited = (actor: Actor, action: string, entity: string, requestId?: string) => ({
  actor: { id: actor.id, role: actor.role },
  action,
  entity,
  ...(requestId ? { requestId } : {}),
});

/**
 * A recruit's standing from the registry, by ID number (labourers' public face): a registered poor
 * person or not, household in the county or not. A post reserved for local poor people (plan §5(1)
 * 面向本地户籍或本地生源中的贫困人口) refuses anyone else, naming the reserved-post field.
 */
export async function recruitStanding(
  povertyOf: PovertyByIdNumber,
  rawIdNumber: string,
  countyCode: string,
  reservedPost: boolean,
) {
  const person = await povertyOf(cleanIdNumber(rawIdNumber));
  const standing = {
    poorFamily: person?.registeredPoor ?? false,
    localToCounty: person?.regionCode.startsWith(countyCode) ?? false,
  };
  if (reservedPost && !(standing.poorFamily && standing.localToCounty)) {
    throw new ValidationError('Not a registered poor person of the county', [
      {
        field: 'reservedPost',
        code: person?.registeredPoor ? 'not_local' : 'not_registered_poor',
        message: person?.registeredPoor
          ? 'a reserved post is for a registered poor person of this county; this person is registered elsewhere'
          : 'a reserved post is for a registered poor person of this county; the ID number is not one',
      },
    ]);
  }
  return standing;
}
