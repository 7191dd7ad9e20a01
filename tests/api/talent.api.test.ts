/**
 * Issue #21 (plan §5(4)): a 三支一扶 plan for the year with posts in two key counties (长汀 350821,
 * 宁化 350424) and one that is not (上杭 350823); participants are selected and placed; the "placed
 * in key counties" figure (szyf_placed_key_county) counts exactly the two placed in key counties.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../services/platform/time/china-time.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { buildLabourer, makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('三支一扶, catalogue and linked counties through the API', () => {
  let ctx: TestContext;
  let province: { authorization: string };
  let county: { authorization: string };
  const year = Number(new Date().toISOString().slice(0, 4));
  const today = new Date().toISOString().slice(0, 10);
  const post = (url: string, headers: object, payload: object) =>
    ctx.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });

  /** The indicators of a region over a period, as the reports read them. */
  const indicators = async (headers: object, regionCode: string, from: string, to: string) =>
    (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/indicators?regionCode=${regionCode}&from=${from}&to=${to}`,
        headers: headers as Record<string, string>,
      })
    ).json().values;

  let phones = 0;
  /** A registered poor person (建档立卡) of the county in the registry; their ID number. */
  const registeredPoor = async (regionCode: string, birth: string) => {
    const idNumber = makeIdNumber(regionCode, birth);
    phones += 1;
    const phone = `1390597${String(phones).padStart(4, '0')}`;
    const created = await post('/api/v1/labourers', province, buildLabourer({ idNumber, regionCode, phone }));
    expect(created.statusCode).toBe(201);
    await ctx.db.labourer.update({ where: { id: created.json().id }, data: { povertyStatus: 'registered' } });
    return idNumber;
  };

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

    const values = await indicators(province, '35', `${year}-01-01`, today);
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

  it('refuses a step dated after today in Beijing, naming the field; today there is accepted', async () => {
    const planId = (await ctx.app.inject({ method: 'GET', url: '/api/v1/sanzhiyifu/plans', headers: province })).json()
      .items[0].id;
    const day = 86_400_000;
    const beijingToday = chinaDate(new Date())!;
    const beijingTomorrow = chinaDate(new Date(Date.now() + day))!;
    const idNumber = makeIdNumber('350821', '20020202');
    const apply = (appliedOn: string) =>
      post('/api/v1/sanzhiyifu/participants', county, {
        planId,
        name: '陈未来',
        idNumber,
        homeRegionCode: '350821',
        appliedOn,
      });
    const ahead = await apply(beijingTomorrow);
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().details).toEqual([
      expect.objectContaining({ field: 'appliedOn', message: 'must not be in the future' }),
    ]);
    // Between 00:00 and 08:00 in Beijing this is tomorrow in UTC: still today for the officer.
    const onTime = await apply(beijingToday);
    expect(onTime.statusCode).toBe(201);
    const step = await post(`/api/v1/sanzhiyifu/participants/${onTime.json().id}/transitions`, county, {
      to: 'selected',
      on: beijingTomorrow,
    });
    expect(step.statusCode).toBe(400);
    expect(step.json().details).toEqual([
      expect.objectContaining({ field: 'on', message: 'must not be in the future' }),
    ]);
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
    // Poor family is the registry's: 黄 is a registered poor person of 长汀; a tick box is ignored.
    const poorId = await registeredPoor('350821', '19980101');
    const recruit = await post(`/api/v1/talent/catalogues/${entry.json().id}/recruits`, county, {
      name: '黄小明',
      idNumber: poorId,
      institution: '长汀县涂坊镇卫生院',
      reservedPost: true,
      recruitedOn: today,
    });
    expect(recruit.statusCode).toBe(201);
    expect(recruit.json()).toMatchObject({
      allowancePerMonth: 2000,
      poorFamily: true,
      localToCounty: true,
      reservedPost: true,
      maskedName: '黄**',
    });
    expect(recruit.json()).not.toHaveProperty('name');
    const listed = await ctx.app.inject({ method: 'GET', url: '/api/v1/talent/catalogues/recruits', headers: county });
    expect(listed.json().items.map((r: { maskedName: string }) => r.maskedName)).toEqual(['黄**']);
    expect(JSON.stringify(listed.json())).not.toContain('黄小明');

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
    expect(done.statusCode).toBe(200);
    expect(done.json().figures).toMatchObject({ items: 2, itemsDone: 1 });

    const values = await indicators(county, '350821', `${year}-01-01`, today);
    expect(values).toMatchObject({
      catalogue_posts: 2,
      catalogue_filled: 1,
      catalogue_reserved_filled: 1,
      linked_items: 2,
      linked_items_done: 1,
    });
  });
  it('§5(4) two-year service: a participant of the plan two years back completes this year, not before the due end, and counts in this period', async () => {
    const past = year - 2;
    const plan = await post('/api/v1/sanzhiyifu/plans', province, {
      year: past,
      targetTotal: 480,
      targetKeyCounty: 240,
    });
    expect(plan.statusCode).toBe(201);
    const planId = plan.json().id as string;
    const newPost = async (countyCode: string) => {
      const created = await post('/api/v1/sanzhiyifu/posts', province, {
        planId,
        countyCode,
        kind: 'health',
        title: `${countyCode} 支医`,
        count: 1,
      });
      expect(created.statusCode).toBe(201);
      return created.json().id as string;
    };
    const ninghua = await newPost('350424');
    const changting = await newPost('350821');
    const step = (id: string, body: object) =>
      post(`/api/v1/sanzhiyifu/participants/${id}/transitions`, province, body);
    const selected = async (name: string, countyCode: string) => {
      const applied = await post('/api/v1/sanzhiyifu/participants', province, {
        planId,
        name,
        idNumber: makeIdNumber(countyCode, '19990909'),
        homeRegionCode: countyCode,
        appliedOn: `${past}-01-02`,
      });
      expect(applied.statusCode).toBe(201);
      const id = applied.json().id as string;
      expect((await step(id, { to: 'selected', on: `${past}-01-03` })).statusCode).toBe(201);
      return id;
    };

    // A: placed in 宁化 on 10 March two years back; the service is due to end on 10 March this year.
    const a = await selected('甲', '350424');
    const placed = await step(a, { to: 'placed', on: `${past}-03-10`, postId: ninghua });
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({ serviceStartOn: `${past}-03-10`, serviceDueOn: `${year}-03-10` });
    // B: the 宁化 post has one place, A holds it.
    const b = await selected('乙', '350424');
    const full = await step(b, { to: 'placed', on: `${past}-03-10`, postId: ninghua });
    expect(full.statusCode).toBe(409);
    expect(JSON.stringify(full.json())).toContain('post_full');
    // C takes the 长汀 place and withdraws: the place is free again (withdrawn people are not counted), D takes it.
    const c = await selected('丙', '350821');
    expect((await step(c, { to: 'placed', on: `${past}-01-10`, postId: changting })).statusCode).toBe(201);
    expect((await step(c, { to: 'withdrawn', on: `${past}-01-20` })).statusCode).toBe(201);
    const postsNow = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sanzhiyifu/posts?planId=${planId}`,
      headers: province,
    });
    expect(postsNow.json().items.map((p: { countyCode: string; placed: number }) => [p.countyCode, p.placed])).toEqual([
      ['350424', 1],
      ['350821', 0],
    ]);
    const d = await selected('丁', '350821');
    expect((await step(d, { to: 'placed', on: `${past}-02-01`, postId: changting })).statusCode).toBe(201);
    expect((await step(d, { to: 'serving', on: `${past}-02-02` })).statusCode).toBe(201);

    expect((await step(a, { to: 'serving', on: `${past}-03-11` })).statusCode).toBe(201);
    const early = await step(a, { to: 'completed', on: `${year}-03-09`, outcome: 'township_hire' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain(`${year}-03-10`);
    expect(JSON.stringify(early.json())).toContain('service_not_over');
    const training = await post(`/api/v1/sanzhiyifu/participants/${a}/trainings`, province, {
      title: '“三支一扶”能力提升示范培训班',
      attendedOn: `${year}-03-05`,
      hours: 24,
    });
    expect(training.statusCode).toBe(201);
    const done = await step(a, { to: 'completed', on: `${year}-03-10`, outcome: 'township_hire' });
    expect(done.statusCode).toBe(201);

    // The first quarter of this year, worked by hand (plan §5(4) 每年招募约500名…约250名到重点县):
    // targets are this year's plan's (500, 250), not the 480/240 of the plan two years back;
    // completed: A (10 March, township hire) though of the plan two years back;
    // service falling due: A (10 March) and D (1 February); C withdrew (due 10 January) and is left out;
    // trained: A (5 March).
    const q1 = await indicators(province, '35', `${year}-01-01`, `${year}-03-31`);
    expect(q1).toMatchObject({
      szyf_target_total: 500,
      szyf_target_key_county: 250,
      szyf_completed: 1,
      szyf_township_hire: 1,
      szyf_service_due: 2,
      szyf_trained: 1,
    });
    // The second quarter: nobody completes, falls due or trains.
    const q2 = await indicators(province, '35', `${year}-04-01`, `${year}-06-30`);
    expect(q2).toMatchObject({ szyf_completed: 0, szyf_township_hire: 0, szyf_service_due: 0, szyf_trained: 0 });
    // 宁化 alone: A completed there; its target is this year's plan's posts there (3, in a key county).
    const ninghuaQ1 = await indicators(province, '350424', `${year}-01-01`, `${year}-03-31`);
    expect(ninghuaQ1).toMatchObject({ szyf_target_total: 3, szyf_target_key_county: 3, szyf_completed: 1 });
  });

  it('§5(1) reserved posts: only a registered poor person of the county; poor family is the registry’s, never ticked', async () => {
    const campaign = await post('/api/v1/talent/campaigns', county, {
      countyCode: '350821',
      year,
      institution: '长汀县濯田镇农业服务中心',
      title: '乡镇事业单位专项招聘',
      posts: 3,
      reservedPoor: 1,
    });
    expect(campaign.statusCode).toBe(201);
    const url = `/api/v1/talent/campaigns/${campaign.json().id}/recruits`;
    const recruit = (idNumber: string, reservedPost: boolean) =>
      post(url, county, { name: '张明', idNumber, post: '农技员', reservedPost, poorFamily: true, recruitedOn: today });

    const notInRegistry = makeIdNumber('350821', '19990101');
    const refused = await recruit(notInRegistry, true);
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toMatch(
      /reservedPost.*not_registered_poor|not_registered_poor.*reservedPost/,
    );
    const fromNinghua = await recruit(await registeredPoor('350424', '19990202'), true);
    expect(fromNinghua.statusCode).toBe(400);
    expect(JSON.stringify(fromNinghua.json())).toContain('not_local');

    // An ordinary post: taken, and the tick box saying "poor family" is not believed.
    const ordinary = await recruit(notInRegistry, false);
    expect(ordinary.statusCode).toBe(201);
    expect(ordinary.json()).toMatchObject({ poorFamily: false, localToCounty: false, reservedPost: false });
    const reserved = await recruit(await registeredPoor('350821', '19990303'), true);
    expect(reserved.statusCode).toBe(201);
    expect(reserved.json()).toMatchObject({ poorFamily: true, localToCounty: true, reservedPost: true });
    const second = await recruit(await registeredPoor('350821', '19990404'), true);
    expect(second.statusCode).toBe(409);
    expect(JSON.stringify(second.json())).toContain('reserved_full');

    // The page form names the field, in Chinese, beside the tick box (422).
    // Someone not in the registry, on a reserved post.
    const notRegistered = {
      campaignId: campaign.json().id,
      name: '李华',
      idNumber: makeIdNumber('350821', '19990505'),
      post: '水利员',
      reservedPost: 'on',
      recruitedOn: today,
    };
    const page = await new PageClient(ctx).signIn('szyf.changting');
    await page.get('/talent/campaigns');
    const form = await page.post('/talent/campaigns/recruits', notRegistered);
    expect(form.statusCode).toBe(422);
    expect(form.body).toMatch(/class=['"]field-error['"][^>]*>[^<]*预留岗位只招本县建档立卡贫困人口/);
    await page.get('/talent/campaigns?lang=en');
    const english = await page.post('/talent/campaigns/recruits?lang=en', notRegistered);
    expect(english.statusCode).toBe(422);
    expect(english.body).toContain('A reserved post is for a registered poor person of this county');

    // 长汀 this year (plan §5(1) 划出一定数量岗位面向本地户籍或本地生源中的贫困人口): 3 posts, 2 filled,
    // 1 reserved, filled by the one registered poor recruit.
    const values = await indicators(county, '350821', `${year}-01-01`, today);
    expect(values).toMatchObject({
      campaign_posts: 3,
      campaign_filled: 2,
      campaign_reserved: 1,
      campaign_reserved_filled: 1,
    });
  });

  it('audits every talent write with its request id, never a clear ID number', async () => {
    const rows = await ctx.db.auditLog.findMany({
      where: {
        OR: [
          { action: { startsWith: 'sanzhiyifu.' } },
          { action: { startsWith: 'talent.' } },
          { action: { startsWith: 'linked.' } },
        ],
      },
    });
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'sanzhiyifu.plan.create',
      'sanzhiyifu.post.create',
      'sanzhiyifu.participant.create',
      'sanzhiyifu.participant.step',
      'sanzhiyifu.training.add',
      'talent.catalogue.entry.create',
      'talent.catalogue.recruit.add',
      'talent.campaign.create',
      'talent.campaign.recruit.add',
      'linked.county.create',
      'linked.meeting.add',
      'linked.item.add',
      'linked.item.set',
    ])
      expect(actions).toContain(action);
    expect(rows.every((r) => r.requestId && r.actorId && r.entityId)).toBe(true);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toMatch(/\d{17}[\dX]/);
    // Refused writes leave no record: three participant steps of B and A were refused, none recorded as taken.
    const steps = rows.filter((r) => r.action === 'sanzhiyifu.participant.step');
    expect(steps.some((r) => JSON.stringify(r.details).includes(`"on":"${year}-03-09"`))).toBe(false);
  });
});
