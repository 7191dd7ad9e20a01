import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import { loadFixture, type LoadedFixture } from '../../services/matching/eval/load-fixture.ts';
import { createFixtureRepository } from '../../services/matching/eval/fixture.repository.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { pushCoverage } from '../../services/pushes/coverage.ts';
import { pushesModule } from '../../services/pushes/index.ts';
import { InProcessJobQueue } from '../../services/platform/jobs/in-process-queue.ts';
import { createPushesRepository } from '../../services/pushes/pushes.repository.ts';
import { createPushesService } from '../../services/pushes/pushes.service.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { pushesProvince } from '../helpers/pushes-fixture.ts';
import { runCampaign } from '../helpers/pushes-run.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('push campaigns API', () => {
  let ctx: TestContext;
  let ids: LoadedFixture;
  let admin: { authorization: string };
  let changting: { authorization: string };
  const person = (key: string) => ids.labourers.get(key)!;
  const job = (key: string) => ids.vacancies.get(key)!;
  const run = async (headers: { authorization: string }, body: object = {}) => runCampaign(ctx, headers, body);

  beforeAll(async () => {
    ctx = await createTestContext({ config: { PUSH_CAP_MULTIPLE: '2', PUSH_EVERY_MINUTES: '0' } });
    ids = await loadFixture(createFixtureRepository(ctx.db), pushesProvince(), new PiiCipher(ctx.config.piiKey));
    await ctx.drain.drainAll();
    const adminUser = await createUser(ctx.db, { role: 'admin' });
    const officer = await createUser(ctx.db, { role: 'officer', regionCode: '350821' });
    const lin = await createUser(ctx.db, { role: 'labourer' });
    await ctx.db.user.update({ where: { id: lin.id }, data: { labourerId: person('lin') } });
    admin = await bearer(ctx, adminUser.username);
    changting = await bearer(ctx, officer.username);
  });
  afterAll(() => ctx.close());

  it('pushes suitable jobs to everyone willing and answers what it did', async () => {
    const response = await run(admin, { regionCode: '35' });
    expect(response.statusCode).toBe(202);
    expect(response.status).toBe('completed');
    const body = response.json();
    expect(body).toEqual({ campaignId: expect.any(String), considered: 12, pushed: 11, withoutMatch: 7 });
    const campaign = await ctx.db.pushCampaign.findUniqueOrThrow({ where: { id: body.campaignId } });
    expect(campaign).toMatchObject({ status: 'completed', total: 12, considered: 12, pushed: 11, withoutMatch: 7 });
    // 长汀: each of the three gets all three jobs (jobsPerPerson 3), best paid first in the notice list.
    for (const key of ['lin', 'zhang', 'wang']) {
      const pushes = await ctx.db.jobPush.findMany({ where: { labourerId: person(key) } });
      expect(pushes.map((p) => p.vacancyId).sort()).toEqual([job('ct1'), job('ct2'), job('ct3')].sort());
      expect(pushes.every((p) => p.notificationId !== null)).toBe(true);
    }
    expect(await ctx.db.jobPush.count({ where: { labourerId: person('idle') } })).toBe(0);
  });

  it('sends one notice per pushed job, in Chinese, to the person and their account', async () => {
    const notices = await ctx.db.notification.findMany({ where: { labourerId: person('lin') } });
    expect(notices).toHaveLength(3);
    const user = await ctx.db.user.findFirstOrThrow({ where: { labourerId: person('lin') } });
    for (const notice of notices) {
      expect(notice).toMatchObject({ kind: 'matched_job', userId: user.id });
      expect(notice.title).toMatch(/^为您推荐岗位：岗位ct\d$/);
      expect(notice.body).toContain('长汀县汀州电子厂');
      expect(notice.body).toMatch(/工资4000-\d+元\/月/);
      expect(notice.link).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
    }
  });

  it('pushes a vacancy to at most capMultiple × its places', async () => {
    const pushes = await ctx.db.jobPush.findMany({ where: { vacancyId: job('solo') } });
    expect(pushes).toHaveLength(2);
    const gaps = await ctx.db.pushGap.findMany({ where: { regionCode: { startsWith: '350424' } } });
    expect(gaps.map((g) => g.reason)).toEqual(['vacancies_full', 'vacancies_full']);
    const reached = new Set(pushes.map((p) => p.labourerId));
    for (const gap of gaps) expect(reached.has(gap.labourerId)).toBe(false);
  });

  it('says why each person was left without a suitable job', async () => {
    const reasons = Object.fromEntries(
      (await ctx.db.pushGap.findMany()).map((g) => [
        [...ids.labourers].find(([, id]) => id === g.labourerId)![0],
        g.reason,
      ]),
    );
    expect(reasons).toMatchObject({
      nowhere: 'no_vacancy_in_area',
      old: 'age',
      'not-hard': 'public_welfare_only',
      rich: 'wage_expectation',
      picky: 'not_interested',
    });
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/pushes/without?regionCode=350425',
      headers: admin,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        expect.objectContaining({
          labourerId: person('old'),
          name: '测****',
          regionCode: '350425',
          regionName: '三明市大田县',
          reason: 'age',
          reasonText: '范围内的岗位都不符合其年龄要求',
          detail: expect.objectContaining({ inArea: 1, ageFits: 0 }),
        }),
      ],
      total: 1,
      page: 1,
      pageSize: 50,
    });
  });

  it('changes nothing when run again on the same data: no push, no notice', async () => {
    const [pushes, notices] = await Promise.all([ctx.db.jobPush.count(), ctx.db.notification.count()]);
    const response = await run(admin, { regionCode: '35' });
    expect(response.json()).toMatchObject({ considered: 12, pushed: 0, withoutMatch: 7 });
    expect(await ctx.db.jobPush.count()).toBe(pushes);
    expect(await ctx.db.notification.count()).toBe(notices);
  });

  it('gives coverage by county as computed by hand', async () => {
    const coverage = await pushCoverage(createPushesRepository(ctx.db), '35');
    expect(coverage).toEqual({
      willing: 12,
      covered: 5,
      share: 0.4167,
      byCounty: [
        { regionCode: '350423', name: '清流县', willing: 1, covered: 0, share: 0 },
        { regionCode: '350424', name: '宁化县', willing: 4, covered: 2, share: 0.5 },
        { regionCode: '350425', name: '大田县', willing: 1, covered: 0, share: 0 },
        { regionCode: '350426', name: '尤溪县', willing: 1, covered: 0, share: 0 },
        { regionCode: '350428', name: '将乐县', willing: 1, covered: 0, share: 0 },
        { regionCode: '350429', name: '泰宁县', willing: 1, covered: 0, share: 0 },
        { regionCode: '350821', name: '长汀县', willing: 3, covered: 3, share: 1 },
      ],
    });
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/pushes/coverage', headers: changting });
    expect(response.json()).toEqual({
      regionCode: '350821',
      willing: 3,
      covered: 3,
      share: 1,
      byCounty: [{ regionCode: '350821', name: '长汀县', willing: 3, covered: 3, share: 1 }],
    });
  });

  it('pushes a vacancy published since to the people still without, within its cap', async () => {
    const employerId = ids.employers.get('nh')!;
    const fresh = await ctx.db.vacancy.create({
      data: {
        employerId,
        title: '岗位solo2',
        occupationCode: 'C03-001',
        description: '新岗位',
        skillCodes: ['S-ELEC-ASSEMBLY'],
        regionCode: '350424100',
        wageMin: 4000,
        wageMax: 5000,
        headcount: 1,
        status: 'open',
        publishedAt: new Date(),
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    await ctx.db.$transaction((tx) => enqueueIndexing(tx, 'vacancies', [fresh.id]));
    await ctx.drain.drainAll();
    const response = await run(admin, { regionCode: '350424' });
    expect(response.json()).toMatchObject({ considered: 4, pushed: 2, withoutMatch: 0 });
    // The two people 'solo' could not take get the new place; the two it reached are already covered.
    const solo = new Set(
      (await ctx.db.jobPush.findMany({ where: { vacancyId: job('solo') } })).map((p) => p.labourerId),
    );
    const reached = (await ctx.db.jobPush.findMany({ where: { vacancyId: fresh.id } })).map((p) => p.labourerId);
    expect(reached.sort()).toEqual(
      ['n1', 'n2', 'n3', 'n4']
        .map(person)
        .filter((id) => !solo.has(id))
        .sort(),
    );
    expect(await ctx.db.pushGap.count({ where: { regionCode: { startsWith: '350424' } } })).toBe(0);
    expect((await pushCoverage(createPushesRepository(ctx.db), '350424')).share).toBe(1);
  });

  it('keeps officers to their region: 403 elsewhere', async () => {
    expect((await run(changting, { regionCode: '3504' })).statusCode).toBe(403);
    const coverage = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/pushes/coverage?regionCode=35',
      headers: changting,
    });
    expect(coverage.statusCode).toBe(403);
    const without = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/pushes/without?regionCode=3504',
      headers: changting,
    });
    expect(without.statusCode).toBe(403);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/pushes/campaigns', headers: admin });
    const provinceWide = list.json().items.find((c: { regionCode: string }) => c.regionCode === '35');
    const one = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/pushes/campaigns/${provinceWide.id}`,
      headers: changting,
    });
    expect(one.statusCode).toBe(403);
    const labourer = await createUser(ctx.db, { role: 'labourer' });
    expect((await run(await bearer(ctx, labourer.username))).statusCode).toBe(403);
  });

  it('runs over the officer’s whole region by default and lists campaigns newest first', async () => {
    const response = await run(changting);
    expect(response.json()).toMatchObject({ considered: 3, pushed: 0, withoutMatch: 0 });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/pushes/campaigns', headers: changting });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      regionCode: '350821',
      status: 'completed',
      trigger: 'manual',
      progress: 100,
    });
    const one = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/pushes/campaigns/${body.items[0].id}`,
      headers: changting,
    });
    expect(one.json()).toEqual(body.items[0]);
  });

  it('exports the people without a job as CSV, and audits it', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/pushes/without/export?regionCode=35&format=csv',
      headers: admin,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.replace('\uFEFF', '').trim().split('\n');
    expect(lines[0]).toBe('姓名,身份证号,户籍地,区划代码,原因,核查日期');
    expect(lines).toHaveLength(6);
    expect(response.body).toContain('愿意去的范围内目前没有在招岗位');
    expect(await ctx.db.auditLog.count({ where: { action: 'pushes.without.export' } })).toBe(1);
  });

  it('schedules a campaign per province only when PUSH_EVERY_MINUTES is above 0', async () => {
    const { deps, instances } = ctx.app.modules;
    expect(instances.get('pushes')!.jobs).toEqual([]);
    const hourly = await pushesModule.setUp({
      ...deps,
      config: { ...deps.config, push: { ...deps.config.push, everyMinutes: 60 } },
    });
    try {
      const jobs = hourly.jobs ?? [];
      expect(jobs.map((j) => [j.name, j.everyMs])).toEqual([['push campaigns', 3_600_000]]);
      await jobs[0]!.run();
    } finally {
      await hourly.close?.();
    }
    const scheduled = await ctx.db.pushCampaign.findMany({ where: { trigger: 'scheduled' } });
    expect(scheduled).toEqual([
      expect.objectContaining({ regionCode: '35', trigger: 'scheduled', status: 'completed', pushed: 0 }),
    ]);
  });
  it('writes a page one person per transaction (the embedded database’s short write steps) with the same pushes, caps and gaps as in one', async () => {
    const { deps } = ctx.app.modules;
    const runWith = async (writeSlice: number | undefined) => {
      await ctx.db.$executeRaw`DELETE FROM "JobPush"`;
      await ctx.db.$executeRaw`DELETE FROM "PushGap"`;
      await ctx.db.$executeRaw`DELETE FROM "Notification" WHERE "kind" = 'matched_job'`;
      const queue = new InProcessJobQueue();
      const service = createPushesService({
        repo: createPushesRepository(ctx.db),
        matching: deps.matching,
        notifier: deps.notifier,
        reference: deps.reference,
        push: ctx.config.push,
        queue,
        tuning: { writeSlice },
      });
      try {
        const { considered, pushed, withoutMatch } = await service.run(
          { id: 'slices', role: 'admin', regionCode: null },
          '35',
        );
        const pushes = await ctx.db.jobPush.findMany({ select: { labourerId: true, vacancyId: true } });
        const gaps = await ctx.db.pushGap.findMany({ select: { labourerId: true, reason: true } });
        return {
          figures: { considered, pushed, withoutMatch },
          pushes: pushes.map((p) => `${p.labourerId}:${p.vacancyId}`).sort(),
          gaps: gaps.map((g) => `${g.labourerId}:${g.reason}`).sort(),
          notices: await ctx.db.notification.count({ where: { kind: 'matched_job' } }),
        };
      } finally {
        await queue.close();
      }
    };
    const whole = await runWith(undefined);
    const sliced = await runWith(1);
    expect(sliced).toEqual(whole);
    expect(sliced.figures.considered).toBe(12);
    expect(sliced.notices).toBe(sliced.figures.pushed);
    // The cap (2 × 1 place) holds across the slices of a page.
    expect(sliced.pushes.filter((p) => p.endsWith(`:${job('solo')}`))).toHaveLength(2);
  });
});
