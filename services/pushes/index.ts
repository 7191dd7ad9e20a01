import type { MatchingApi } from '../matching/index.ts';
import type { Notifier } from '../notifications/index.ts';
import { backgroundBatch } from '../platform/database/write-batches.ts';
import { createJobQueue } from '../platform/jobs/job-queue.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { createGapsService } from './gaps.ts';
import { pushesJobs } from './pushes.jobs.ts';
import { pushesPages } from './pushes.pages.ts';
import { pushesRoutes } from './pushes.routes.ts';
import { createPushesRepository } from './pushes.repository.ts';
import { createPushesService } from './pushes.service.ts';

export interface PushesDeps extends CoreDeps {
  matching: MatchingApi;
  notifier: Notifier;
}

/**
 * Job push campaigns (岗位推送) and their coverage: the JSON API under /api/v1/pushes and the
 * officer pages under /pushes. Campaign chunks run on the module's job queue (in this process, or
 * BullMQ workers with REDIS_URL), closed with the app.
 */
export const pushesModule: AppModule<PushesDeps> = {
  name: 'pushes',
  async setUp(deps) {
    const queue = await createJobQueue({
      redisUrl: deps.config.redisUrl,
      // One Redis may serve several installations (and test runs), as one Meilisearch does.
      prefix: `wb-jobs${deps.config.meili.indexPrefix ? `-${deps.config.meili.indexPrefix}` : ''}`,
      log: deps.log,
    });
    const pushes = createPushesService({
      repo: createPushesRepository(deps.db),
      matching: deps.matching,
      notifier: deps.notifier,
      reference: deps.reference,
      push: deps.config.push,
      tuning: { writeSlice: backgroundBatch(deps.config, { shared: 500, embedded: 50 }) },
      queue,
      log: deps.log,
    });
    const gaps = createGapsService({ repo: pushes.repo, reference: deps.reference });
    return {
      jobs: pushesJobs(pushes, deps),
      close: () => queue.close(),
      async register(app) {
        app.addHook('onReady', async () => {
          // One process owns the embedded database: a campaign left running died with the last
          // one. On a shared database only campaigns whose lease lapsed are known dead.
          const { count } = await (deps.config.databaseUrl ? pushes.failExpired() : pushes.failInterrupted());
          if (count) deps.log.info({ campaigns: count }, 'push campaigns cut off by a restart marked failed');
        });
        await app.register(pushesRoutes, { pushes, gaps });
        await app.register(pushesPages, { pushes, gaps });
      },
    };
  },
};
