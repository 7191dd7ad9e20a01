import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, type LoadedFixture } from '../../services/matching/eval/load-fixture.ts';
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

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('push campaigns on BullMQ (two workers)', () => {
  let ctx: TestContext;
  let ids: LoadedFixture;
  let second: JobQueue;
  let secondService: PushesService;
  let admin: { authorization: string };
  const handledBySecond: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({
      config: { PUSH_CAP_MULTIPLE: '2', PUSH_EVERY_MINUTES: '0', REDIS_URL },
    });
    ids = await loadFixture(createFixtureRepository(ctx.db), pushesProvince(), new PiiCipher(ctx.config.piiKey));
    await ctx.drain.drainAll();
    // A second app process: its own queue and workers on the same Redis and database.
    const queue = await createJobQueue({ redisUrl: REDIS_URL, prefix: `wb-jobs-${ctx.config.meili.indexPrefix}` });
    second = {
      ...queue,
      kind: queue.kind,
      ping: () => queue.ping(),
      handle: (name, handler) =>
        queue.handle(name, async (data) => {
          if (name === 'pushes.chunk') handledBySecond.push(String(data.prefix));
          await handler(data);
        }),
      run: (job) => queue.run(job),
      flow: (parent, children) => queue.flow(parent, children),
      close: () => queue.close(),
    };
    const { deps } = ctx.app.modules;
    secondService = createPushesService({
      repo: createPushesRepository(ctx.db),
      matching: deps.matching,
      notifier: deps.notifier,
      reference: deps.reference,
      push: ctx.config.push,
      queue: second,
      // This process searches Meilisearch query by query; the app's holds the open jobs in memory.
      tuning: { snapshotMax: 0 },
    });
    const adminUser = await createUser(ctx.db, { role: 'admin' });
    admin = await bearer(ctx, adminUser.username);
  });
  afterAll(async () => {
    await second?.close();
    const prefix = `wb-jobs-${ctx.config.meili.indexPrefix}`;
    await ctx.close();
    // The queues' bookkeeping keys of this test's prefix.
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('splits a campaign by county over both workers and still pushes each pair once, within the caps', async () => {
    const response = await runCampaign(ctx, admin, { regionCode: '35' });
    expect(response.statusCode).toBe(202);
    expect(response.status).toBe('completed');
    expect(response.json()).toMatchObject({ considered: 12, pushed: 11, withoutMatch: 7 });
    expect(handledBySecond.length).toBeGreaterThan(0);
    expect(handledBySecond.length).toBeLessThan(7);
    expect(await ctx.db.jobPush.count({ where: { vacancyId: ids.vacancies.get('solo')! } })).toBe(2);
    expect(await ctx.db.notification.count()).toBe(11);
  });

  it('runs again from the other process without pushing anything twice', async () => {
    const result = await secondService.run({ id: 'x', role: 'admin', regionCode: null }, '35');
    expect(result).toMatchObject({ considered: 12, pushed: 0, withoutMatch: 7 });
    expect(await ctx.db.jobPush.count()).toBe(11);
    expect(await ctx.db.notification.count()).toBe(11);
  });

  it('refuses a second campaign over an overlapping region while one runs', async () => {
    const running = await ctx.db.pushCampaign.create({
      data: { regionCode: '35', trigger: 'scheduled', status: 'running' },
    });
    try {
      for (const regionCode of ['3504', '35']) {
        const clash = await ctx.app.inject({
          method: 'POST',
          url: '/api/v1/pushes/run',
          headers: admin,
          payload: { regionCode },
        });
        expect(clash.statusCode).toBe(409);
        expect(clash.json().details).toEqual({ campaignId: running.id });
      }
      await expect(secondService.run({ id: 'x', role: 'admin', regionCode: null }, '')).rejects.toThrow(/overlapping/);
    } finally {
      await ctx.db.pushCampaign.update({ where: { id: running.id }, data: { status: 'completed' } });
    }
  });
});
