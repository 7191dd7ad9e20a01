import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEDULER_QUEUE } from '../../services/platform/jobs/bullmq-scheduler.ts';
import { type ScheduledJob, type Scheduler, startScheduler } from '../../services/platform/scheduler.ts';
import { deleteRedisKeys } from '../helpers/redis-keys.ts';

// Redis runs on developer and CI machines (see notes/stack-facts.md), on both test runs.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function capturingLog() {
  const lines: { level: string; msg: string; job?: string }[] = [];
  const at = (level: string) => (obj: object, msg: string) => lines.push({ level, msg, ...(obj as { job?: string }) });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** BullMQ job schedulers, each test on a prefix of its own; two schedulers on one prefix stand for two replicas. */
describe('the scheduler with Redis (BullMQ job schedulers)', () => {
  const prefixes: string[] = [];
  const started: Scheduler[] = [];
  const newPrefix = () => {
    const prefix = `wb-sched-test${crypto.randomBytes(4).toString('hex')}`;
    prefixes.push(prefix);
    return prefix;
  };
  const start = async (jobs: ScheduledJob[], prefix: string, log = capturingLog().log, firstRunAfterMs = 0) => {
    const scheduler = await startScheduler(jobs, { redisUrl: REDIS_URL, prefix, log, firstRunAfterMs });
    started.push(scheduler);
    await scheduler.ready;
    return scheduler;
  };

  afterAll(async () => {
    await Promise.all(started.map((scheduler) => scheduler.stop()));
    for (const prefix of prefixes) await deleteRedisKeys(REDIS_URL, prefix);
  });

  it('replaces a changed interval and removes the schedule of a job no longer listed', async () => {
    const prefix = newPrefix();
    const job = (name: string, everyMs: number): ScheduledJob => ({ name, everyMs, run: async () => {} });
    // A first-run delay longer than the test: no worker takes the ticks, so they stay to be counted.
    const first = await start([job('a', 60_000), job('b', 60_000)], prefix, undefined, 600_000);
    expect(first.kind).toBe('bullmq');
    const queue = new Queue(SCHEDULER_QUEUE, { connection: { url: REDIS_URL }, prefix });
    try {
      const schedules = async () =>
        (await queue.getJobSchedulers())
          .map((s) => [s.key, s.every])
          .sort(([x], [y]) => String(x).localeCompare(String(y)));
      expect(await schedules()).toEqual([
        ['a', 60_000],
        ['b', 60_000],
      ]);
      await first.stop();

      // A restart with the same jobs keeps the schedule: no second pending tick.
      const again = await start([job('a', 60_000), job('b', 60_000)], prefix, undefined, 600_000);
      expect(await queue.getJobCountByTypes('delayed', 'wait', 'prioritized')).toBe(2);
      await again.stop();

      const { lines, log } = capturingLog();
      const second = await start([job('a', 120_000)], prefix, log, 600_000);
      expect(await schedules()).toEqual([['a', 120_000]]);
      // One pending tick in all: a's at the new interval; a's old tick and b's are gone.
      expect(await queue.getJobCountByTypes('delayed', 'wait', 'prioritized')).toBe(1);
      expect(lines).toContainEqual(expect.objectContaining({ job: 'b', msg: expect.stringContaining('removed') }));
      await second.stop();
    } finally {
      await queue.close();
    }
  });

  it('runs each tick in one replica, never a job beside itself, and a failed run again at the next tick', async () => {
    const prefix = newPrefix();
    const logs = [capturingLog(), capturingLog()];
    const ticks: { job: string; dueAt: number; replica: number }[] = [];
    let running = 0;
    let most = 0;
    let flakyRuns = 0;
    const jobsOf = (replica: number): ScheduledJob[] => [
      {
        // Longer than its interval: the tick that comes due while it runs is skipped.
        name: 'slow',
        everyMs: 200,
        run: async (tick) => {
          most = Math.max(most, ++running);
          ticks.push({ job: 'slow', dueAt: tick!.dueAt.getTime(), replica });
          await sleep(700);
          running--;
        },
      },
      {
        name: 'flaky',
        everyMs: 200,
        run: async (tick) => {
          ticks.push({ job: 'flaky', dueAt: tick!.dueAt.getTime(), replica });
          if (++flakyRuns === 1) throw new Error('the first run fails');
        },
      },
    ];
    const replicas = [await start(jobsOf(0), prefix, logs[0]!.log), await start(jobsOf(1), prefix, logs[1]!.log)];
    await until(() => ticks.filter((t) => t.job === 'flaky').length >= 6, 'six ticks of flaky');
    await until(() => ticks.filter((t) => t.job === 'slow').length >= 3, 'three runs of slow');
    await Promise.all(replicas.map((replica) => replica.stop()));

    for (const job of ['slow', 'flaky']) {
      const due = ticks.filter((t) => t.job === job).map((t) => t.dueAt);
      // One run per tick: no slot twice, and every slot on the job's grid.
      expect(new Set(due).size).toBe(due.length);
      for (const at of due) expect((at - due[0]!) % 200).toBe(0);
    }
    expect(most).toBe(1);
    const lines = [...logs[0]!.lines, ...logs[1]!.lines];
    expect(lines.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({ msg: 'scheduled job failed', job: 'flaky' }),
    ]);
    expect(lines.filter((line) => line.job === 'slow' && line.msg.includes('skipped')).length).toBeGreaterThan(0);
  });

  it('runs a per-process job in every replica (a cache each process holds), beside the shared schedules', async () => {
    const prefix = newPrefix();
    const refreshed = { first: 0, second: 0 };
    const shared: string[] = [];
    const jobsOf = (replica: 'first' | 'second'): ScheduledJob[] => [
      { name: 'cache-refresh', everyMs: 100, perProcess: true, run: async () => void refreshed[replica]++ },
      { name: 'shared', everyMs: 200, run: async (tick) => void shared.push(String(tick?.dueAt.getTime())) },
    ];
    await start(jobsOf('first'), prefix);
    await start(jobsOf('second'), prefix);
    await until(() => refreshed.first >= 3 && refreshed.second >= 3 && shared.length >= 3, 'runs in both replicas');
    // The shared job still runs once per tick across the two; the per-process one in each.
    expect(new Set(shared).size).toBe(shared.length);
  });

  it('stops taking ticks and waits for the run under way', async () => {
    const prefix = newPrefix();
    let runs = 0;
    let finished = 0;
    const scheduler = await start(
      [
        {
          name: 'long',
          everyMs: 100,
          run: async () => {
            runs++;
            await sleep(300);
            finished++;
          },
        },
      ],
      prefix,
    );
    await until(() => runs >= 1, 'a run');
    await scheduler.stop();
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(400);
    expect(runs).toBe(after);
    // The worker's connections are closed: nothing of this process is left on the queue.
    const redis = new Redis(REDIS_URL);
    try {
      // The scheduler's connection and the worker's blocking one are named after the prefix.
      const clients = String(await redis.client('LIST'));
      expect(clients).not.toContain(`name=${prefix}:`);
    } finally {
      await redis.quit();
    }
  });
});
