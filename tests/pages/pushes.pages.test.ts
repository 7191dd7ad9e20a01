import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../services/matching/eval/load-fixture.ts';
import { createFixtureRepository } from '../../services/matching/eval/fixture.repository.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { pushesProvince } from '../helpers/pushes-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('push pages (no JavaScript)', () => {
  let ctx: TestContext;
  let officer: PageClient;
  let province: PageClient;

  beforeAll(async () => {
    ctx = await createTestContext({ config: { PUSH_CAP_MULTIPLE: '2', PUSH_EVERY_MINUTES: '0' } });
    await loadFixture(createFixtureRepository(ctx.db), pushesProvince(), new PiiCipher(ctx.config.piiKey));
    await ctx.drain.drainAll();
    const changting = await createUser(ctx.db, { role: 'officer', regionCode: '350821' });
    const fujian = await createUser(ctx.db, { role: 'officer', regionCode: '35' });
    officer = await new PageClient(ctx).signIn(changting.username);
    province = await new PageClient(ctx).signIn(fujian.username);
  });
  afterAll(() => ctx.close());

  /** Follows the campaign page (it refreshes itself while running) until the campaign is done. */
  async function untilDone(client: PageClient, url: string) {
    for (let i = 0; i < 100; i++) {
      const page = await client.get(url);
      expect(page.statusCode).toBe(200);
      if (!page.body.includes("http-equiv='refresh'")) return page;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the campaign did not finish');
  }

  it('runs a campaign from the form, then shows its progress and result', async () => {
    const list = await officer.get('/pushes');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('立即推送');
    expect(list.body).toContain("<option value='350821'");
    expect(list.body).not.toContain("<option value='3504'");
    const posted = await officer.post('/pushes/run', { regionCode: '350821' });
    expect(posted.statusCode).toBe(303);
    const url = posted.headers.location as string;
    expect(url).toMatch(/^\/pushes\/[0-9a-f-]{36}$/);
    const done = await untilDone(officer, url);
    expect(done.body).toContain('已完成');
    expect(done.body).toContain('没有人员缺少合适岗位');
    expect(done.body).toMatch(/src='\/static\/js\/pushes-progress\.js\?v=[0-9a-f]{12}'/);
    const after = await officer.get('/pushes');
    expect(after.body).toContain('100.0%');
    expect(after.body).toContain(`href='${url}'`);
  });

  it('refuses a region outside the officer’s scope with 422 and says why', async () => {
    const posted = await officer.post('/pushes/run', { regionCode: '3504' });
    expect(posted.statusCode).toBe(422);
    expect(posted.body).toContain('请选择您辖区内的地区');
  });

  it('says in Chinese why a campaign cut off by a restart failed, not the stored English reason', async () => {
    const campaign = await ctx.db.pushCampaign.create({
      data: { regionCode: '350821', trigger: 'manual', status: 'running' },
    });
    await ctx.db.pushCampaign.update({
      where: { id: campaign.id },
      data: { status: 'failed', finishedAt: new Date(), error: 'interrupted by a restart' },
    });
    const page = await officer.get(`/pushes/${campaign.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('推送失败：服务重启时推送被中断，请重新推送。');
    expect(page.body).not.toContain('interrupted');
  });

  it('lists the people without a job, names masked, with the reason in plain Chinese', async () => {
    const posted = await province.post('/pushes/run', { regionCode: '35' });
    expect(posted.statusCode).toBe(303);
    const done = await untilDone(province, posted.headers.location as string);
    expect(done.body).toContain('愿意去的范围内目前没有在招岗位');
    const without = await province.get('/pushes/without?regionCode=3504');
    expect(without.statusCode).toBe(200);
    expect(without.body).toContain('共 7 人');
    expect(without.body).toContain('测*******');
    expect(without.body).not.toContain('测试nowhere');
    expect(without.body).toContain('合适的岗位都已推送给足够多的人');
    expect(without.body).toContain('/api/v1/pushes/without/export?regionCode=3504&amp;lang=zh-CN&amp;format=xlsx');
    const english = await province.get('/pushes/without?regionCode=350425&lang=en');
    expect(english.body).toContain('Every job in their area is outside their age');
  });

  it('shows coverage by county as a table (the chart reads the same numbers)', async () => {
    const page = await province.get('/pushes/coverage?regionCode=35');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /宁化县<\/td>\s*<td class='num'>4<\/td>\s*<td class='num'>2<\/td>\s*<td class='num'>50.0%<\/td>/,
    );
    expect(page.body).toContain("<script type='application/json' id='pushes-coverage-data'>");
    expect(page.body).toMatch(/src='\/static\/js\/pushes-coverage\.js\?v=[0-9a-f]{12}'/);
    const csv = await province.get('/api/v1/pushes/coverage/export?regionCode=35&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('宁化县,350424,4,2,50.0%');
    expect((await officer.get('/pushes/coverage?regionCode=35')).statusCode).toBe(403);
  });
});
