import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../platform/modules.ts';
import { pushesFor } from './pushes.instance.ts';
import { pushesPages } from './pushes.pages.ts';
import { pushesRoutes } from './pushes.routes.ts';

/**
 * Job push campaigns (岗位推送) and their coverage: the JSON API under /api/v1/pushes and the
 * officer pages under /pushes. Campaign chunks run on the module's job queue (in this process, or
 * BullMQ workers with REDIS_URL), closed with the app.
 */
export async function pushesModule(app: FastifyInstance, deps: ModuleDeps) {
  const { queue, pushes, gaps } = await pushesFor(deps);
  app.addHook('onReady', async () => {
    // One process owns the embedded database: a campaign left running died with the last one. On
    // a shared database only campaigns whose lease lapsed are known dead.
    const { count } = await (deps.config.databaseUrl ? pushes.failExpired() : pushes.failInterrupted());
    if (count) deps.log.info({ campaigns: count }, 'push campaigns cut off by a restart marked failed');
  });
  app.addHook('onClose', () => queue.close());
  await app.register(pushesRoutes, { pushes, gaps });
  await app.register(pushesPages, { pushes, gaps });
}
