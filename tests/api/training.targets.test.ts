import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
/** The year the targets are set for: this year (Beijing), so the dashboard's default period reads them. */
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

/**
 * Yearly training targets per region (plan §3(2): 每年开展农民工技能提升培训20万人次以上), set by the
 * region's officers; a region without its own target adds up the regions one level under it.
 * 龙岩市 3508 holds 长汀 350821 and 上杭 350823; 三明市 3504 holds 宁化 350424.
 */
describe('yearly training targets (issue #19)', () => {
  let ctx: TestContext;
  let admin: Headers;
  let longyan: Headers;
  let changting: Headers;
  let shanghang: Headers;
  let sanming: Headers;
  const ids: Record<string, string> = {};

  const put = (headers: Headers, payload: object) =>
    ctx.app.inject({ method: 'PUT', url: '/api/v1/training/targets', headers, payload });
  const list = async (headers: Headers, query: string) => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/v1/training/targets?${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const progressOf = async (headers: Headers, regionCode: string) =>
    Object.fromEntries(
      (await list(headers, `year=${YEAR}&regionCode=${regionCode}`)).progress.map(
        (p: { kind: string; target: number | null; own: boolean }) => [p.kind, [p.target, p.own]],
      ),
    );

  beforeAll(async () => {
    ctx = await createTestContext();
    await createUser(ctx.db, { role: 'admin', username: 'targets.admin' });
    await createUser(ctx.db, { role: 'officer', regionCode: '3508', username: 'targets.longyan' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'targets.changting' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350823', username: 'targets.shanghang' });
    await createUser(ctx.db, { role: 'officer', regionCode: '3504', username: 'targets.sanming' });
    admin = await bearer(ctx, 'targets.admin');
    longyan = await bearer(ctx, 'targets.longyan');
    changting = await bearer(ctx, 'targets.changting');
    shanghang = await bearer(ctx, 'targets.shanghang');
    sanming = await bearer(ctx, 'targets.sanming');
  });
  afterAll(() => ctx.close());

  it('lets each county set its own targets, and a city without its own sums its counties', async () => {
    const set = await put(changting, { regionCode: '350821', year: YEAR, kind: 'people_trained', value: 100 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ regionCode: '350821', regionName: '龙岩市长汀县', value: 100 });
    expect(
      (await put(shanghang, { regionCode: '350823', year: YEAR, kind: 'people_trained', value: 60 })).statusCode,
    ).toBe(200);
    // Setting again overwrites: 上杭 60 → 70.
    expect(
      (await put(shanghang, { regionCode: '350823', year: YEAR, kind: 'people_trained', value: 70 })).json().value,
    ).toBe(70);
    // 龙岩市 has no row of its own: 100 + 70 = 170. Nobody set the other kinds.
    expect(await progressOf(longyan, '3508')).toEqual({
      people_trained: [170, false],
      upgrading_trainings: [null, false],
      people_certified: [null, false],
    });
    expect(await ctx.db.auditLog.count({ where: { action: 'training.target.set' } })).toBe(3);
  });

  it('takes a region’s own target over the sum under it, up to the province', async () => {
    const own = await put(longyan, { regionCode: '3508', year: YEAR, kind: 'people_trained', value: 150 });
    ids.longyan = own.json().id;
    await put(sanming, { regionCode: '3504', year: YEAR, kind: 'people_trained', value: 40 });
    await put(sanming, { regionCode: '350424', year: YEAR, kind: 'people_trained', value: 25 });
    // 龙岩 150 (its own, not 170); 三明 40 (its own, not 25); the province has none: 150 + 40 = 190.
    expect((await progressOf(longyan, '3508')).people_trained).toEqual([150, true]);
    expect((await progressOf(admin, '35')).people_trained).toEqual([190, false]);
    // The province's own row wins: the plan's 200,000 upgrading trainings a year.
    await put(admin, { regionCode: '35', year: YEAR, kind: 'upgrading_trainings', value: 200_000 });
    const province = await list(admin, `year=${YEAR}`);
    expect(province.regionCode).toBe('35');
    expect(province.progress.find((p: { kind: string }) => p.kind === 'upgrading_trainings')).toMatchObject({
      target: 200_000,
      own: true,
      done: 0,
      percent: 0,
    });
    // A city officer lists the rows of the city and under it, not 三明's.
    const rows = (await list(longyan, `year=${YEAR}`)).items.map((r: { regionCode: string }) => r.regionCode);
    expect(rows).toEqual(['3508', '350821', '350823']);
  });

  it('puts the targets in the indicators and on the dashboard, beside what was done', async () => {
    const values = (
      await ctx.app.inject({ method: 'GET', url: '/api/v1/indicators?regionCode=3508', headers: longyan })
    ).json().values;
    expect(values).toMatchObject({
      training_target_people_trained: 150,
      training_done_people_trained: 0,
      training_progress_people_trained: 0,
      training_target_upgrading_trainings: 0,
    });
    const page = await new PageClient(ctx).signIn('targets.longyan');
    const dashboard = await page.get('/dashboard?regionCode=3508');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('data-chart="trainingTargets"');
    expect(dashboard.body).toContain('href="/training/targets?regionCode=3508"');
    expect(dashboard.body).toMatch(/贫困劳动力培训人数<\/th><td class="num">0<\/td><td class="num">150<\/td>/);
  });

  it('keeps officers to their region and refuses bad targets naming the field', async () => {
    expect(
      (await put(changting, { regionCode: '3508', year: YEAR, kind: 'people_trained', value: 1 })).statusCode,
    ).toBe(403);
    expect(
      (await put(changting, { regionCode: '350823', year: YEAR, kind: 'people_trained', value: 1 })).statusCode,
    ).toBe(403);
    const bad = async (payload: object) => {
      const response = await put(longyan, {
        regionCode: '3508',
        year: YEAR,
        kind: 'people_trained',
        value: 1,
        ...payload,
      });
      expect(response.statusCode, response.body).toBe(400);
      return response.json().details[0].field;
    };
    expect(await bad({ value: -1 })).toBe('value');
    expect(await bad({ value: 2.5 })).toBe('value');
    expect(await bad({ kind: 'trainings' })).toBe('kind');
    expect(await bad({ year: 1999 })).toBe('year');
    expect(await bad({ regionCode: '350821100' })).toBe('regionCode');
    const unknown = await put(admin, { regionCode: '359999', year: YEAR, kind: 'people_trained', value: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0]).toMatchObject({ field: 'regionCode', code: 'unknown_region' });
    const other = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/training/targets?regionCode=3504`,
      headers: longyan,
    });
    expect(other.statusCode).toBe(403);
  });

  it('removes a region’s own target (audited): the region sums those under it again', async () => {
    const refused = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/v1/training/targets/${ids.longyan}`,
      headers: changting,
    });
    expect(refused.statusCode).toBe(404);
    const removed = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/v1/training/targets/${ids.longyan}`,
      headers: longyan,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await progressOf(longyan, '3508')).people_trained).toEqual([170, false]);
    expect(await ctx.db.auditLog.count({ where: { action: 'training.target.remove' } })).toBe(1);
  });

  it('sets and removes targets on a page without JavaScript, linked from the courses page, and downloads them', async () => {
    const page = await new PageClient(ctx).signIn('targets.longyan');
    expect((await page.get('/training/courses')).body).toContain('href="/training/targets"');
    const shown = await page.get(`/training/targets?year=${YEAR}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('id="training-targets-data"');
    expect(shown.body).toMatch(/贫困劳动力培训人数<\/th>\s*<td class="num">170 <span class="muted small">（下级合计）/);
    const refused = await page.post('/training/targets', {
      regionCode: '3508',
      year: String(YEAR),
      kind: 'people_certified',
      value: '很多',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(/<p class='field-error' id='value-error' role='alert'>目标数[^<]*<\/p>/);
    const saved = await page.post('/training/targets', {
      regionCode: '3508',
      year: String(YEAR),
      kind: 'people_certified',
      value: '80',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/training/targets?year=${YEAR}&regionCode=3508&saved=1`);
    const row = await ctx.db.trainingTarget.findFirstOrThrow({
      where: { regionCode: '3508', kind: 'people_certified' },
    });
    expect(row.value).toBe(80);
    const csv = await page.get(`/training/targets/export?format=csv&year=${YEAR}&regionCode=3508`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('贫困劳动力取证人数');
    expect((await page.get(`/training/targets?year=${YEAR}`)).statusCode).toBe(200);
    const gone = await page.post(`/training/targets/${row.id}/delete`, {});
    expect(gone.statusCode).toBe(303);
    expect(await ctx.db.trainingTarget.count({ where: { id: row.id } })).toBe(0);
  });
});
