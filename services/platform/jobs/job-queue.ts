import type { WatchLog } from './redis-watch.ts';

export { type JobHandler, type JobQueue, type JobSpec, QueueLostError } from './queue-types.ts';
import type { JobQueue } from './queue-types.ts';

export interface JobQueueOptions {
  redisUrl?: string | undefined;
  /** Key prefix in Redis, to share one Redis between installations (and between tests). */
  prefix?: string;
  /** Jobs a BullMQ worker of this process runs at once, per job name. */
  concurrency?: number;
  log?: WatchLog | undefined;
  /** Redis unreachable for this long fails the work waiting on it. */
  lossGraceMs?: number;
}

/** BullMQ when a Redis URL is given, else the in-process runner. */
export async function createJobQueue(options: JobQueueOptions = {}): Promise<JobQueue> {
  if (!options.redisUrl) {
    const { InProcessJobQueue } = await import('./in-process-queue.ts');
    return new InProcessJobQueue();
  }
  const { BullJobQueue } = await import('./bullmq-queue.ts');
  return new BullJobQueue(options.redisUrl, {
    prefix: options.prefix ?? 'wb',
    concurrency: options.concurrency ?? 1,
    log: options.log,
    ...(options.lossGraceMs ? { lossGraceMs: options.lossGraceMs } : {}),
  });
}
