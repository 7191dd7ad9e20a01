import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { chinaDate } from '../../services/platform/time/china-time.ts';
import { graduatesJobs, moveLeavers } from '../../services/graduates/graduates.jobs.ts';
import { createGraduatesRepository } from '../../services/graduates/graduates.repository.ts';
import { createPairingsRepository } from '../../services/graduates/pairings.repository.ts';

type Headers = { authorization: string };
const year = Number(chinaDate(new Date())!.slice(0, 4));
/** Left school a month ago (1 January at the earliest): the day of leaving has come. */
const leftOn = chinaDate(new Date(Math.max(Date.parse(`${year}-01-01T00:00:00+08:00`), Date.now() - 30 * 86_400_000)))!;

/**
 * A graduate's year (plan §5(4) 毕业年度离校未就业的建档立卡贫困家庭高校毕业生“就业红娘”结对帮扶): in school
 * until the day of leaving, then without work and paired, the pairing ending on work or study or with
 * the year; and the 就业红娘 service's own figures.
 */
describe('a graduate’s year: leaving school, pairing, its end, and the figures', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let officer: Headers;
  let ninghua: Headers;
  let matchmakerId: string;
  let ninghuaMatchmakerId: string;
  let births = 0;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: object, payload?: object) =>
    ctx.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });

  /** Registers a new poor-family graduate of the region through the API; returns its id. */
  async function register(headers: Headers, regionCode: string, fields: Record<string, unknown>) {
    births += 1;
    const person = await createPerson(ctx.db, pii, {
      name: `毕业生${births}`,
      regionCode: `${regionCode}100201`,
      birth: `2003${String(((births - 1) % 12) + 1).padStart(2, '0')}${10 + Math.floor((births - 1) / 12)}`,
    });
    const response = await call('POST', '/api/v1/graduates', headers, {
      idNumber: person.idNumber,
      schoolName: '闽西职业技术学院',
      schoolKind: 'college',
      major: '市场营销',
      wish: 'job',
      ...fields,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }
  const graduate = async (id: string) => (await call('GET', `/api/v1/graduates/${id}`, officer)).json();
  const pairingOf = async (id: string, headers: Headers = officer) =>
    (await call('GET', `/api/v1/graduates/${id}/pairing`, headers)).json();
  const pair = async (id: string, headers: Headers, matchmaker: string) =>
    expect(
      (await call('PUT', `/api/v1/graduates/${id}/pairing`, headers, { matchmakerId: matchmaker })).statusCode,
    ).toBe(201);

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'life.officer' });
    matchmakerId = (await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'life.matchmaker' }))
      .id;
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'life.ninghua' });
    ninghuaMatchmakerId = (
      await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'life.ninghua.matchmaker' })
    ).id;
    officer = await bearer(ctx, 'life.officer');
    ninghua = await bearer(ctx, 'life.ninghua');
  });
  afterAll(() => ctx.close());

  const moved: string[] = [];

  it('moves in-school graduates to "left without work" on their day of leaving, as the system, once', async () => {
    const repo = createGraduatesRepository(ctx.db);
    // Two in school whose day has come, one leaving next year, one already employed: only the first two move.
    moved.push(await register(officer, '350821', { graduationYear: year, leftSchoolOn: leftOn, status: 'in_school' }));
    moved.push(await register(officer, '350821', { graduationYear: year, leftSchoolOn: leftOn, status: 'in_school' }));
    const staying = await register(officer, '350821', { graduationYear: year + 1, status: 'in_school' });
    const working = await register(officer, '350821', {
      graduationYear: year,
      leftSchoolOn: leftOn,
      status: 'employed',
    });
    expect((await graduate(staying)).leftSchoolOn).toBe(`${year + 1}-07-01`);
    expect(await ctx.db.matchmakerPairing.count()).toBe(0);

    // Batches of one: the two move in two short transactions.
    expect(await moveLeavers(repo, new Date(), 1)).toEqual({ moved: 2 });
    for (const id of moved) {
      const detail = await graduate(id);
      expect(detail).toMatchObject({ status: 'left_without_work', statusSince: leftOn });
      expect(detail.history).toEqual([
        expect.objectContaining({ toStatus: 'in_school', bySystem: false }),
        { fromStatus: 'in_school', toStatus: 'left_without_work', on: leftOn, note: 'left_school', bySystem: true },
      ]);
    }
    expect((await graduate(staying)).status).toBe('in_school');
    expect((await graduate(working)).status).toBe('employed');
    const page = await (await new PageClient(ctx).signIn('life.officer')).get(`/graduates/${moved[0]}`);
    expect(page.body).toContain('系统记录：到离校日期，自动转为离校未就业');

    // Idempotent: a second run (and the hourly job itself) moves nothing and writes no history.
    const historyRows = await ctx.db.graduateStatusChange.count();
    expect(await moveLeavers(repo, new Date())).toEqual({ moved: 0 });
    expect(await ctx.db.graduateStatusChange.count()).toBe(historyRows);

    // Now "pair all" finds them (the county's two officers take one each).
    const paired = await call('POST', '/api/v1/graduates/pairings/pair-all', officer, {});
    expect(paired.json()).toMatchObject({ paired: 2, unpaired: 0 });
    for (const id of moved) expect(await pairingOf(id)).toMatchObject({ endedAt: null });
  });

  it('ends the pairing with the new status as its reason when PATCH /status puts the graduate in work or study', async () => {
    const [studying, business] = moved as [string, string];
    const today = chinaDate(new Date())!;
    const study = await call('PATCH', `/api/v1/graduates/${studying}/status`, officer, {
      status: 'further_study',
      on: today,
    });
    expect(study.statusCode, study.body).toBe(200);
    expect(study.json()).toMatchObject({ status: 'further_study', matchmaker: null, workFoundOn: null });
    expect(await pairingOf(studying)).toMatchObject({ endReason: 'further_study', endedAt: expect.any(String) });

    const started = await call('PATCH', `/api/v1/graduates/${business}/status`, officer, {
      status: 'started_business',
      on: today,
      note: '开办电商网店',
    });
    expect(started.json()).toMatchObject({ status: 'started_business', workFoundOn: today });
    expect(started.json().history.at(-1)).toMatchObject({ note: '开办电商网店', bySystem: false });
    expect(await pairingOf(business)).toMatchObject({ endReason: 'started_business' });

    // The same status twice is refused, and the ended pairing stays as it was.
    const again = await call('PATCH', `/api/v1/graduates/${business}/status`, officer, { status: 'started_business' });
    expect(again.json()).toMatchObject({ statusCode: 409, details: { reason: 'same_status' } });
    expect(await ctx.db.matchmakerPairing.count({ where: { endedAt: null } })).toBe(0);
  });

  it('closes the open pairings of a finished graduation year with year_over, and only those', async () => {
    // Last year's graduate (left on 1 July last year: registered as without work) and this year's.
    const lastYear = await register(officer, '350821', { graduationYear: year - 1 });
    const thisYear = await register(officer, '350821', { graduationYear: year, leftSchoolOn: leftOn });
    expect((await graduate(lastYear)).status).toBe('left_without_work');
    await pair(lastYear, officer, matchmakerId);
    await pair(thisYear, officer, matchmakerId);

    const [job] = graduatesJobs({
      graduates: createGraduatesRepository(ctx.db),
      repo: createPairingsRepository(ctx.db),
      notifier: ctx.app.notifier,
      rules: { reminderDays: 14, leavingDay: '07-01' },
      log: ctx.app.log,
    });
    await job!.run();
    expect(await pairingOf(lastYear)).toMatchObject({ endReason: 'year_over', endedAt: expect.any(String) });
    expect(await pairingOf(thisYear)).toMatchObject({ endReason: null, endedAt: null });
    // The graduate's status is not the pairing's: last year's graduate is still without work.
    expect((await graduate(lastYear)).status).toBe('left_without_work');
    await job!.run();
    expect(await ctx.db.matchmakerPairing.count({ where: { endReason: 'year_over' } })).toBe(1);
  });

  it('counts paired graduates in work within 3 and 6 months of the pairing’s start (plan §5(4) 就业红娘)', async () => {
    // Six graduates of 2026 in 宁化 (350424), all left school on 1 July 2026 (registered as without work).
    // 3 months after leaving: 1 Oct; 6 months: 1 Jan 2027. Pairings begin 10 Jul (3m: 10 Oct, 6m: 10 Jan)
    // or 1 Aug (G3). Period: 1 Jan – 30 Nov 2026.
    const g: string[] = [];
    for (let i = 0; i < 6; i += 1) g.push(await register(ninghua, '350424', { graduationYear: 2026 }));
    const [g1, g2, g3, g4, g5, g6] = g as [string, string, string, string, string, string];
    const patch = async (id: string, status: string, on: string) =>
      expect((await call('PATCH', `/api/v1/graduates/${id}/status`, ninghua, { status, on })).statusCode).toBe(200);
    const startedOn = (id: string, on: string) =>
      ctx.db.matchmakerPairing.updateMany({
        where: { graduateId: id },
        data: { startedAt: new Date(`${on}T10:00:00+08:00`) },
      });
    // G5: in work on 5 Jul, out of work again on 8 Jul, then paired: the earlier job is not the matchmaker's.
    await patch(g5, 'employed', '2026-07-05');
    await patch(g5, 'left_without_work', '2026-07-08');
    for (const id of [g1, g2, g3, g5, g6]) await pair(id, ninghua, ninghuaMatchmakerId);
    for (const id of [g1, g2, g5, g6]) await startedOn(id, '2026-07-10');
    await startedOn(g3, '2026-08-01');
    await patch(g1, 'employed', '2026-09-05'); // 57 days after pairing
    await patch(g2, 'employed', '2026-11-20'); // after 10 Oct, before 10 Jan
    await patch(g4, 'employed', '2026-08-01'); // never paired
    await patch(g6, 'employed', '2026-12-01'); // after the period end
    // G3 is still without work.

    const values = async (to: string) => {
      const response = await call('GET', `/api/v1/indicators?regionCode=350424&from=2026-01-01&to=${to}`, ninghua);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().values as Record<string, number>;
    };
    expect(await values('2026-11-30')).toMatchObject({
      grad_registered: 6,
      grad_status_left_without_work: 2, // G3, G5
      grad_status_employed: 4, // G1, G2, G4, G6 (current status)
      grad_paired: 5, // G1, G2, G3, G5, G6
      // From leaving school (every graduate): G1 5 Sep, G4 1 Aug, G5 5 Jul ≤ 1 Oct; G2's 20 Nov ≤ 1 Jan too.
      grad_employed_3m: 3, // G1, G4, G5
      grad_employed_6m: 4, // G1, G2, G4, G5 (G6's 1 Dec is after 30 Nov)
      // From the pairing's start (paired only, work dated on or after it): G1 5 Sep ≤ 10 Oct;
      // G2 20 Nov ≤ 10 Jan; G5's 5 Jul came before its pairing; G4 unpaired; G6 after the period.
      grad_paired_employed_3m: 1, // G1
      grad_paired_employed_6m: 2, // G1, G2
    });
    // The dashboard's card: the list by status, and the matchmakers' figures, in both languages.
    const browser = await new PageClient(ctx).signIn('life.ninghua');
    const zh = (await browser.get('/dashboard?regionCode=350424&from=2026-01-01&to=2026-11-30')).body;
    for (const label of [
      '毕业生名单中各状态人数',
      '其中名单状态为在校',
      '其中名单状态为已创业',
      '结对后6个月内就业创业',
    ])
      expect(zh).toContain(label);
    const en = (await browser.get('/dashboard?regionCode=350424&from=2026-01-01&to=2026-11-30&lang=en')).body;
    expect(en).toContain('Paired, in work within 3 months of pairing');
    expect(en).toContain('Left school without work'); // the chart's short status names
    // At 30 September: G2's 20 November has not come; G1 is the only one.
    expect(await values('2026-09-30')).toMatchObject({
      grad_paired: 5,
      grad_paired_employed_3m: 1, // G1
      grad_paired_employed_6m: 1, // G1
    });
  });
});

