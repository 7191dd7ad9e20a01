/**
 * The one spelling of an account name used for look-up, throttling and new accounts alike:
 * full-width letters and digits folded (NFKC), surrounding spaces (ideographic ones too) trimmed,
 * lower-cased. Every spelling a person might type reaches the same account and the same budget.
 */
export function normaliseUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

/** What `PiiCipher.hash` offers: a keyed hash of an identifier (kept structural so this file imports no key). */
interface KeyedHash {
  hash(value: string): string;
}

const PHONE_ACCOUNT = /^1\d{10}$/;
const PHONE_PREFIX = 'phone:';
/** An 18-character national ID number (lower-cased here, as every account name is). */
const ID_ACCOUNT = /^\d{17}[\dx]$/;
const ID_PREFIX = 'idno:';

/**
 * The stored account name of someone who signs in with a mobile number (self-registered job
 * seekers): a keyed hash, so the number is not in the users table in clear. Sign-in computes the
 * same name from what the person types.
 */
export function phoneAccountName(pii: KeyedHash, phone: string): string {
  return `${PHONE_PREFIX}${pii.hash(phone)}`;
}

/**
 * The name to look up, store and throttle for what was typed: a mobile number (spaces, dashes and
 * +86 allowed) becomes its hashed account name, an ID number chosen as a name its keyed hash too,
 * anything else its normalised spelling. The throttle's keys (in Redis with REDIS_URL) then never
 * carry a number in clear either.
 */
export function loginAccountName(pii: KeyedHash, raw: string): string {
  const name = normaliseUsername(raw);
  const digits = name.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (PHONE_ACCOUNT.test(digits)) return phoneAccountName(pii, digits);
  if (ID_ACCOUNT.test(digits)) return `${ID_PREFIX}${pii.hash(digits)}`;
  return name;
}
