import { describe, expect, it } from 'vitest';
import { createMemoryAttemptStore } from '../platform/auth/attempt-store.ts';
import { TooManyAttemptsError } from '../platform/errors/domain-errors.ts';
import { createLoginThrottle, LOGIN_LIMITS, lockMs } from './login-throttle.ts';

function setup() {
  const clock = { now: 1_000_000 };
  const now = () => clock.now;
  const throttle = createLoginThrottle(createMemoryAttemptStore(now), LOGIN_LIMITS, now);
  let address = 0;
  /** One failed attempt from a fresh address; answers the refusal, if any. */
  const fail = async (name: string) => {
    address += 1;
    try {
      await throttle.begin(`a${address}`, name);
    } catch (error) {
      return error as TooManyAttemptsError;
    }
    await throttle.failed(`a${address}`, name);
    return undefined;
  };
  return { clock, throttle, fail };
}

describe('lockMs', () => {
  it('locks for 30 s at the threshold, doubling, never more than 5 minutes', () => {
    const t = LOGIN_LIMITS.accountThreshold;
    expect(lockMs(t - 1)).toBe(0);
    expect([t, t + 1, t + 2, t + 3, t + 4, t + 40].map((n) => lockMs(n))).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
  });
});

describe('login throttle', () => {
  it('refuses one address after its budget for a name, until the window passes', async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      await throttle.begin('1.1.1.1', 'x');
      await throttle.failed('1.1.1.1', 'x');
    }
    const refused = await throttle.begin('1.1.1.1', 'x').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).retryAfterSeconds).toBe(LOGIN_LIMITS.addressWindowMs / 1000);
    await expect(throttle.begin('1.1.1.2', 'x')).resolves.toBeUndefined();
    clock.now += LOGIN_LIMITS.addressWindowMs;
    await expect(throttle.begin('1.1.1.1', 'x')).resolves.toBeUndefined();
  });

  it('counts attempts before the password is checked, so parallel guesses count too', async () => {
    const { throttle } = setup();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => throttle.begin('2.2.2.2', 'y')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(LOGIN_LIMITS.perAddress);
  });

  it('locks a name after failures from many addresses, and a refused attempt does not extend the lock', async () => {
    const { clock, fail } = setup();
    for (let i = 0; i < LOGIN_LIMITS.accountThreshold; i++) expect(await fail('z')).toBeUndefined();
    const first = await fail('z');
    expect(first?.retryAfterSeconds).toBe(30);
    clock.now += 20_000;
    // Hammering during the lock leaves its end where it was.
    for (let i = 0; i < 50; i++) await fail('z');
    expect((await fail('z'))?.retryAfterSeconds).toBe(10);
    clock.now += 10_000;
    expect(await fail('z')).toBeUndefined();
    // The next failure doubles the lock.
    expect((await fail('z'))?.retryAfterSeconds).toBe(60);
  });

  it('refuses an address that failed at many names until its window passes, and a success does not reset it', async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < LOGIN_LIMITS.addressFailures; i++) {
      await throttle.begin('5.5.5.5', `name${i}`);
      await throttle.failed('5.5.5.5', `name${i}`);
    }
    await throttle.succeeded('5.5.5.5', 'mine');
    const refused = await throttle.begin('5.5.5.5', 'another').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).retryAfterSeconds).toBe(LOGIN_LIMITS.addressFailuresWindowMs / 1000);
    await expect(throttle.begin('5.5.5.6', 'another')).resolves.toBeUndefined();
    clock.now += LOGIN_LIMITS.addressFailuresWindowMs;
    await expect(throttle.begin('5.5.5.5', 'another')).resolves.toBeUndefined();
  });

  it('lets an address fail just under the budget across names', async () => {
    const { throttle } = setup();
    for (let i = 0; i < LOGIN_LIMITS.addressFailures - 1; i++) {
      await throttle.begin('6.6.6.6', `n${i}`);
      await throttle.failed('6.6.6.6', `n${i}`);
    }
    await expect(throttle.begin('6.6.6.6', 'last')).resolves.toBeUndefined();
  });

  it('forgets the failures when the owner signs in', async () => {
    const { clock, throttle, fail } = setup();
    for (let i = 0; i < LOGIN_LIMITS.accountThreshold; i++) await fail('w');
    clock.now += 30_000;
    await throttle.begin('9.9.9.9', 'w');
    await throttle.succeeded('9.9.9.9', 'w');
    expect(await fail('w')).toBeUndefined();
    expect(await fail('w')).toBeUndefined();
  });
});
