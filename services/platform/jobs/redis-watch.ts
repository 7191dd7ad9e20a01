import type { Redis } from 'ioredis';

export interface WatchLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

interface Watch {
  downSince: number | null;
  clients: Set<Redis>;
}

/** One watch per logger and Redis URL: every client of an app on that Redis shares its outage. */
const watches = new WeakMap<object, Map<string, Watch>>();
const unlogged = {};

/**
 * Gives a Redis client an error listener (without one ioredis prints "Unhandled error event" on
 * every reconnect attempt) and logs an outage once when it starts and once when every client of
 * the app on that Redis is back, however many clients and retries there are.
 */
export function watchRedis<T extends Redis>(client: T, url: string, log: WatchLog | undefined): T {
  const key = log ?? unlogged;
  let byUrl = watches.get(key);
  if (!byUrl) watches.set(key, (byUrl = new Map()));
  let watch = byUrl.get(url);
  if (!watch) byUrl.set(url, (watch = { downSince: null, clients: new Set() }));
  const shared = watch;
  shared.clients.add(client);
  const where = redactedUrl(url);
  client.on('error', (error: Error) => {
    if (shared.downSince !== null) return;
    shared.downSince = Date.now();
    log?.warn({ redis: where, error: error.message }, 'Redis unreachable; reconnecting (logged again when it is back)');
  });
  client.on('ready', () => {
    if (shared.downSince === null) return;
    if ([...shared.clients].some((c) => c.status !== 'ready' && c.status !== 'wait' && c.status !== 'end')) return;
    const outageMs = Date.now() - shared.downSince;
    shared.downSince = null;
    log?.info({ redis: where, outageMs }, 'Redis reachable again');
  });
  client.once('end', () => shared.clients.delete(client));
  return client;
}

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
