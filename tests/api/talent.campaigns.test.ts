/**
 * Issue #21 (plan §5(1)): special recruitment campaigns (专项招聘) of township public institutions in
 * key counties, with posts reserved for local poor-family candidates. A county officer records a
 * campaign and its recruits through the pages, downloads both lists, and the 人事人才 figures move:
 * 2 posts (1 reserved) → 2 filled, the reserved one by a poor-family recruit (a registered poor
 * person of 长汀 in the registry: poor family is looked up by ID number, not ticked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { buildLabourer, makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('special recruitment campaigns of township institutions', () => {
  let ctx: TestContext;
  let page: PageClient;
  let county: { authorization: string };
  let ninghua: { authorization: string };
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ctx = await createTestContext();
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'camp.changting' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'camp.ninghua' });
    page = await new PageClient(ctx).signIn('camp.changting');
    county = await bearer(ctx, 'camp.changting');
    ninghua = await bearer(ctx, 'camp.ninghua');
  });
  afterAll(() => ctx.close());

  it('records a campaign and its recruits by forms, names refused fields, and moves the figures by one each', async () => {
    const hub = await page.get('/talent');
    expect(hub.body).toContain('href="/talent/campaigns"');
    const empty = await page.get('/talent/campaigns');
    expect(empty.statusCode).toBe(200);

    const bad = await page.post('/talent/campaigns', {
      countyCode: '350821',
      year: String(year),
      institution: '',
      title: '2026年河田镇事业单位专项招聘',
      posts: '2',
      reservedPoor: '3',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id=["']c-inst-error["']/);
    const over = await page.post('/talent/campaigns', {
      countyCode: '350821',
      year: String(year),
      institution: '长汀县河田镇农业农村服务中心',
      title: '乡镇事业单位专项招聘',
      posts: '2',
      reservedPoor: '3',
    });
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain('预留岗位不能超过岗位数');
    const made = await page.post('/talent/campaigns', {
      countyCode: '350821',
      year: String(year),
      institution: '长汀县河田镇农业农村服务中心',
      title: '乡镇事业单位专项招聘',
      posts: '2',
      reservedPoor: '1',
    });
    expect(made.statusCode).toBe(303);
    const [campaign] = (
      await ctx.app.inject({ method: 'GET', url: '/api/v1/talent/campaigns', headers: county })
    ).json().items;
    expect(campaign).toMatchObject({ posts: 2, reservedPoor: 1, filled: 0, countyName: '长汀县' });

    const before = await figures();
    const ids = [makeIdNumber('350821', '19980101'), makeIdNumber('350821', '19980101')];
    const registered = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/labourers',
      headers: county,
      payload: buildLabourer({ idNumber: ids[0], name: '钟丽萍' }),
    });
    expect(registered.statusCode).toBe(201);
    await ctx.db.labourer.update({ where: { id: registered.json().id }, data: { povertyStatus: 'registered' } });
    const recruit = (name: string, which: number, reservedPost: boolean) =>
      page.post('/talent/campaigns/recruits', {
        campaignId: campaign.id,
        name,
        idNumber: ids[which]!,
        post: '农技推广员',
        ...(reservedPost ? { reservedPost: 'on' } : {}),
        recruitedOn: today,
      });
    expect((await recruit('钟丽萍', 0, true)).statusCode).toBe(303);
    const afterOne = await figures();
    // §5(1): one poor-family recruit fills one post and the one reserved post.
    expect(afterOne.campaign_filled - before.campaign_filled).toBe(1);
    expect(afterOne.campaign_reserved_filled - before.campaign_reserved_filled).toBe(1);
    const twice = await recruit('钟丽萍', 0, true);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('此人已登记在这次专项招聘中');
    expect((await recruit('罗建平', 1, false)).statusCode).toBe(303);
    const full = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/talent/campaigns/${campaign.id}/recruits`,
      headers: county,
      payload: { name: '王海', idNumber: makeIdNumber('350821', '19970101'), post: '文书', recruitedOn: today },
    });
    expect(full.statusCode).toBe(409);
    expect(await figures()).toMatchObject({
      campaign_posts: 2,
      campaign_filled: 2,
      campaign_reserved: 1,
      campaign_reserved_filled: 1,
    });

    const list = await page.get('/talent/campaigns');
    expect(list.body).toContain('钟**');
    expect(list.body).not.toContain('钟丽萍');
    const csv = await page.get('/talent/campaigns/export?list=recruits&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('农技推广员');
    expect(csv.body).not.toContain('罗建平');
    expect(await ctx.db.auditLog.count({ where: { action: 'talent.campaign_recruits.export' } })).toBe(1);
    const campaigns = await page.get('/talent/campaigns/export?list=campaigns&format=csv');
    expect(campaigns.body).toContain('长汀县河田镇农业农村服务中心');

    // Another county's officer sees none of it, and cannot add to it.
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/v1/talent/campaigns', headers: ninghua })).json().items,
    ).toEqual([]);
    const foreign = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/talent/campaigns/${campaign.id}/recruits`,
      headers: ninghua,
      payload: { name: '王海', idNumber: makeIdNumber('350424', '19970101'), post: '文书', recruitedOn: today },
    });
    expect(foreign.statusCode).toBe(404);
  });

  async function figures(): Promise<Record<'campaign_filled' | 'campaign_reserved_filled', number>> {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/indicators?regionCode=350821&from=${year}-01-01&to=${today}`,
      headers: county,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().values;
  }
});
