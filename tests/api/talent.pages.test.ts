/**
 * The talent pages without JavaScript (issue #21): a province officer makes the year's 三支一扶 plan,
 * adds a post and an applicant through forms, moves the applicant on, and downloads the lists; a bad
 * form comes back with its field named (never a 500); the hub shows the figures and their chart data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../services/platform/time/china-time.ts';
import { createUser } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('talent pages', () => {
  let ctx: TestContext;
  let page: PageClient;
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ctx = await createTestContext();
    await createUser(ctx.db, { role: 'officer', regionCode: '35', username: 'talent.pages' });
    page = await new PageClient(ctx).signIn('talent.pages');
  });
  afterAll(() => ctx.close());

  it('records a plan, a post and an applicant by forms, and places the applicant', async () => {
    const empty = await page.get('/sanzhiyifu');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('还没有招募计划');

    const bad = await page.post('/sanzhiyifu/plans', {
      year: String(year),
      targetTotal: '100',
      targetKeyCounty: '250',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('重点县人数不能超过招募总数');

    const made = await page.post('/sanzhiyifu/plans', {
      year: String(year),
      targetTotal: '500',
      targetKeyCounty: '250',
    });
    expect(made.statusCode).toBe(303);
    const planId = /planId=([0-9a-f-]{36})/.exec(made.headers.location as string)![1]!;
    const again = await page.post('/sanzhiyifu/plans', {
      year: String(year),
      targetTotal: '500',
      targetKeyCounty: '250',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('这一年已经有招募计划');

    expect(
      (
        await page.post('/sanzhiyifu/posts', {
          planId,
          countyCode: '350821',
          kind: 'education',
          title: '支教',
          count: '2',
        })
      ).statusCode,
    ).toBe(303);
    const badId = await page.post('/sanzhiyifu/participants', {
      planId,
      name: '陈',
      idNumber: '123',
      homeRegionCode: '350821',
      appliedOn: today,
    });
    expect(badId.statusCode).toBe(422);
    expect(badId.body).toContain('身份证号格式不对');
    const ahead = await page.post('/sanzhiyifu/participants', {
      planId,
      name: '陈思远',
      idNumber: makeIdNumber('350821', '20000301'),
      homeRegionCode: '350821',
      appliedOn: chinaDate(new Date(Date.now() + 86_400_000))!,
    });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.body).toContain('日期不能晚于今天');
    expect(
      (
        await page.post('/sanzhiyifu/participants', {
          planId,
          name: '陈思远',
          idNumber: makeIdNumber('350821', '20000301'),
          homeRegionCode: '350821',
          appliedOn: today,
        })
      ).statusCode,
    ).toBe(303);

    const list = await page.get(`/sanzhiyifu?planId=${planId}`);
    expect(list.body).toMatch(/350821\*{8}\d{3}[\dX]/);
    const personId = /\/sanzhiyifu\/participants\/([0-9a-f-]{36})/.exec(list.body)![1]!;
    expect((await page.get(`/sanzhiyifu/participants/${personId}`)).statusCode).toBe(200);
    expect(
      (await page.post(`/sanzhiyifu/participants/${personId}/transitions`, { to: 'selected', on: today })).statusCode,
    ).toBe(303);
    const noPost = await page.post(`/sanzhiyifu/participants/${personId}/transitions`, {
      to: 'placed',
      on: today,
      postId: '',
    });
    expect(noPost.statusCode).toBe(422);
    expect(noPost.body).toContain('派遣到岗需要选择岗位');
    const postId = /<option value="([0-9a-f-]{36})"/.exec(noPost.body)![1]!;
    expect(
      (await page.post(`/sanzhiyifu/participants/${personId}/transitions`, { to: 'placed', on: today, postId }))
        .statusCode,
    ).toBe(303);

    const csv = await page.get(`/sanzhiyifu/export?list=participants&planId=${planId}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('已派遣到岗');
    expect(csv.body).not.toMatch(/35082120000301\d{4}/);

    const hub = await page.get('/talent');
    expect(hub.body).toContain('派往重点县人数');
    expect(hub.body).toContain('id="talent-chart-data"');
    expect(hub.body).toMatch(/"label":"派往重点县人数","target":250,"done":1/);
  });

  it('keeps the catalogue and the linked counties, with their downloads, in English too', async () => {
    const notKey = await page.post('/talent/catalogue', {
      countyCode: '350823',
      year: String(year),
      field: '农学',
      level: 'bachelor',
      posts: '1',
      allowancePerMonth: '1000',
    });
    expect(notKey.statusCode).toBe(422);
    expect(
      (
        await page.post('/talent/catalogue', {
          countyCode: '350821',
          year: String(year),
          field: '临床医学',
          level: 'bachelor',
          posts: '2',
          reservedPoor: '1',
          allowancePerMonth: '2000',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await page.post('/linked-counties', { countyCode: '350821', since: String(year), villages: '溪口村\n莲湖村' }))
        .statusCode,
    ).toBe(303);
    const linked = await page.get('/linked-counties');
    expect(linked.body).toContain('溪口村、莲湖村');
    for (const url of [
      '/talent/catalogue/export?list=entries',
      '/talent/catalogue/export?list=recruits',
      '/linked-counties/export',
      '/sanzhiyifu/export?list=plans',
    ]) {
      expect((await page.get(url)).statusCode, url).toBe(200);
    }
    const english = await page.get('/talent/catalogue?lang=en');
    expect(english.body).toContain('Shortage-talent catalogue');
  });
});
