import { Redis } from 'ioredis';

/** Short-lived counters and timestamps by key: in this process, or in Redis shared by replicas. */
export interface AttemptStore {
  /**
   * Adds one to the counter at `key` and answers it with the time left before it is forgotten.
   * The window starts at the first hit unless `slide` restarts it at every hit.
   */
  increment(key: string, windowMs: number, slide?: boolean): Promise<{ count: number; ttlMs: number }>;
  read(key: string): Promise<number | undefined>;
  write(key: string, value: number, ttlMs: number): Promise<void>;
  remove(...keys: string[]): Promise<void>;
  close(): Promise<void>;
  /** The Redis connection, for other limiters that should share it (none in memory). */
  readonly redis: Redis | undefined;
}

const SWEEP_EVERY = 1_000;

export function createMemoryAttemptStore(now: () => number = Date.now): AttemptStore {
  const entries = new Map<string, { value: number; expiresAt: number }>();
  let writes = 0;
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  // An attacker cycling through names must not grow the map without end.
  const sweep = () => {
    if (++writes % SWEEP_EVERY !== 0) return;
    for (const [key, entry] of entries) if (entry.expiresAt <= now()) entries.delete(key);
  };
  return {
    redis: undefined,
    async increment(key, windowMs, slide = false) {
      sweep();
      const entry = live(key);
      const t = now();
      if (!entry) {
        entries.set(key, { value: 1, expiresAt: t + windowMs });
        return { count: 1, ttlMs: windowMs };
      }
      entry.value += 1;
      if (slide) entry.expiresAt = t + windowMs;
      return { count: entry.value, ttlMs: entry.expiresAt - t };
    },
    async read(key) {
      return live(key)?.value;
    },
    async write(key, value, ttlMs) {
      sweep();
      entries.set(key, { value, expiresAt: now() + ttlMs });
    },
    async remove(...keys) {
      for (const key of keys) entries.delete(key);
    },
    async close() {
      entries.clear();
    },
  };
}

/**
 * Redis, so every replica counts the same attempts. While Redis is unreachable (or still
 * connecting), this process counts on its own: sign-in stays open and still throttled per replica.
 */
export function createRedisAttemptStore(
  url: string,
  prefix: string,
  onError: (error: unknown) => void = () => {},
): AttemptStore {
  // A command waits at most a second: an outage slows a sign-in down, it does not hang it.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
  redis.on('error', onError);
  const fallback = createMemoryAttemptStore();
  const k = (key: string) => `${prefix}${key}`;
  async function orFallback<T>(remote: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    // While disconnected, count here at once rather than wait on every sign-in.
    if (redis.status !== 'ready') return local();
    try {
      return await remote();
    } catch (error) {
      onError(error);
      return local();
    }
  }
  return {
    redis,
    increment: (key, windowMs, slide = false) =>
      orFallback(
        async () => {
          const result = await redis.multi().incr(k(key)).pttl(k(key)).exec();
          if (!result) throw new Error('attempt store: transaction aborted');
          const count = Number(result[0]![1]);
          let ttlMs = Number(result[1]![1]);
          if (count === 1 || slide || ttlMs < 0) {
            await redis.pexpire(k(key), windowMs);
            ttlMs = windowMs;
          }
          return { count, ttlMs };
        },
        () => fallback.increment(key, windowMs, slide),
      ),
    read: (key) =>
      orFallback(
        async () => {
          const value = await redis.get(k(key));
          return value === null ? undefined : Number(value);
        },
        () => fallback.read(key),
      ),
    write: (key, value, ttlMs) =>
      orFallback(
        async () => void (await redis.set(k(key), String(value), 'PX', Math.max(1, Math.round(ttlMs)))),
        () => fallback.write(key, value, ttlMs),
      ),
    remove: async (...keys) => {
      await fallback.remove(...keys);
      await orFallback(
        async () => void (keys.length && (await redis.del(...keys.map(k)))),
        async () => undefined,
      );
    },
    close: async () => {
      await fallback.close();
      redis.disconnect();
    },
  };
}

export function createAttemptStore(options: {
  redisUrl: string | undefined;
  prefix: string;
  onError?: (error: unknown) => void;
}): AttemptStore {
  return options.redisUrl
    ? createRedisAttemptStore(options.redisUrl, options.prefix, options.onError)
    : createMemoryAttemptStore();
}
