import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmployer, createGraduateRecord, createPerson, createVacancy } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { chinaDate } from '../../services/platform/time/china-time.ts';

type Headers = { authorization: string };
const year = Number(chinaDate(new Date())!.slice(0, 4));
const today = chinaDate(new Date())!;

/**
 * 就业红娘 volunteers (plan §5(4)): an officer opens a volunteer account for their region and pairs it;
 * the volunteer sees only the graduates paired with it — any other pairing is not found (404).
 */
describe('volunteer matchmakers', () => {
  let ctx: TestContext;
  let officer: Headers;
  let ninghua: Headers;
  let officerPages: PageClient;
  let vacancyId: string;
  let mine: { graduateId: string; pairingId: string };
  let theirs: { graduateId: string; pairingId: string };
  let volunteerId: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: object, payload?: object) =>
    ctx.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'vol.officer' });
    const colleague = await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'vol.colleague' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'vol.ninghua' });
    const company = await createEmployer(ctx.db, { name: '长汀县稀土材料有限公司' });
    vacancyId = (await createVacancy(ctx.db, company.id, { title: '稀土材料检验员' })).id;
    const first = await createPerson(ctx.db, pii, { name: '赖春梅', male: false, birth: '20030405' });
    const second = await createPerson(ctx.db, pii, { name: '邱国华', birth: '20021111' });
    const a = await createGraduateRecord(ctx.db, first, { graduationYear: year });
    const b = await createGraduateRecord(ctx.db, second, { graduationYear: year });
    await ctx.drain.drainAll();
    officer = await bearer(ctx, 'vol.officer');
    ninghua = await bearer(ctx, 'vol.ninghua');
    officerPages = await new PageClient(ctx).signIn('vol.officer');
    const paired = await call('PUT', `/api/v1/graduates/${b.id}/pairing`, officer, { matchmakerId: colleague.id });
    expect(paired.statusCode, paired.body).toBe(201);
    theirs = { graduateId: b.id, pairingId: paired.json().id };
    mine = { graduateId: a.id, pairingId: '' };
  });
  afterAll(() => ctx.close());

  it('lets an officer open a volunteer account for their region only, naming each refused field', async () => {
    await officerPages.get('/matchmaker/volunteers');
    const bad = await officerPages.post('/matchmaker/volunteers', {
      displayName: '',
      username: '13905971234',
      password: 'short',
      regionCode: '',
    });
    expect(bad.statusCode).toBe(422);
    for (const field of ['displayName', 'username', 'password', 'regionCode'])
      expect(bad.body).toMatch(new RegExp(`id=["']${field}-error["']`));
    expect(bad.body).toContain('请填写姓名');
    const made = await officerPages.post('/matchmaker/volunteers', {
      displayName: '钟志愿',
      username: 'vol.zhong',
      password: TEST_PASSWORD,
      regionCode: '350821',
    });
    expect(made.statusCode).toBe(303);
    const list = await officerPages.get('/matchmaker/volunteers?created=1');
    expect(list.body).toContain('钟志愿');
    expect(list.body).toContain('志愿者账号已开设');
    const taken = await officerPages.post('/matchmaker/volunteers', {
      displayName: '钟志愿',
      username: 'vol.zhong',
      password: TEST_PASSWORD,
      regionCode: '350821',
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('用户名已被占用');
    const outside = await call('POST', '/api/v1/matchmaker/volunteers', officer, {
      displayName: '刘志愿',
      username: 'vol.liu',
      password: TEST_PASSWORD,
      regionCode: '350424',
    });
    expect(outside.statusCode).toBe(403);
    const listed = (await call('GET', '/api/v1/matchmaker/volunteers', officer)).json();
    expect(listed).toEqual([expect.objectContaining({ username: 'vol.zhong', regionCode: '350821', active: true })]);
    volunteerId = listed[0].id;
    expect((await call('GET', '/api/v1/matchmaker/volunteers', ninghua)).json()).toEqual([]);
    const csv = await officerPages.get('/matchmaker/volunteers/export?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('钟志愿');
  });

  it('pairs a graduate with the volunteer, who sees that graduate only; another pairing is not found', async () => {
    const choices = await officerPages.get(`/graduates/${mine.graduateId}`);
    expect(choices.body).toContain('钟志愿（就业红娘志愿者）');
    const paired = await call('PUT', `/api/v1/graduates/${mine.graduateId}/pairing`, officer, {
      matchmakerId: volunteerId,
    });
    expect(paired.statusCode).toBe(201);
    mine.pairingId = paired.json().id;

    const volunteer = await bearer(ctx, 'vol.zhong');
    const own = (await call('GET', '/api/v1/matchmaker/pairings', volunteer)).json();
    expect(own.map((p: { id: string }) => p.id)).toEqual([mine.pairingId]);
    expect(own[0].graduate.maskedName).toBe('赖**');
    expect((await call('GET', `/api/v1/matchmaker/pairings/${mine.pairingId}`, volunteer)).statusCode).toBe(200);

    // Another graduate's pairing, by every door a volunteer has: 404, nothing revealed.
    const other = theirs.pairingId;
    expect((await call('GET', `/api/v1/matchmaker/pairings/${other}`, volunteer)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/matchmaker/pairings/${other}/jobs`, volunteer)).statusCode).toBe(404);
    const contact = await call('POST', `/api/v1/matchmaker/pairings/${other}/contacts`, volunteer, {
      on: today,
      channel: 'phone',
      note: '试探',
    });
    expect(contact.statusCode).toBe(404);
    const refer = await call('POST', `/api/v1/matchmaker/pairings/${other}/referrals`, volunteer, { vacancyId });
    expect(refer.statusCode).toBe(404);
    // The officers' graduate pages and the rest of the platform are closed to it.
    expect((await call('GET', `/api/v1/graduates/${theirs.graduateId}`, volunteer)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/graduates/${mine.graduateId}`, volunteer)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/graduates', volunteer)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/labourers', volunteer)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/applications', volunteer)).statusCode).toBe(403);

    const pages = await new PageClient(ctx).signIn('vol.zhong');
    const home = await pages.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/matchmaker/pairings');
    const list = await pages.get('/matchmaker/pairings');
    expect(list.body).toContain('赖**');
    expect(list.body).not.toContain('邱**');
    expect(list.body).toContain('href="/matchmaker/pairings"');
    expect((await pages.get(`/matchmaker/pairings/${other}`)).statusCode).toBe(404);
    expect((await pages.get(`/graduates/${mine.graduateId}`)).statusCode).toBe(403);
  });

  it('lets the volunteer see ranked jobs, log a contact and refer its graduate; stopping waits for its pairings', async () => {
    const volunteer = await bearer(ctx, 'vol.zhong');
    const jobs = await call('GET', `/api/v1/matchmaker/pairings/${mine.pairingId}/jobs`, volunteer);
    expect(jobs.statusCode).toBe(200);
    expect(jobs.json().map((j: { title: string }) => j.title)).toContain('稀土材料检验员');
    const contact = await call('POST', `/api/v1/matchmaker/pairings/${mine.pairingId}/contacts`, volunteer, {
      on: today,
      channel: 'visit',
      note: '上门走访，愿意从事检验工作',
    });
    expect(contact.statusCode).toBe(201);
    const referred = await call('POST', `/api/v1/matchmaker/pairings/${mine.pairingId}/referrals`, volunteer, {
      vacancyId,
    });
    expect(referred.statusCode).toBe(201);
    const application = await ctx.db.application.findUniqueOrThrow({
      where: { id: referred.json().referrals[0].applicationId },
    });
    expect(application).toMatchObject({ origin: 'officer', createdById: volunteerId, vacancyId });

    const early = await call('PATCH', `/api/v1/matchmaker/volunteers/${volunteerId}`, officer, { active: false });
    expect(early.statusCode).toBe(409);
    const ended = await call('POST', `/api/v1/graduates/${mine.graduateId}/pairing/end`, officer, {
      reason: 'other',
      note: '志愿者外出务工',
    });
    expect(ended.statusCode).toBe(200);
    const stopped = await call('PATCH', `/api/v1/matchmaker/volunteers/${volunteerId}`, officer, { active: false });
    expect(stopped.json()).toMatchObject({ active: false, openPairings: 0 });
    expect((await call('GET', '/api/v1/matchmaker/pairings', volunteer)).statusCode).toBe(401);
    const elsewhere = await call('PATCH', `/api/v1/matchmaker/volunteers/${volunteerId}`, ninghua, { active: true });
    expect(elsewhere.statusCode).toBe(404);
  });
});
