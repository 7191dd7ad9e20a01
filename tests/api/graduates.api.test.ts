import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmployer, createPerson, createVacancy } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { chinaDate } from '../../services/platform/time/china-time.ts';
import { remindQuietPairings } from '../../services/graduates/graduates.jobs.ts';
import { createPairingsRepository } from '../../services/graduates/pairings.repository.ts';

type Headers = { authorization: string };
const year = Number(chinaDate(new Date())!.slice(0, 4));
/** Left school a month ago (1 January at the earliest): a hire today is within 3 and 6 months. */
const leftOn = chinaDate(new Date(Math.max(Date.parse(`${year}-01-01T00:00:00+08:00`), Date.now() - 30 * 86_400_000)))!;
const TALENT = [
  'grad_registered',
  'grad_status_employed',
  'grad_paired',
  'grad_employed_3m',
  'grad_employed_6m',
] as const;

/**
 * The 就业红娘 service end to end (plan §5(4)): a school's list imported, a graduate without work paired
 * with a matchmaker, ranked jobs, a contact and a referral, the hire through the platform that ends it.
 */
describe('poor-family graduates and their matchmakers', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let officer: Headers;
  let matchmaker: Headers;
  let elsewhere: Headers;
  let employer: Headers;
  let matchmakerId: string;
  let vacancyId: string;
  let person: Awaited<ReturnType<typeof createPerson>>;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: object, payload?: object) =>
    ctx.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
  const talent = async () => {
    const values = (await call('GET', '/api/v1/indicators?regionCode=350821', officer)).json().values;
    return Object.fromEntries(TALENT.map((id) => [id, values[id]]));
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'grad.officer' });
    matchmakerId = (await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'grad.matchmaker' }))
      .id;
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'grad.ninghua' });
    const company = await createEmployer(ctx.db, { name: '长汀县纺织有限公司' });
    await createUser(ctx.db, { role: 'employer', employerId: company.id, username: 'grad.employer' });
    vacancyId = (await createVacancy(ctx.db, company.id, { title: '纺织厂质检员' })).id;
    person = await createPerson(ctx.db, pii, { name: '罗晓燕', male: false, birth: '20040312' });
    await ctx.drain.drainAll();
    officer = await bearer(ctx, 'grad.officer');
    matchmaker = await bearer(ctx, 'grad.matchmaker');
    elsewhere = await bearer(ctx, 'grad.ninghua');
    employer = await bearer(ctx, 'grad.employer');
  });
  afterAll(() => ctx.close());

  it('imports a school list row by row, linking by ID number and naming each bad row', async () => {
    const csv = [
      '身份证号,学校,学校类别,专业,毕业年度,意愿,离校日期,意向职业',
      `${person.idNumber},闽西职业技术学院,高校,纺织品检验,${year},就业,${leftOn},C03-001`,
      `350821200401019999,闽西职业技术学院,高校,会计,${year},就业,,`,
      `${person.idNumber},闽西职业技术学院,夜校,会计,${year},就业,,`,
    ].join('\n');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/graduates/import?mode=per_row',
      headers: { ...officer, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ mode: 'per_row', rows: 3, created: 1, updated: 0 });
    expect(response.json().refused).toEqual([
      { row: 3, problems: [expect.objectContaining({ field: 'idNumber', code: 'not_in_registry' })] },
      { row: 4, problems: [expect.objectContaining({ field: 'schoolKind' })] },
    ]);
    const strict = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/graduates/import?mode=all_or_nothing',
      headers: { ...elsewhere, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(strict.json()).toMatchObject({ created: 0, updated: 0 });
    expect(strict.json().refused[0].problems[0].code).toBe('outside_region');
  });

  it('pairs the graduate who left without work; the matchmaker ranks jobs, logs a contact and a referral; a hire closes it', async () => {
    const before = await talent();
    const list = await call('GET', `/api/v1/graduates?year=${year}&status=left_without_work`, officer);
    expect(list.statusCode).toBe(200);
    const graduate = list.json().items.find((g: { labourerId: string }) => g.labourerId === person.id);
    expect(graduate).toMatchObject({ maskedName: '罗**', registeredPoor: true, matchmaker: null });
    expect(list.body).not.toContain('罗晓燕');
    expect((await call('GET', `/api/v1/graduates/${graduate.id}`, elsewhere)).statusCode).toBe(403);

    const paired = await call('PUT', `/api/v1/graduates/${graduate.id}/pairing`, officer, { matchmakerId });
    expect(paired.statusCode).toBe(201);
    const again = await call('PUT', `/api/v1/graduates/${graduate.id}/pairing`, officer, { matchmakerId });
    expect(again.json()).toMatchObject({ statusCode: 409, details: { reason: 'already_paired' } });

    const mine = await call('GET', '/api/v1/matchmaker/pairings', matchmaker);
    const pairing = mine.json().find((p: { graduateId: string }) => p.graduateId === graduate.id);
    expect(pairing).toMatchObject({ matchmakerId, endedAt: null });
    const jobs = await call('GET', `/api/v1/matchmaker/pairings/${pairing.id}/jobs`, matchmaker);
    expect(jobs.statusCode).toBe(200);
    expect(jobs.json()[0]).toMatchObject({ vacancyId, title: '纺织厂质检员', referred: false });

    const today = chinaDate(new Date())!;
    const contact = await call('POST', `/api/v1/matchmaker/pairings/${pairing.id}/contacts`, matchmaker, {
      on: today,
      channel: 'phone',
      note: '电话联系，愿意去纺织厂面试',
    });
    expect(contact.statusCode).toBe(201);
    expect(contact.json().contacts).toEqual([expect.objectContaining({ on: today, channel: 'phone' })]);
    const badContact = await call('POST', `/api/v1/matchmaker/pairings/${pairing.id}/contacts`, matchmaker, {
      on: today,
      channel: 'pigeon',
      note: '',
    });
    expect(badContact.statusCode).toBe(400);
    const referral = await call('POST', `/api/v1/matchmaker/pairings/${pairing.id}/referrals`, matchmaker, {
      vacancyId,
    });
    expect(referral.statusCode).toBe(201);
    const applicationId = referral.json().referrals[0].applicationId;
    expect(applicationId).toEqual(expect.any(String));

    // The employer hires through the platform: the graduate is employed, the pairing closes.
    for (const to of ['offered', 'hired'])
      expect(
        (await call('POST', `/api/v1/applications/${applicationId}/transitions`, employer, { to })).statusCode,
      ).toBe(200);
    const detail = (await call('GET', `/api/v1/graduates/${graduate.id}`, officer)).json();
    expect(detail).toMatchObject({ status: 'employed', workFoundOn: today, matchmaker: null });
    expect(detail.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['left_without_work', 'employed']);
    const closed = (await call('GET', `/api/v1/graduates/${graduate.id}/pairing`, officer)).json();
    expect(closed).toMatchObject({ endReason: 'employed', endedAt: expect.any(String) });

    // The talent figures: the graduate counted once more as paired and employed, within 3 and 6 months.
    const after = await talent();
    expect(after.grad_registered).toBe(before.grad_registered);
    expect(after.grad_paired).toBe(before.grad_paired! + 1);
    expect(after.grad_status_employed).toBe(before.grad_status_employed! + 1);
    expect(after.grad_employed_3m).toBe(before.grad_employed_3m! + 1);
    expect(after.grad_employed_6m).toBe(before.grad_employed_6m! + 1);
  });

  it('reminds a matchmaker of a pairing with no contact for N days, once a day', async () => {
    const quiet = await createPerson(ctx.db, pii, { name: '黄明辉', birth: '20030909' });
    const registered = await call('POST', '/api/v1/graduates', officer, {
      idNumber: quiet.idNumber,
      schoolName: '龙岩技师学院',
      schoolKind: 'technical_senior',
      major: '汽车维修',
      graduationYear: year,
      leftSchoolOn: leftOn,
      wish: 'job',
    });
    expect(registered.statusCode).toBe(201);
    expect((await call('POST', '/api/v1/graduates/pairings/pair-all', officer, {})).json()).toMatchObject({
      paired: 1,
      unpaired: 0,
    });
    const repo = createPairingsRepository(ctx.db);
    const rules = { reminderDays: 14 };
    // Paired today: nothing is quiet yet; 15 days on, the pairing is, and one notice goes out that day.
    expect(await remindQuietPairings(repo, ctx.app.notifier, rules, new Date())).toEqual({ pairings: 0, notices: 0 });
    const later = new Date(Date.now() + 15 * 86_400_000);
    const first = await remindQuietPairings(repo, ctx.app.notifier, rules, later);
    expect(first.pairings).toBeGreaterThanOrEqual(1);
    expect(first.notices).toBeGreaterThanOrEqual(1);
    expect(await remindQuietPairings(repo, ctx.app.notifier, rules, later)).toMatchObject({ notices: 0 });
    const notices = await ctx.db.notification.findMany({ where: { dedupeKey: { startsWith: 'pairing_quiet:' } } });
    expect(notices.map((n) => n.link)).toContain('/matchmaker/pairings');
  });

  it('exports the list as CSV with names masked, audited', async () => {
    const csv = await call('GET', `/api/v1/graduates/export?format=csv&year=${year}`, officer);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('罗**');
    expect(csv.body).not.toContain('罗晓燕');
    expect(await ctx.db.auditLog.count({ where: { action: 'graduate.export' } })).toBe(1);
  });

  it('refuses people other than officers, and bad input with the field named', async () => {
    expect((await call('GET', '/api/v1/graduates', employer)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/matchmaker/pairings', {})).statusCode).toBe(401);
    const bad = await call('POST', '/api/v1/graduates', officer, { idNumber: '123', schoolKind: 'night_school' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['idNumber', 'schoolKind', 'schoolName', 'wish']));
  });
});
