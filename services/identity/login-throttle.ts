import type { AttemptStore } from '../platform/auth/attempt-store.ts';
import { TooManyAttemptsError } from '../platform/errors/domain-errors.ts';

export const LOGIN_LIMITS = {
  /** Attempts at one name from one address per window: a person's typos, not a guessing run. */
  perAddress: 10,
  addressWindowMs: 10 * 60_000,
  /**
   * Failures from one address at any names: one address trying many names (a guessing run over a
   * list of accounts) slows down too. Generous enough for a county office behind one NAT address.
   */
  addressFailures: 100,
  addressFailuresWindowMs: 10 * 60_000,
  /** Failures at one name from anywhere before it locks; above perAddress, so one address cannot lock it. */
  accountThreshold: 20,
  /** How long failures are remembered after the last one. */
  accountMemoryMs: 60 * 60_000,
  firstLockMs: 30_000,
  /** The longest lock: a guessing run slows to a crawl, but the owner waits minutes, never hours. */
  maxLockMs: 5 * 60_000,
} as const;

export type LoginLimits = typeof LOGIN_LIMITS;

/** The lock after the given number of failures: 30 s at the threshold, doubling, capped. */
export function lockMs(failures: number, limits: LoginLimits = LOGIN_LIMITS): number {
  if (failures < limits.accountThreshold) return 0;
  const doublings = Math.min(failures - limits.accountThreshold, 20);
  return Math.min(limits.firstLockMs * 2 ** doublings, limits.maxLockMs);
}

/**
 * Sign-in throttling on the normalised name: per address and name (the attempt is counted before
 * the password is checked, so parallel guesses count too), and per name from all addresses with a
 * short, growing lock; and per address across all names, so cycling through names gains nothing
 * once the address has failed too often. Unknown names are throttled alike, so the answers reveal no account.
 */
export function createLoginThrottle(
  store: AttemptStore,
  limits: LoginLimits = LOGIN_LIMITS,
  now: () => number = Date.now,
) {
  const keys = (address: string, name: string) => ({
    address: `addr:${address}:${name}`,
    failures: `fail:${name}`,
    lock: `lock:${name}`,
    addressFailures: `addrfail:${address}`,
    addressLock: `addrlock:${address}`,
  });
  const refuse = (waitMs: number) =>
    new TooManyAttemptsError(
      'Too many sign-in attempts: wait before trying again',
      Math.max(1, Math.ceil(waitMs / 1000)),
    );

  return {
    /** Counts the attempt; throws TooManyAttemptsError when the name or address is locked or the address spent its budget. */
    async begin(address: string, name: string): Promise<void> {
      const key = keys(address, name);
      const lockedUntil = await store.read(key.lock);
      // A refused attempt does not extend the lock: the owner is never locked out for longer.
      if (lockedUntil !== undefined && lockedUntil > now()) throw refuse(lockedUntil - now());
      const addressLockedUntil = await store.read(key.addressLock);
      if (addressLockedUntil !== undefined && addressLockedUntil > now()) throw refuse(addressLockedUntil - now());
      const { count, ttlMs } = await store.increment(key.address, limits.addressWindowMs);
      if (count > limits.perAddress) throw refuse(ttlMs);
    },
    async failed(address: string, name: string): Promise<void> {
      const key = keys(address, name);
      const { count } = await store.increment(key.failures, limits.accountMemoryMs, true);
      const ms = lockMs(count, limits);
      if (ms > 0) await store.write(key.lock, now() + ms, ms);
      // Not forgotten on a success: signing in to one's own account must not reset a guessing run.
      const spent = await store.increment(key.addressFailures, limits.addressFailuresWindowMs);
      if (spent.count >= limits.addressFailures) await store.write(key.addressLock, now() + spent.ttlMs, spent.ttlMs);
    },
    async succeeded(address: string, name: string): Promise<void> {
      const key = keys(address, name);
      await store.remove(key.address, key.failures, key.lock);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
