import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEmployer, createPerson, createVacancy } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';

type Headers = { authorization: string };
const monthsAgo = (months: number) => new Date(Date.now() - months * 31 * 86_400_000);

/**
 * The "Done when" of issue #17, black-box through the API and pages, in 宁化县 (350424):
 * - plan §1(2): a self-registrant is not 建档立卡 until an officer confirms them (figures, the
 *   fairs' registered_poor group, the hiring subsidy);
 * - plan §2(1): a hire into a public-welfare post is public_welfare_post and earns no hiring subsidy;
 * - plan §1(2), §2(3): an erasure takes the person out of both denominators.
 */
describe('who counts as registered poor, and what follows', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let officer: Headers;
  let admin: Headers;
  let companyId: string;
  let selfId: string;

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const live = async () => {
    const response = await call('GET', '/api/v1/indicators?regionCode=350424', officer);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().values as Record<string, number>;
  };
  const eligible = async () => {
    const response = await call('GET', '/api/v1/subsidies/eligible', officer);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as Array<{ applicationId: string }>).map((i) => i.applicationId);
  };
  /** A fair of the county open for registration, for the registered poor. */
  async function openFair() {
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const created = await call('POST', '/api/v1/fairs', officer, {
      kind: 'employment_assistance_month',
      name: '宁化县就业援助月专场',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
      regionCode: '350424',
      address: '宁化县人力资源市场',
      organiser: '宁化县人力资源和社会保障局',
      targetGroups: ['registered_poor'],
      capacity: 100,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await call('POST', `/api/v1/fairs/${id}/state`, officer, { to: 'registration' })).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'pc.ninghua' });
    await createUser(ctx.db, { role: 'admin', username: 'pc.admin' });
    officer = await bearer(ctx, 'pc.ninghua');
    admin = await bearer(ctx, 'pc.admin');
    companyId = (await createEmployer(ctx.db, { regionCode: '350424' })).id;

    // A person registers themself (求职登记) on the public page.
    const visitor = new PageClient(ctx);
    await visitor.get('/register');
    const done = await visitor.post('/register', {
      name: '邱春花',
      idNumber: makeIdNumber('350424', '19920303', false),
      phone: '13800002222',
      password: 'a-good-password',
      regionCode: '350424',
      mobility: 'county',
    });
    expect(done.statusCode, done.body).toBe(303);
    selfId = (await ctx.db.labourer.findFirstOrThrow({ where: { name: '邱春花' } })).id;
  });
  afterAll(() => ctx.close());

  it('keeps a self-registrant out of the poverty figures, fair group and subsidy until an officer confirms', async () => {
    const person = await call('GET', `/api/v1/labourers/${selfId}`, officer);
    expect(person.json()).toMatchObject({ povertyStatus: 'unconfirmed', povertyConfirmedAt: null });
    // Served by the platform: a hire seven months ago at a company, which would earn the subsidy.
    const vacancy = await createVacancy(ctx.db, companyId, { regionCode: '350424' });
    const hire = await createApplication(ctx.db, {
      labourerId: selfId,
      vacancyId: vacancy.id,
      status: 'started',
      startedAt: monthsAgo(7),
    });
    // Before: nobody registered poor in the county; asking for the group does not put them in it.
    expect((await live()).labourers).toBe(0);
    expect(await eligible()).not.toContain(hire.id);
    const fairId = await openFair();
    const before = await call('POST', `/api/v1/fairs/${fairId}/registrations`, officer, {
      labourerId: selfId,
      targetGroups: ['registered_poor'],
    });
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json().targetGroups).toEqual([]);

    // The officer confirms them from the poverty office's list: who and when are kept, and audited.
    const confirmed = await call('POST', `/api/v1/labourers/${selfId}/poverty-status`, officer, {
      povertyStatus: 'registered',
      note: '经核对县扶贫办建档立卡名单',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ povertyStatus: 'registered', povertyConfirmedVia: 'officer' });
    const row = await ctx.db.labourer.findUniqueOrThrow({ where: { id: selfId } });
    const officerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'pc.ninghua' } })).id;
    expect(row.povertyConfirmedById).toBe(officerId);
    expect(row.povertyConfirmedAt).not.toBeNull();
    const audit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: 'labourer.poverty_status', entityId: selfId },
    });
    expect(audit).toMatchObject({ actorId: officerId, details: { from: 'unconfirmed', to: 'registered' } });

    // After: counted, in the group at the next fair, and eligible.
    expect((await live()).labourers).toBe(1);
    expect(await eligible()).toContain(hire.id);
    const after = await call('POST', `/api/v1/fairs/${await openFair()}/registrations`, officer, {
      labourerId: selfId,
    });
    expect(after.json().targetGroups).toEqual(['registered_poor']);
  });

  it('refuses a confirmation from outside the region or with a status that does not exist', async () => {
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'pc.changting' });
    const other = await bearer(ctx, 'pc.changting');
    const url = `/api/v1/labourers/${selfId}/poverty-status`;
    expect((await call('POST', url, other, { povertyStatus: 'registered' })).statusCode).toBe(403);
    const bad = await call('POST', url, officer, { povertyStatus: 'poor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('povertyStatus');
  });

  it('lets an officer confirm on the profile page without JavaScript', async () => {
    const person = await createPerson(ctx.db, pii, {
      name: '伍桂英',
      regionCode: '350424100203',
      povertyStatus: 'unconfirmed',
      wantsJob: false, // outside the denominators counted in the last test
    });
    const page = await new PageClient(ctx).signIn('pc.ninghua');
    const profile = await page.get(`/labourers/${person.id}`);
    expect(profile.body).toContain('建档立卡身份核实');
    expect(profile.body).toContain('尚未核实');
    const bad = await page.post(`/labourers/${person.id}/poverty-status`, {
      povertyStatus: 'lifted_out',
      povertyYear: '19',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('填写格式不正确');
    const saved = await page.post(`/labourers/${person.id}/poverty-status`, {
      povertyStatus: 'lifted_out',
      povertyYear: '2019',
      note: '县扶贫办名单',
    });
    expect(saved.statusCode).toBe(303);
    const shown = await page.get(saved.headers.location as string);
    expect(shown.body).toContain('已保存核实结果');
    expect(shown.body).toContain('工作人员核实');
    const row = await ctx.db.labourer.findUniqueOrThrow({ where: { id: person.id } });
    expect(row).toMatchObject({ povertyStatus: 'lifted_out', povertyYear: 2019, povertyConfirmedVia: 'officer' });
  });

  it('makes a public-welfare hire public_welfare_post, outside the hiring subsidy (plan §2(1))', async () => {
    const person = await createPerson(ctx.db, pii, { name: '张福生', regionCode: '350424100201', hardToEmploy: true });
    const post = await createVacancy(ctx.db, companyId, { regionCode: '350424', publicWelfarePost: true });
    const offered = await createApplication(ctx.db, { labourerId: person.id, vacancyId: post.id, status: 'offered' });
    const step = (to: string, months: number) =>
      call('POST', `/api/v1/applications/${offered.id}/transitions`, admin, {
        to,
        at: monthsAgo(months).toISOString(),
      });
    expect((await step('hired', 8)).statusCode).toBe(200);
    expect((await step('started', 7)).statusCode).toBe(200);
    const row = await ctx.db.labourer.findUniqueOrThrow({ where: { id: person.id } });
    expect(row.employmentStatus).toBe('public_welfare_post');
    // Seven months in work, registered poor, not decided: only the post keeps it off the list.
    expect(await eligible()).not.toContain(offered.id);
    expect((await live()).status_public_welfare_post).toBe(1);
  });

  it('drops push coverage’s and the employment rate’s denominators by one after an erasure', async () => {
    const seeker = await createPerson(ctx.db, pii, { name: '罗永安', regionCode: '350424100202', birth: '19880808' });
    const erased = await createPerson(ctx.db, pii, { name: '罗永平', regionCode: '350424100202', birth: '19890909' });
    for (const labourerId of [seeker.id, selfId]) {
      await ctx.db.jobPush.create({
        data: { labourerId, vacancyId: crypto.randomUUID(), campaignId: 'c', score: 0.9 },
      });
    }
    const coverage = async () => (await call('GET', '/api/v1/pushes/coverage?regionCode=350424', officer)).json();
    // Before: seeking work (registered poor, wanting work, not in work) are 邱春花 (confirmed above;
    // her hire was written directly, so the registry still says unemployed), 罗永安 and 罗永平;
    // 张福生 works on his post. Pushed: 邱春花 and 罗永安 → 2 of 3. The base of 就业率 adds 张福生: 4.
    expect(await coverage()).toMatchObject({ willing: 3, covered: 2 });
    expect(await live()).toMatchObject({ labour_force: 4, willing: 3, pushed: 2, push_coverage: 66.7 });

    const gone = await call('DELETE', `/api/v1/labourers/${erased.id}`, officer, { reason: '本人书面申请删除' });
    expect(gone.statusCode).toBe(204);
    // After: 罗永平 leaves both sides' population: 2 of 2 pushed, 100 %; the base is 3.
    expect(await coverage()).toMatchObject({ willing: 2, covered: 2, share: 1 });
    expect(await live()).toMatchObject({ labour_force: 3, willing: 2, pushed: 2, push_coverage: 100 });
  });
});
