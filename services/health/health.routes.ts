import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { auth, defineRoute } from '../platform/http/contract.ts';
import { type WatchLog, watchRedis } from '../platform/jobs/redis-watch.ts';
import type { HealthRepository } from './health.repository.ts';

/** What the health checks ask of Meilisearch (the client, or anything that answers the same). */
export interface SearchHealth {
  health(): Promise<unknown>;
}

const CheckSchema = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });
const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  /** redis only when REDIS_URL is set (push campaigns and realtime fan-out depend on it). */
  checks: z.object({ database: CheckSchema, search: CheckSchema, redis: CheckSchema.optional() }),
});

export const healthzRoute = defineRoute({
  method: 'GET',
  url: '/healthz',
  auth: auth.public,
  summary: 'The process is up',
  tags: ['health'],
  schema: { response: { 200: z.object({ status: z.literal('ok'), uptimeS: z.number() }) } },
});

export const readyzRoute = defineRoute({
  method: 'GET',
  url: '/readyz',
  auth: auth.public,
  summary: 'The database, Meilisearch and (when configured) Redis answer',
  tags: ['health'],
  schema: { response: { 200: ReadySchema, 503: ReadySchema } },
});

async function timed(check: () => Promise<unknown>): Promise<z.infer<typeof CheckSchema>> {
  const start = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: (error as Error).message };
  }
}

/**
 * The app's one Redis connection for health checks (readiness, metrics): it fails at once while
 * Redis is down instead of queueing the ping, and logs an outage once.
 */
export function createRedisProbe(url: string, log: WatchLog | undefined): Redis {
  return watchRedis(new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }), url, log);
}

export async function healthRoutes(
  app: FastifyInstance,
  opts: { repo: HealthRepository; meili: SearchHealth; redis?: Redis | undefined },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { redis } = opts;
  const { repo } = opts;
  r.route({ ...healthzRoute, handler: async () => ({ status: 'ok' as const, uptimeS: Math.round(process.uptime()) }) });
  r.route({
    ...readyzRoute,
    handler: async (_request, reply) => {
      const [database, search, redisCheck] = await Promise.all([
        timed(() => repo.ping()),
        timed(() => opts.meili.health()),
        redis ? timed(() => redis.ping()) : undefined,
      ]);
      const ready = database.ok && search.ok && (redisCheck?.ok ?? true);
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: { database, search, ...(redisCheck ? { redis: redisCheck } : {}) },
      });
    },
  });
}