describe('a school’s corrected list moving the day of leaving ahead', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let officer: Headers;
  let officerId: string;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: officer, ...(payload ? { payload } : {}) });
  const importList = (rows: string[]) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/graduates/import?mode=all_or_nothing',
      headers: { ...officer, 'content-type': 'text/csv' },
      payload: ['身份证号,学校,学校类别,专业,毕业年度,意愿,离校日期', ...rows].join('\n'),
    });

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    officerId = (await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'moved.officer' })).id;
    officer = await bearer(ctx, 'moved.officer');
  });
  afterAll(() => ctx.close());

  it('puts back in school a graduate the system had marked left without work; a status an officer set stays', async () => {
    const moved = await createPerson(ctx.db, pii, { name: '邱晓梅', regionCode: '350821100201', birth: '20030505' });
    const studying = await createPerson(ctx.db, pii, { name: '邱晓兰', regionCode: '350821100201', birth: '20030606' });
    const row = (idNumber: string, leavingOn: string) =>
      `${idNumber},闽西职业技术学院,高校,会计,${year},就业,${leavingOn}`;
    expect((await importList([row(moved.idNumber, leftOn), row(studying.idNumber, leftOn)])).json()).toMatchObject({
      created: 2,
    });
    const ids = (await call('GET', `/api/v1/graduates?year=${year}`)).json().items.map((g: { id: string }) => g.id);
    const [movedId, studyingId] = await Promise.all(
      [moved, studying].map(
        async (p) => (await ctx.db.graduate.findFirstOrThrow({ where: { labourerId: p.id }, select: { id: true } })).id,
      ),
    );
    expect(ids).toEqual(expect.arrayContaining([movedId, studyingId]));
    // Both were registered without work (their day had come); the officer records one in further study.
    const study = await call('PATCH', `/api/v1/graduates/${studyingId}/status`, { status: 'further_study' });
    expect(study.statusCode, study.body).toBe(200);
    // The other one gets a 就业红娘.
    const paired = await call('PUT', `/api/v1/graduates/${movedId}/pairing`, { matchmakerId: officerId });
    expect(paired.statusCode, paired.body).toBe(201);

    // The school's corrected list: both leave in January next year.
    const later = `${year + 1}-01-15`;
    const corrected = await importList([row(moved.idNumber, later), row(studying.idNumber, later)]);
    expect(corrected.json()).toMatchObject({ created: 0, updated: 2 });
    const back = (await call('GET', `/api/v1/graduates/${movedId}`)).json();
    expect(back).toMatchObject({ status: 'in_school', leftSchoolOn: later });
    expect(back.history.at(-1)).toMatchObject({
      fromStatus: 'left_without_work',
      toStatus: 'in_school',
      on: chinaDate(new Date()),
      note: `离校日期改为 ${later}`,
      bySystem: false,
    });
    // Still in school, not a 就业红娘's yet: the pairing ends, saying why (paired again once they leave).
    expect(back.matchmaker).toBeNull();
    expect((await call('GET', `/api/v1/graduates/${movedId}/pairing`)).json()).toMatchObject({
      endReason: 'other',
      endNote: `离校日期改为 ${later}，回到在校`,
      endedAt: expect.any(String),
    });
    expect(await ctx.db.matchmakerPairing.count({ where: { endedAt: null } })).toBe(0);
    const page = await (await new PageClient(ctx).signIn('moved.officer')).get(`/graduates/${movedId}`);
    expect(page.body).toContain(`（其他）。 离校日期改为 ${later}，回到在校`);
    expect((await call('GET', `/api/v1/graduates/${studyingId}`)).json()).toMatchObject({
      status: 'further_study',
      leftSchoolOn: later,
    });
  });
});
