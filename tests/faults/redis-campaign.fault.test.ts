import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../search-index/launcher.ts';
import { loadFixture } from '../../services/matching/eval/load-fixture.ts';
import { createFixtureRepository } from '../../services/matching/eval/fixture.repository.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { createJobQueue, type JobQueue } from '../../services/platform/jobs/job-queue.ts';
import { createPushesRepository } from '../../services/pushes/pushes.repository.ts';
import { createPushesService, type PushesService } from '../../services/pushes/pushes.service.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { pushesProvince } from '../helpers/pushes-fixture.ts';
import { runCampaign } from '../helpers/pushes-run.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** A Redis of this test's own (the machine's shared one must not be killed), without persistence. */
async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return server;
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function kill(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
}

/**
 * The gated campaign's lease, renewed every half second. Five seconds leave a loaded machine room
 * for a late heartbeat: at 3 s, renewals held up 2.5 s (a busy loop, a queued statement) would let
 * the lease lapse and give the clash below a 202 instead of its 409.
 */
const LEASE_MS = 5_000;
/** How long a state may take to show on a loaded machine (Redis probes, BullMQ's loss grace, restarts). */
const SETTLES_MS = 30_000;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Redis lost during a push campaign', () => {
  let port: number;
  let redis: ChildProcess;
  let ctx: TestContext;
  let admin: { authorization: string };
  let gated: JobQueue;
  let service: PushesService;
  const logged: Array<{ level: string; msg: string }> = [];
  const log = {
    warn: (_obj: object, msg: string) => logged.push({ level: 'warn', msg }),
    info: (_obj: object, msg: string) => logged.push({ level: 'info', msg }),
  };
  // A chunk of the gated campaign waits here: Redis is killed while the campaign really runs.
  const entered = deferred();
  const release = deferred();

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    ctx = await createTestContext({ config: { PUSH_CAP_MULTIPLE: '2', PUSH_EVERY_MINUTES: '0', REDIS_URL: redisUrl } });
    await loadFixture(createFixtureRepository(ctx.db), pushesProvince(), new PiiCipher(ctx.config.piiKey));
    await ctx.drain.drainAll();
    admin = await bearer(ctx, (await createUser(ctx.db, { role: 'admin' })).username);
    const queue = await createJobQueue({ redisUrl, prefix: 'wb-gated', log, lossGraceMs: 1_500 });
    gated = {
      kind: queue.kind,
      handle: (name, handler) =>
        queue.handle(name, async (data) => {
          if (name === 'pushes.chunk') {
            entered.resolve();
            await release.promise;
          }
          await handler(data);
        }),
      run: (job) => queue.run(job),
      flow: (parent, children) => queue.flow(parent, children),
      ping: () => queue.ping(),
      close: () => queue.close(),
    };
    const { deps } = ctx.app.modules;
    service = createPushesService({
      repo: createPushesRepository(ctx.db, LEASE_MS),
      matching: deps.matching,
      notifier: deps.notifier,
      reference: deps.reference,
      push: ctx.config.push,
      queue: gated,
      log,
      lease: { ms: LEASE_MS, heartbeatMs: 500 },
    });
  });
  afterAll(async () => {
    release.resolve();
    await gated?.close();
    await ctx?.close();
    if (redis) await kill(redis);
  });

  it('answers the POST at once with 202 and the campaign id; progress is at the campaign API', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/pushes/run',
      headers: admin,
      payload: { regionCode: '3508' },
    });
    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body).toEqual({
      campaignId: expect.any(String),
      status: 'running',
      progressUrl: `/api/v1/pushes/campaigns/${body.campaignId}`,
    });
    expect(response.headers.location).toBe(body.progressUrl);
    await expect
      .poll(
        async () => (await ctx.app.inject({ method: 'GET', url: body.progressUrl, headers: admin })).json().status,
        {
          timeout: 30_000,
          interval: 50,
        },
      )
      .toBe('completed');
  });

  it('fails the campaign when Redis dies under it, reports Redis in /readyz, logs once, and a new campaign runs once Redis is back', async () => {
    const actor = { id: 'fault-test', role: 'admin' as const, regionCode: null };
    const campaign = await service.startInBackground(actor, '35');
    await entered.promise;

    // The heartbeat holds the region past the lease while the campaign really runs.
    await new Promise((r) => setTimeout(r, LEASE_MS + 1_000));
    const clash = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/pushes/run',
      headers: admin,
      payload: { regionCode: '3501' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().details).toEqual({ campaignId: campaign.id });

    const consoleErrors = vi.spyOn(console, 'error');
    try {
      await kill(redis);
      await expect
        .poll(async () => (await ctx.app.inject({ method: 'GET', url: '/readyz' })).json(), { timeout: SETTLES_MS })
        .toMatchObject({
          status: 'not_ready',
          checks: { database: { ok: true }, search: { ok: true }, redis: { ok: false } },
        });
      await expect
        .poll(async () => (await ctx.db.pushCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).status, {
          timeout: SETTLES_MS,
          interval: 100,
        })
        .toBe('failed');
      release.resolve();
      const failed = await ctx.db.pushCampaign.findUniqueOrThrow({ where: { id: campaign.id } });
      expect(failed.error).toMatch(/Redis unreachable/);

      redis = await startRedis(port);
      const back = Date.now();
      await expect
        .poll(async () => (await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode, {
          timeout: SETTLES_MS,
        })
        .toBe(200);
      const next = await runCampaign(ctx, admin, { regionCode: '35' });
      expect(next.statusCode).toBe(202);
      expect(next.status).toBe('completed');
      expect(Date.now() - back).toBeLessThan(60_000);

      // BullMQ's own clients back off up to 20 s between retries: the last of them may be back late.
      await expect
        .poll(() => logged.filter((l) => l.msg === 'Redis reachable again').length, { timeout: SETTLES_MS })
        .toBe(1);
      expect(logged.filter((l) => l.msg.startsWith('Redis unreachable'))).toHaveLength(1);
      const unhandled = consoleErrors.mock.calls.filter((args) => String(args[0]).includes('Unhandled error event'));
      expect(unhandled).toEqual([]);
    } finally {
      consoleErrors.mockRestore();
    }
  }, 240_000);

  it('frees the region of a campaign whose process died once its lease lapsed, not after hours', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const dead = await ctx.db.pushCampaign.create({
      data: {
        regionCode: '35',
        trigger: 'scheduled',
        status: 'running',
        startedAt: tenMinutesAgo,
        heartbeatAt: tenMinutesAgo,
      },
    });
    const response = await runCampaign(ctx, admin, { regionCode: '350821' });
    expect(response.statusCode).toBe(202);
    expect(response.status).toBe('completed');
    expect(await ctx.db.pushCampaign.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/lease/),
    });
  });
});
