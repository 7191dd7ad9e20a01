import type { AppModule } from '../platform/modules.ts';
import { createRedisProbe, healthRoutes } from './health.routes.ts';
import { createHealthRepository } from './health.repository.ts';
import metricsPlugin from './metrics.plugin.ts';

/** Liveness (/healthz), readiness (/readyz: database, Meilisearch, Redis) and /metrics. */
export const healthModule: AppModule = {
  name: 'health',
  setUp({ config, db, meili, log }) {
    const repo = createHealthRepository(db);
    return {
      async register(app) {
        // One Redis connection for readiness and metrics, closed with the app.
        const redis = config.redisUrl ? createRedisProbe(config.redisUrl, log) : undefined;
        if (redis) app.addHook('onClose', async () => redis.disconnect());
        await app.register(healthRoutes, { repo, meili, redis });
        await app.register(metricsPlugin, { repo, meili, token: config.metricsToken, redis });
      },
    };
  },
};
