import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { watchRedis } from './redis-watch.ts';
import type { ScheduledJob, Scheduler, SchedulerStartOptions } from './scheduled-job.ts';

export interface BullSchedulerOptions extends SchedulerStartOptions {
  redisUrl: string;
  /** Key prefix in Redis: one Redis may serve several installations (and test runs). */
  prefix: string;
}

/** The one queue every app process's scheduler worker takes the ticks from. */
export const SCHEDULER_QUEUE = 'scheduler';

/** A run holds its job's lock this long unless renewed; it renews it at a third of that. */
const LOCK_MS = 60_000;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** Finished ticks leave Redis; the last failures stay for inspection. */
const TICK_OPTIONS = { removeOnComplete: true, removeOnFail: { count: 20 } } as const;

/** A tick's job id is `repeat:<scheduler id>:<slot in ms>`: the slot is the tick's due time in every process. */
function dueAt(job: Job): Date {
  const slot = Number(job.id?.slice(job.id.lastIndexOf(':') + 1));
  return new Date(Number.isFinite(slot) && slot > 0 ? slot : job.timestamp + (job.opts.delay ?? 0));
}

/**
 * Periodic jobs once per cluster: each job is a BullMQ job scheduler (upserted under its name, so
 * a changed interval replaces the old schedule), and every app process runs a worker on the one
 * scheduler queue, so each tick is taken by exactly one process. A run holds a lock on its job in
 * Redis, so a tick that comes due while the previous run still goes on (here or in another process)
 * is skipped rather than run beside it. A failed run is logged and not retried: the next tick runs
 * it again. Schedulers of jobs no longer listed are removed.
 *
 * Set-up runs in the background (start-up does not wait for Redis); `ready` says when it is done.
 */
export function startBullScheduler(jobs: ScheduledJob[], options: BullSchedulerOptions): Scheduler {
  const { log, prefix, redisUrl } = options;
  const byName = new Map(jobs.map((job) => [job.name, job]));
  // Workers block on Redis: BullMQ requires no per-request retry limit on their connection.
  const connection = watchRedis(
    new Redis(redisUrl, { maxRetriesPerRequest: null, connectionName: `${prefix}:${SCHEDULER_QUEUE}` }),
    redisUrl,
    log,
  );
  const queue = new Queue(SCHEDULER_QUEUE, { connection, prefix });
  queue.on('error', () => undefined);
  let stopping = false;

  const runTick = async (tick: Job): Promise<void> => {
    const job = byName.get(tick.name);
    if (!job) {
      // A process of another version during a rolling deployment: the tick is left undone.
      log.warn({ job: tick.name }, 'scheduler: a tick of a job this process does not know; skipped');
      return;
    }
    const lock = `${prefix}:${SCHEDULER_QUEUE}:running:${job.name}`;
    const token = crypto.randomUUID();
    if ((await connection.set(lock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
      log.info({ job: job.name }, 'scheduler: the previous run still goes on; this tick skipped');
      return;
    }
    const renew = setInterval(() => {
      connection.eval(RENEW, 1, lock, token, LOCK_MS).catch(() => undefined);
    }, LOCK_MS / 3);
    renew.unref();
    try {
      await job.run({ dueAt: dueAt(tick) });
    } catch (error) {
      // A run cut short by shutdown (its queue closed under it) is not a failure to report.
      if (!stopping) log.error({ err: error, job: job.name }, 'scheduled job failed');
      throw error;
    } finally {
      clearInterval(renew);
      await connection.eval(RELEASE, 1, lock, token).catch(() => undefined);
    }
  };

  const worker = new Worker(SCHEDULER_QUEUE, runTick, {
    connection,
    prefix,
    // Each job has its own ticks and its own lock: a long campaign does not hold up the SMS sender.
    concurrency: Math.max(1, jobs.length),
    autorun: false,
  });
  worker.on('error', (error) => {
    // Redis outages are logged once by the connection's watch; other worker errors are worth a line.
    if (!stopping && connection.status === 'ready') log.warn({ err: error }, 'scheduler: worker error');
  });

  const ready = (async () => {
    for (const job of jobs) {
      await queue.upsertJobScheduler(job.name, { every: job.everyMs }, { name: job.name, opts: TICK_OPTIONS });
    }
    for (const scheduler of await queue.getJobSchedulers()) {
      if (byName.has(scheduler.key)) continue;
      await queue.removeJobScheduler(scheduler.key);
      // BullMQ removes the next tick only while it is delayed; one already due would still run once.
      if (scheduler.next) await queue.remove(`repeat:${scheduler.key}:${scheduler.next}`).catch(() => undefined);
      log.info({ job: scheduler.key }, 'scheduler: removed the schedule of a job no longer listed');
    }
    log.info({ jobs: [...byName.keys()] }, 'scheduler: periodic jobs run once per cluster (BullMQ)');
  })();
  ready.catch((error: unknown) => {
    if (!stopping) log.error({ err: error }, 'scheduler: could not set up the periodic jobs');
  });

  // Even when the schedules could not be updated, this process serves the ones in place.
  const stopped = new AbortController();
  void ready
    .catch(() => undefined)
    .then(() => sleep(options.firstRunAfterMs ?? 0, undefined, { signal: stopped.signal }))
    .then(
      () => {
        if (stopping) return;
        worker.run().catch((error: unknown) => {
          if (!stopping) log.error({ err: error }, 'scheduler: the worker stopped');
        });
      },
      () => undefined,
    );

  return {
    kind: 'bullmq',
    ready,
    async stop() {
      stopping = true;
      stopped.abort();
      // Waits for the runs under way; takes no new tick.
      await worker.close();
      await queue.close();
      if (connection.status === 'ready') await connection.quit().catch(() => undefined);
      else connection.disconnect();
    },
  };
}
