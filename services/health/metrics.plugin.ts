import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import { auth, page } from '../platform/http/contract.ts';
import type { HealthRepository } from './health.repository.ts';
import type { SearchHealth } from './health.routes.ts';
import { CampaignStatus } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

/** No user session: a scraper presents METRICS_TOKEN as a bearer token, checked before the handler. */
export const metricsRoute = {
  ...page('GET', '/metrics', auth.public),
  config: { auth: auth.public, ownToken: true },
};

export interface MetricsOptions {
  repo: HealthRepository;
  meili: SearchHealth;
  token: string | undefined;
  /** The app's health-check connection to Redis, when REDIS_URL is set. */
  redis?: Redis | undefined;
}

const sameToken = (given: string, expected: string) => {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
};

const up = (check: () => Promise<unknown>) =>
  Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000))]).then(
    () => 1,
    () => 0,
  );

/**
 * Prometheus metrics for the whole app (prom-client, a registry per app): request rate and
 * latency by route pattern, event-loop delay and the process defaults, the search outbox's
 * backlog and the age of its oldest row, push campaigns running and failed, and health gauges.
 */
async function metricsPlugin(app: FastifyInstance, opts: MetricsOptions) {
  const register = new Registry();
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 20 });
  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  const { meili } = opts;
  const { repo } = opts;
  const { redis } = opts;
  new Gauge({
    name: 'workbridge_outbox_backlog',
    help: 'Search outbox rows waiting to reach Meilisearch',
    registers: [register],
    async collect() {
      this.set(await repo.outboxBacklog());
    },
  });
  new Gauge({
    name: 'workbridge_outbox_oldest_age_seconds',
    help: 'Age of the oldest search outbox row (0 when empty)',
    registers: [register],
    async collect() {
      const oldest = await repo.outboxOldest();
      this.set(oldest ? (Date.now() - oldest.getTime()) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'workbridge_push_campaigns',
    help: 'Push campaigns by status (running: the job queue depth; failed: its failures)',
    labelNames: ['status'],
    registers: [register],
    async collect() {
      const counts = await repo.campaignsByStatus();
      for (const status of enumValues(CampaignStatus)) {
        this.set({ status }, counts.get(status) ?? 0);
      }
    },
  });
  new Gauge({
    name: 'workbridge_dependency_up',
    help: 'Whether a dependency answers (1) or not (0)',
    labelNames: ['dependency'],
    registers: [register],
    async collect() {
      const [database, search, redisUp] = await Promise.all([
        up(() => repo.ping()),
        up(() => meili.health()),
        redis ? up(() => redis.ping()) : undefined,
      ]);
      this.set({ dependency: 'database' }, database);
      this.set({ dependency: 'meilisearch' }, search);
      if (redisUp !== undefined) this.set({ dependency: 'redis' }, redisUp);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: ids would make a series per request.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!opts.token)
      return reply
        .status(404)
        .send({ statusCode: 404, error: 'Not Found', code: 'ROUTE_NOT_FOUND', message: 'Not found' });
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!given || !sameToken(given, opts.token)) {
      return reply.status(403).send({
        statusCode: 403,
        error: 'Forbidden',
        code: 'FORBIDDEN',
        message: 'A valid METRICS_TOKEN bearer token is required',
      });
    }
  };
  app.route({
    ...metricsRoute,
    // After the input checks, so a malformed request is refused as on every route.
    preHandler: guard,
    handler: async (_request, reply) => reply.type(register.contentType).send(await register.metrics()),
  });
}

export default fp(metricsPlugin, { name: 'metrics' });
