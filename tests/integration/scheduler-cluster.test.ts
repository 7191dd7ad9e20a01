import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { prepareDatabase } from '../../prisma/seed/prepare.ts';
import { createMeiliClient } from '../../search-index/client.ts';
import { INDEX_NAMES, indexUid } from '../../search-index/indexes.ts';
import { openAdapter } from '../../services/platform/database/connect.ts';
import { createPrismaClient } from '../../services/platform/database/prisma.ts';
import { schedulerPrefix } from '../../services/platform/scheduler.ts';
import { deleteRedisKeys } from '../helpers/redis-keys.ts';

// PostgreSQL and Redis run on developer and CI machines (see notes/stack-facts.md): this test
// starts its own database on them in both test runs, as the two-process realtime test does.
const SERVER_URL = process.env.SCHEDULER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = path.resolve(import.meta.dirname, '../..');
const PII_KEY = 'scheduler-cluster-test-pii-key-0123456789abcdef';
const TICK_MS = 1000;
const RUN_MS = 300;

interface TickRecord {
  pid: number;
  dueAt: number;
  startedAt: number;
  endedAt: number;
}
interface LogLine {
  msg?: string;
  job?: string;
}
interface Instance {
  child: ChildProcess;
  logs: LogLine[];
  exited: Promise<number | null>;
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/scheduler-instance.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: LogLine[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // Two app processes starting side by side on a loaded 2-core machine take their time.
    const timer = setTimeout(() => reject(new Error('instance did not start within 90 s')), 90_000);
    void exited.then((code) => reject(new Error(`instance exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const parsed = JSON.parse(line) as LogLine & { url?: string };
      if (parsed.url && parsed.msg === undefined) {
        clearTimeout(timer);
        resolve({ child, logs, exited });
      } else logs.push(parsed);
    });
  });
}

async function stopInstance({ child, exited }: Instance): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.kill('SIGTERM');
  const code = await exited;
  clearTimeout(force);
  return code;
}

describe('two app processes on one PostgreSQL and one Redis', () => {
  const name = `wb_sched_${crypto.randomBytes(5).toString('hex')}`;
  const prefix = `sc${crypto.randomBytes(4).toString('hex')}_`;
  const tickKey = `wb-sched-test-${prefix}ticks`;
  const instances: Instance[] = [];
  const redis = new Redis(REDIS_URL);

  const records = async () => (await redis.lrange(tickKey, 0, -1)).map((r) => JSON.parse(r) as TickRecord);

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    // Migrate once, before either process starts, so they never race on it.
    const adapter = await openAdapter({ databaseUrl: url.toString(), dataDir: '' });
    const db = createPrismaClient(adapter.factory);
    await prepareDatabase({ factory: adapter.factory, db, seedDemo: false, piiKey: PII_KEY });
    await db.$disconnect();
    await adapter.close();

    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: url.toString(),
      REDIS_URL,
      MEILI_URL: inject('meiliUrl'),
      MEILI_MASTER_KEY: inject('meiliKey'),
      MEILI_INDEX_PREFIX: prefix,
      PII_KEY,
      DATA_DIR: '/tmp/workbridge-scheduler-cluster-unused',
      PUSH_EVERY_MINUTES: '0',
      TICK_KEY: tickKey,
      TICK_MS: String(TICK_MS),
      RUN_MS: String(RUN_MS),
      FAIL_RUN: '2',
    };
    instances.push(...(await Promise.all([startInstance(env), startInstance(env)])));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    const meili = createMeiliClient(inject('meiliUrl'), inject('meiliKey'));
    for (const index of INDEX_NAMES) await meili.deleteIndex(indexUid(prefix, index)).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await redis.del(tickKey, `${tickKey}:runs`);
    await redis.quit();
    await deleteRedisKeys(REDIS_URL, schedulerPrefix({ meili: { indexPrefix: prefix } }));
    await deleteRedisKeys(REDIS_URL, `wb-jobs-${prefix}`);
  });

  it('runs a periodic job once per tick across both, never beside itself, and stops with them', async () => {
    // Both processes take ticks from here on; six more ticks, however slow the machine.
    const from = (await records()).length;
    const deadline = Date.now() + 120_000;
    while ((await records()).length < from + 6) {
      if (Date.now() > deadline) throw new Error(`only ${(await records()).length - from} ticks in 120 s`);
      await sleep(200);
    }
    expect(await Promise.all(instances.map(stopInstance))).toEqual([0, 0]);
    const runs = await records();
    await sleep(2.5 * TICK_MS);
    expect(await records()).toHaveLength(runs.length);

    // One run per tick: every tick slot once, all on the job's grid; each replica started on its own
    // clock would have run each slot twice, off the grid.
    const slots = runs.map((run) => run.dueAt);
    expect(new Set(slots).size).toBe(runs.length);
    for (const slot of slots) expect((slot - slots[0]!) % TICK_MS).toBe(0);
    const first = Math.min(...slots);
    const last = Math.max(...slots);
    expect(runs.length).toBeLessThanOrEqual((last - first) / TICK_MS + 1);

    // Never beside itself, in one process or across the two.
    const byStart = [...runs].sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < byStart.length; i++)
      expect(byStart[i]!.startedAt).toBeGreaterThanOrEqual(byStart[i - 1]!.endedAt);

    // The planned failure of the second run was logged once, through pino, and later ticks ran on.
    const failures = instances.flatMap((instance) => instance.logs).filter((l) => l.msg === 'scheduled job failed');
    expect(failures).toEqual([expect.objectContaining({ job: 'test.tick' })]);
    expect(Number(await redis.get(`${tickKey}:runs`))).toBeGreaterThanOrEqual(from + 6);
  }, 200_000);
});
