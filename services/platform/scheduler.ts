import { startIntervalScheduler } from './jobs/interval-scheduler.ts';
import type { ScheduledJob, Scheduler, SchedulerStartOptions } from './jobs/scheduled-job.ts';

export type { ScheduledJob, ScheduledTick, Scheduler, SchedulerLog } from './jobs/scheduled-job.ts';

export interface SchedulerOptions extends SchedulerStartOptions {
  /** Set: BullMQ job schedulers shared by every app process on this Redis. Unset: timers in this process. */
  redisUrl: string | undefined;
  /** Key prefix in Redis (see `schedulerPrefix`). */
  prefix: string;
}

/** The scheduler's Redis key prefix: one Redis may serve several installations (and test runs), as one Meilisearch does. */
export const schedulerPrefix = (config: { meili: { indexPrefix: string } }) =>
  `wb-sched${config.meili.indexPrefix ? `-${config.meili.indexPrefix}` : ''}`;

/** Names are scheduler ids in Redis and keys of locks: unique, and without BullMQ's separator. */
function checkJobs(jobs: ScheduledJob[]): void {
  const seen = new Set<string>();
  for (const job of jobs) {
    if (!job.name || job.name.includes(':')) {
      throw new Error(`Scheduled job name "${job.name}" must be set, without ':'`);
    }
    if (seen.has(job.name)) throw new Error(`Two scheduled jobs are named "${job.name}"`);
    if (!Number.isInteger(job.everyMs) || job.everyMs < 1) {
      throw new Error(`Scheduled job "${job.name}" needs everyMs, a whole number of milliseconds above 0`);
    }
    seen.add(job.name);
  }
}

/**
 * Starts the periodic jobs: with Redis, once per cluster (every app process takes ticks from
 * BullMQ job schedulers, each tick runs in one of them); without, in this process. Either way a
 * job never runs beside itself and a failed run is logged and tried again at the next tick.
 */
export async function startScheduler(jobs: ScheduledJob[], options: SchedulerOptions): Promise<Scheduler> {
  checkJobs(jobs);
  const { redisUrl, prefix, ...start } = options;
  if (!redisUrl) return startIntervalScheduler(jobs, start);
  const { startBullScheduler } = await import('./jobs/bullmq-scheduler.ts');
  const cluster = startBullScheduler(
    jobs.filter((job) => !job.perProcess),
    { ...start, redisUrl, prefix },
  );
  const own = jobs.filter((job) => job.perProcess);
  if (!own.length) return cluster;
  // Work on this process's own memory runs here, in every replica.
  const local = startIntervalScheduler(own, start);
  return {
    kind: cluster.kind,
    ready: Promise.all([cluster.ready, local.ready]).then(() => undefined),
    stop: async () => void (await Promise.all([cluster.stop(), local.stop()])),
  };
}
