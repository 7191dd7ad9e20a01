/**
 * "My jobs" and the officer's view of a person's matches, without JavaScript. Needs matchingModule
 * registered in services/app.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, type LoadedFixture } from '../../services/matching/eval/load-fixture.ts';
import { createFixtureRepository } from '../../services/matching/eval/fixture.repository.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { miniProvince } from '../fixtures/matching/mini-province.ts';
import { seedSmallDemo, testPasswordHash } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('matching pages', () => {
  let ctx: TestContext;
  let ids: LoadedFixture;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    ids = await loadFixture(createFixtureRepository(ctx.db), miniProvince(), new PiiCipher(ctx.config.piiKey));
    await ctx.drain.drainAll();
    await ctx.db.user.create({
      data: {
        username: 'labourer.wang',
        passwordHash: await testPasswordHash(),
        role: 'labourer',
        displayName: '王',
        labourerId: ids.labourers.get('wang')!,
        regionCode: '350821',
      },
    });
  });
  afterAll(() => ctx.close());

  it('shows "My jobs" as large cards with wage, place, icons, Chinese reasons and one-tap apply', async () => {
    const client = await new PageClient(ctx).signIn('labourer.wang');
    const page = await client.get('/my-jobs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('适合我的工作');
    expect(page.body).toContain('class="card job match-card');
    expect(page.body).toMatch(/离家远，单位包住|是您想做的工作：电子装配工/);
    expect(page.body).toContain('包吃');
    expect(page.body).toContain('action="/applications"');
    expect(page.body).toContain(`name="vacancyId" value="${ids.vacancies.get('home')}"`);
    expect(page.body).not.toContain(ids.vacancies.get('paused'));
  });

  it('takes "not interested" with a form post, redirects back and offers to undo', async () => {
    const client = await new PageClient(ctx).signIn('labourer.wang');
    await client.get('/my-jobs');
    const home = ids.vacancies.get('home')!;
    const posted = await client.post('/my-jobs/not-interested', { vacancyId: home });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/my-jobs?hidden=${home}`);
    const after = await client.get(posted.headers.location as string);
    expect(after.body).toContain('不再优先推荐给您');
    expect(after.body).toContain('您已表示不感兴趣');
    const undone = await client.post('/my-jobs/undo', { vacancyId: home });
    expect(undone.headers.location).toBe('/my-jobs?restored=1');
    expect((await client.post('/my-jobs/not-interested', { vacancyId: 'nonsense' })).statusCode).toBe(400);
  });

  it('shows the page in English when asked', async () => {
    const client = await new PageClient(ctx).signIn('labourer.wang');
    const page = await client.get('/my-jobs?lang=en');
    expect(page.body).toContain('Jobs for me');
    expect(page.body).toContain('Apply');
  });

  it('gives the officer a person’s matches with reasons, wage and the employer’s phone', async () => {
    const client = await new PageClient(ctx).signIn('officer.changting');
    const page = await client.get(`/labourers/${ids.labourers.get('lin')}/matches`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('测试lin的推荐岗位');
    expect(page.body).toContain('href="tel:13905970001"');
    expect(page.body).toContain('是您想做的工作：电子装配工');
    expect(page.body).toMatch(/4,000–5,500/);
  });

  it('keeps the officer page for officers of the region', async () => {
    const labourer = await new PageClient(ctx).signIn('labourer.demo');
    expect((await labourer.get(`/labourers/${ids.labourers.get('lin')}/matches`)).statusCode).toBe(403);
    const officer = await new PageClient(ctx).signIn('officer.changting');
    expect((await officer.get(`/labourers/${ids.labourers.get('ninghua')}/matches`)).statusCode).toBe(403);
  });
});
