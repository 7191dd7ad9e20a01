import crypto from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisAttemptStore } from '../../services/platform/auth/attempt-store.ts';
import { createLoginThrottle, LOGIN_LIMITS } from '../../services/identity/login-throttle.ts';
import { TooManyAttemptsError } from '../../services/platform/errors/domain-errors.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('sign-in throttling state in Redis', () => {
  const prefix = `wb-attempts-test-${crypto.randomBytes(4).toString('hex')}:`;
  // Two replicas: each its own connection, one Redis.
  const replicaA = createRedisAttemptStore(REDIS_URL, prefix);
  const replicaB = createRedisAttemptStore(REDIS_URL, prefix);
  beforeAll(async () => {
    for (const store of [replicaA, replicaB]) if (store.redis!.status !== 'ready') await once(store.redis!, 'ready');
  });
  afterAll(async () => {
    const keys = await replicaA.redis!.keys(`${prefix}*`);
    if (keys.length) await replicaA.redis!.del(...keys);
    await replicaA.close();
    await replicaB.close();
  });

  it('shares one budget between replicas', async () => {
    const a = createLoginThrottle(replicaA);
    const b = createLoginThrottle(replicaB);
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      const throttle = i % 2 ? a : b;
      await throttle.begin('10.5.5.5', 'officer.changting');
      await throttle.failed('10.5.5.5', 'officer.changting');
    }
    const refusals = await Promise.all([a, b].map((t) => t.begin('10.5.5.5', 'officer.changting').catch((e) => e)));
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(TooManyAttemptsError);
  });

  it('shares an account lock between replicas and keeps it short', async () => {
    const a = createLoginThrottle(replicaA);
    const b = createLoginThrottle(replicaB);
    for (let i = 0; i < LOGIN_LIMITS.accountThreshold; i++) {
      await a.begin(`10.6.0.${i}`, 'employer.demo');
      await a.failed(`10.6.0.${i}`, 'employer.demo');
    }
    const refusal = await b.begin('10.6.1.1', 'employer.demo').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TooManyAttemptsError);
    expect((refusal as TooManyAttemptsError).retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(await replicaB.redis!.pttl(`${prefix}lock:employer.demo`)).toBeLessThanOrEqual(30_000);
  });

  it('keeps counting in the process when Redis is unreachable', async () => {
    const errors: unknown[] = [];
    const offline = createRedisAttemptStore('redis://127.0.0.1:1', prefix, (error) => errors.push(error));
    try {
      const throttle = createLoginThrottle(offline);
      for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) await throttle.begin('10.7.7.7', 'admin');
      await expect(throttle.begin('10.7.7.7', 'admin')).rejects.toBeInstanceOf(TooManyAttemptsError);
      // The connection error is reported (logged by the app), not thrown at the person signing in.
      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    } finally {
      await offline.close();
    }
  });
});
