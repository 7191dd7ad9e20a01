import { createJobQueue } from '../platform/jobs/job-queue.ts';
import type { ModuleDeps } from '../platform/modules.ts';
import { createGapsService } from './gaps.ts';
import { createPushesService } from './pushes.service.ts';

async function create(deps: ModuleDeps) {
  const queue = await createJobQueue({
    redisUrl: deps.config.redisUrl,
    // One Redis may serve several installations (and test runs), as one Meilisearch does.
    prefix: `wb-jobs${deps.config.meili.indexPrefix ? `-${deps.config.meili.indexPrefix}` : ''}`,
    log: deps.log,
  });
  const pushes = createPushesService({
    db: deps.db,
    matching: deps.matching,
    notifier: deps.notifier,
    reference: deps.reference,
    push: deps.config.push,
    queue,
    log: deps.log,
  });
  const gaps = createGapsService({ repo: pushes.repo, reference: deps.reference });
  return { queue, pushes, gaps };
}

const instances = new WeakMap<ModuleDeps, ReturnType<typeof create>>();

/** The module's services for one app: the routes and the scheduled job share them (and the queue). */
export function pushesFor(deps: ModuleDeps) {
  let instance = instances.get(deps);
  if (!instance) {
    instance = create(deps);
    instances.set(deps, instance);
  }
  return instance;
}
