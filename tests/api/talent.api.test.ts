/**
 * Issue #21 (plan §5(4)): a 三支一扶 plan for the year with posts in two key counties (长汀 350821,
 * 宁化 350424) and one that is not (上杭 350823); participants are selected and placed; the "placed
 * in key counties" figure (szyf_placed_key_county) counts exactly the two placed in key counties.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('三支一扶, catalogue and linked counties through the API', () => {
  let ctx: TestContext;
  let province: { authorization: string };
  let county: { authorization: string };
  const year = Number(new Date().toISOString().slice(0, 4));
  const today = new Date().toISOString().slice(0, 10);
  const post = (url: string, headers: object, payload: object) =>
    ctx.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });

  beforeAll(async () => {
    ctx = await createTestContext();
    await createUser(ctx.db, { role: 'officer', regionCode: '35', username: 'szyf.province' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'szyf.changting' });
    province = await bearer(ctx, 'szyf.province');
    county = await bearer(ctx, 'szyf.changting');
  });
  afterAll(() => ctx.close());

  it('places participants in two key counties and counts them in the "to key counties" figure', async () => {
    const plan = await post('/api/v1/sanzhiyifu/plans', province, { year, targetTotal: 500, targetKeyCounty: 250 });
    expect(plan.statusCode).toBe(201);
    const planId = plan.json().id as string;

    const posts: Record<string, string> = {};
    for (const [countyCode, kind] of [
      ['350821', 'education'],
      ['350424', 'health'],
      ['350823', 'agriculture'],
    ]) {
      const created = await post('/api/v1/sanzhiyifu/posts', province, {
        planId,
        countyCode,
        kind,
        title: `${kind} post`,
        count: 3,
      });
      expect(created.statusCode).toBe(201);
      posts[countyCode!] = created.json().id;
    }
    expect(
      (
        await post('/api/v1/sanzhiyifu/posts', province, {
          planId,
          countyCode: '350821',
          kind: 'education',
          title: 'x',
          count: 1,
        })
      ).statusCode,
    ).toBe(201);

    // Three applicants, each selected then placed: one in 长汀, one in 宁化 (key counties), one in 上杭.
    for (const countyCode of ['350821', '350424', '350823']) {
      const applied = await post('/api/v1/sanzhiyifu/participants', province, {
        planId,
        name: '陈思远',
        idNumber: makeIdNumber(countyCode, '20000301'),
        homeRegionCode: countyCode,
        appliedOn: today,
      });
      expect(applied.statusCode).toBe(201);
      expect(applied.json().idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      const id = applied.json().id as string;
      expect(
        (await post(`/api/v1/sanzhiyifu/participants/${id}/transitions`, province, { to: 'selected', on: today }))
          .statusCode,
      ).toBe(201);
      const placed = await post(`/api/v1/sanzhiyifu/participants/${id}/transitions`, province, {
        to: 'placed',
        on: today,
        postId: posts[countyCode],
      });
      expect(placed.statusCode).toBe(201);
      expect(placed.json().transitions.map((t: { toState: string }) => t.toState)).toEqual([
        'applied',
        'selected',
        'placed',
      ]);
      expect(placed.json().transitions[2].byUserId).toBeTruthy();
    }

    const indicators = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/indicators?regionCode=35&from=${year}-01-01&to=${today}`,
      headers: province,
    });
    expect(indicators.statusCode).toBe(200);
    const values = indicators.json().values;
    expect(values.szyf_placed_key_county).toBe(2);
    expect(values.szyf_recruited).toBe(3);
    // 3 + 3 + 1 posts in key counties (长汀 two lines, 宁化 one); 上杭's 3 are not.
    expect(values.szyf_key_county_posts).toBe(7);
    expect(values.szyf_posts).toBe(10);

    // The county officer sees their county's posts and people only.
    const seen = await ctx.app.inject({ method: 'GET', url: '/api/v1/sanzhiyifu/participants', headers: county });
    expect(seen.json().items.map((p: { countyCode: string }) => p.countyCode)).toEqual(['350821']);
    const countyPosts = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sanzhiyifu/posts?planId=${planId}`,
      headers: county,
    });
    expect(new Set(countyPosts.json().items.map((p: { countyCode: string }) => p.countyCode))).toEqual(
      new Set(['350821']),
    );
  });

  it('refuses clearly: a county officer making a plan, a second plan for the year, a skipped step, a bad ID number', async () => {
    const byCounty = await post('/api/v1/sanzhiyifu/plans', county, {
      year: year + 1,
      targetTotal: 500,
      targetKeyCounty: 250,
    });
    expect(byCounty.statusCode).toBe(403);
    const again = await post('/api/v1/sanzhiyifu/plans', province, { year, targetTotal: 500, targetKeyCounty: 250 });
    expect(again.statusCode).toBe(409);
    const bad = await post('/api/v1/sanzhiyifu/plans', province, {
      year: 'soon',
      targetTotal: 500,
      targetKeyCounty: 250,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('year');

    const planId = (await ctx.app.inject({ method: 'GET', url: '/api/v1/sanzhiyifu/plans', headers: province })).json()
      .items[0].id;
    const badId = await post('/api/v1/sanzhiyifu/participants', county, {
      planId,
      name: '林',
      idNumber: '350821200003011230',
      homeRegionCode: '350821',
      appliedOn: today,
    });
    expect(badId.statusCode).toBe(400);
    expect(JSON.stringify(badId.json())).toContain('idNumber');
    const applied = await post('/api/v1/sanzhiyifu/participants', county, {
      planId,
      name: '林晓',
      idNumber: makeIdNumber('350821', '20010101'),
      homeRegionCode: '350821',
      appliedOn: today,
    });
    expect(applied.statusCode).toBe(201);
    const skipped = await post(`/api/v1/sanzhiyifu/participants/${applied.json().id}/transitions`, county, {
      to: 'serving',
      on: today,
    });
    expect(skipped.statusCode).toBe(409);
    const elsewhere = await post('/api/v1/sanzhiyifu/participants', county, {
      planId,
      name: '王',
      idNumber: makeIdNumber('350424'),
      homeRegionCode: '350424',
      appliedOn: today,
    });
    expect(elsewhere.statusCode).toBe(400);
  });

  it('fills catalogue posts and counts linked-county items done', async () => {
    const entry = await post('/api/v1/talent/catalogues', province, {
      countyCode: '350821',
      year,
      field: '临床医学',
      level: 'bachelor',
      posts: 2,
      reservedPoor: 1,
      allowancePerMonth: 2000,
    });
    expect(entry.statusCode).toBe(201);
    const notKey = await post('/api/v1/talent/catalogues', province, {
      countyCode: '350823',
      year,
      field: '农学',
      level: 'bachelor',
      posts: 1,
      allowancePerMonth: 1000,
    });
    expect(notKey.statusCode).toBe(400);
    const recruit = await post(`/api/v1/talent/catalogues/${entry.json().id}/recruits`, county, {
      name: '黄',
      idNumber: makeIdNumber('350821', '19980101'),
      institution: '长汀县涂坊镇卫生院',
      poorFamily: true,
      recruitedOn: today,
    });
    expect(recruit.statusCode).toBe(201);
    expect(recruit.json().allowancePerMonth).toBe(2000);

    const linked = await post('/api/v1/linked-counties', province, {
      countyCode: '350821',
      since: year,
      villages: ['涂坊镇溪口村'],
    });
    expect(linked.statusCode).toBe(201);
    const withMeeting = await post(`/api/v1/linked-counties/${linked.json().id}/meetings`, province, {
      heldOn: today,
      decisions: '推进技能培训',
    });
    const meetingId = withMeeting.json().meetings[0].id;
    await post(`/api/v1/linked-counties/meetings/${meetingId}/items`, province, {
      title: '开办培训班',
      owner: '职业能力建设处',
      dueOn: today,
    });
    const withItems = await post(`/api/v1/linked-counties/meetings/${meetingId}/items`, province, {
      title: '对接项目',
      owner: '机关党办',
      dueOn: today,
    });
    const itemId = withItems.json().meetings[0].items[0].id;
    const notDated = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/linked-counties/items/${itemId}`,
      headers: province,
      payload: { state: 'done' },
    });
    expect(notDated.statusCode).toBe(400);
    const done = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/linked-counties/items/${itemId}`,
      headers: province,
      payload: { state: 'done', doneOn: today },
    });
    expect(done.json().figures).toMatchObject({ items: 2, itemsDone: 1 });

    const values = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/indicators?regionCode=350821&from=${year}-01-01&to=${today}`,
        headers: county,
      })
    ).json().values;
    expect(values).toMatchObject({
      catalogue_posts: 2,
      catalogue_filled: 1,
      catalogue_reserved_filled: 1,
      linked_items: 2,
      linked_items_done: 1,
    });
  });
});
