import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { prepareDatabase } from '../../prisma/seed/prepare.ts';
import { createMeiliClient } from '../../search-index/client.ts';
import { INDEX_NAMES, indexUid } from '../../search-index/indexes.ts';
import { openAdapter } from '../../services/platform/database/connect.ts';
import { createPrismaClient } from '../../services/platform/database/prisma.ts';
import { schedulerPrefix } from '../../services/platform/scheduler.ts';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { inboxOf, openSocket, type NoticeSocket } from '../helpers/notifications-socket.ts';
import { deleteRedisKeys } from '../helpers/redis-keys.ts';

// PostgreSQL and Redis run on developer and CI machines (see notes/stack-facts.md).
const SERVER_URL = process.env.NOTIFICATIONS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.NOTIFICATIONS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = path.resolve(import.meta.dirname, '../..');
const PII_KEY = 'realtime-cluster-test-pii-key-0123456789abcdef';

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function startInstance(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/notifications-instance.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('instance did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

function stopInstance(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe('two app instances on one database and one Redis', () => {
  const name = `wb_realtime_${crypto.randomBytes(5).toString('hex')}`;
  const prefix = `rt${crypto.randomBytes(4).toString('hex')}_`;
  const instances: ChildProcess[] = [];
  const sockets: NoticeSocket[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    // Migrate once, before either instance starts, so they never race on it.
    const adapter = await openAdapter({ databaseUrl: url.toString(), dataDir: '' });
    const db = createPrismaClient(adapter.factory);
    await prepareDatabase({ factory: adapter.factory, db, seedDemo: false, piiKey: PII_KEY });
    await createUser(db, { role: 'officer', regionCode: '350821', username: 'officer.cluster' });
    await createUser(db, { role: 'employer', regionCode: '350821', username: 'employer.cluster' });
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
      DATA_DIR: '/tmp/workbridge-realtime-cluster-unused',
    };
    const [first, second] = await Promise.all([startInstance(env), startInstance(env)]);
    instances.push(first.child, second.child);
    a = first.url;
    b = second.url;
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(instances.map(stopInstance));
    const meili = createMeiliClient(inject('meiliUrl'), inject('meiliKey'));
    for (const index of INDEX_NAMES) await meili.deleteIndex(indexUid(prefix, index)).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    // The instances' periodic-job schedules and campaign queues.
    await deleteRedisKeys(REDIS_URL, schedulerPrefix({ meili: { indexPrefix: prefix } }));
    await deleteRedisKeys(REDIS_URL, `wb-jobs-${prefix}`);
  });

  async function login(base: string, username: string) {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return `Bearer ${((await response.json()) as { token: string }).token}`;
  }

  it('delivers a notice emitted on instance A to a client connected to instance B', async () => {
    expect(a).not.toBe(b);
    const employerOnB = await openSocket(b, await login(b, 'employer.cluster'));
    sockets.push(employerOnB);
    const live = inboxOf(employerOnB);

    const started = Date.now();
    const sent = await fetch(`${a}/api/v1/notifications/broadcasts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await login(a, 'officer.cluster') },
      body: JSON.stringify({
        regionCode: '350821',
        roles: ['employer'],
        title: '就业援助月用工对接',
        body: '请各单位报名。',
      }),
    });
    expect(sent.status).toBe(201);
    expect(((await sent.json()) as { recipients: number }).recipients).toBe(1);

    const [received] = await live.waitFor(1, 10_000);
    expect(received!.notification).toMatchObject({ kind: 'officer_broadcast', title: '就业援助月用工对接' });
    expect(received!.unread).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
