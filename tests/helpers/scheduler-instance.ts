/**
 * One app instance as production runs it (startServer), for the two-replica scheduler test, with
 * one more periodic job: `test.tick` every TICK_MS, which records each run (process, tick slot,
 * start and end) in the Redis list TICK_KEY and fails its FAIL_RUN-th run in the cluster.
 * Configured by the environment, it prints its URL as one JSON line, logs as JSON lines after it,
 * and stops on SIGTERM.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { loadConfig } from '../../services/platform/config/config.ts';
import { startServer } from '../../services/server.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const key = env('TICK_KEY');
const failRun = Number(env('FAIL_RUN'));
const redis = new Redis(env('REDIS_URL'));

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
const running = await startServer(config, undefined, {
  jobs: [
    {
      name: 'test.tick',
      everyMs: Number(env('TICK_MS')),
      run: async (tick) => {
        const startedAt = Date.now();
        const run = await redis.incr(`${key}:runs`);
        // Long enough that two processes running one tick would overlap.
        await sleep(Number(env('RUN_MS')));
        const record = { pid: process.pid, dueAt: tick?.dueAt.getTime(), startedAt, endedAt: Date.now() };
        await redis.rpush(key, JSON.stringify(record));
        if (run === failRun) throw new Error('test.tick: the planned failure');
      },
    },
  ],
});
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
process.once('SIGTERM', () => {
  void running
    .stop()
    .then(() => redis.quit())
    .finally(() => process.exit(0));
});
