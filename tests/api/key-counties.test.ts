/**
 * The provincial key counties (方案 一(二): 省级扶贫开发工作重点县) as data an administrator keeps, and
 * the key-county totals on the dashboard and in reports. Fixture (tests/helpers/reports-fixture.ts):
 * 长汀县 350821 and 宁化县 350424 are key counties in the reference list, 上杭县 350823 is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { seedReportsFixture } from '../helpers/reports-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('key counties', () => {
  let ctx: TestContext;
  let admin: { authorization: string };
  let officer: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedReportsFixture(ctx.db);
    await createUser(ctx.db, { role: 'admin', username: 'kc.admin' });
    await createUser(ctx.db, { role: 'officer', regionCode: '35', username: 'kc.fujian' });
    admin = await bearer(ctx, 'kc.admin');
    officer = await bearer(ctx, 'kc.fujian');
  });
  afterAll(() => ctx.close());

  /** The employment group's quarterly report for 2026 Q2, made by the province officer. */
  const employmentReportQ2 = () =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: officer,
      payload: { kind: 'quarterly', group: 'employment', year: 2026, quarter: 2 },
    });

  const keyRows = (html: string) =>
    [
      ...html.matchAll(
        /<tr><th scope="row">([^<]+)<\/th><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td><\/tr>/g,
      ),
    ].map((m) => [m[1], m[2], m[3]]);

  it('starts from the reference list: 19 counties, 长汀 and 宁化 among them', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/regions/key-counties', headers: officer });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ code: string; keyCounty: boolean }>;
    expect(items.filter((c) => c.keyCounty)).toHaveLength(19);
    const byCode = new Map(items.map((c) => [c.code, c.keyCounty]));
    expect([byCode.get('350821'), byCode.get('350424'), byCode.get('350823')]).toEqual([true, true, false]);
  });

  it('sums the indicators over the key counties on the dashboard, shares from the summed parts', async () => {
    const page = await new PageClient(ctx).signIn('kc.fujian');
    const html = (await page.get('/dashboard?from=2026-01-01&to=2026-06-30')).body;
    expect(html).toContain('省级扶贫开发工作重点县合计（19个县）');
    const rows = new Map(keyRows(html).map(([name, region, key]) => [name, [region, key]]));
    // At 30 June: 长汀 has L1 (out of the province), L2 (local work), L3 (out of the labour force);
    // L4 registers in July. 宁化 has L7, in training. So 4 people, 3 in the labour force, 2 employed:
    // 2 ÷ 3 = 66.7 %, not the mean of 长汀's 100 % and 宁化's 0 %.
    expect(rows.get('登记贫困劳动力')).toEqual(['6', '4']);
    expect(rows.get('已就业人数')).toEqual(['4', '2']);
    expect(rows.get('就业率')).toEqual(['80%', '66.7%']);
    // §2(3) coverage counts people wanting work and not in work on 30 June: only L7 (宁化, in
    // training; L1 and L2 work, L6 of 上杭 holds a public-welfare post). L7's push is on 25 July:
    // 0 of 1 in the province and 0 of 1 in the key counties.
    expect(rows.get('岗位推送覆盖率')).toEqual(['0%', '0%']);
    expect(html).not.toContain('href="/admin/key-counties"');
  });

  it('counts the key counties together (plan 一(二)): each count is the counties’ own added up, each share from those counts', async () => {
    const period = 'from=2026-04-01&to=2026-06-30';
    const made = await employmentReportQ2();
    expect(made.statusCode, made.body).toBe(201);
    const { codes, values: together } = made.json().figures.keyCounties as {
      codes: string[];
      values: Record<string, number>;
    };
    const definitions = (
      await ctx.app.inject({ method: 'GET', url: '/api/v1/indicators/definitions', headers: officer })
    ).json().items as Array<{ id: string; unit: string }>;
    const each: Array<Record<string, number>> = [];
    for (const code of codes) {
      const one = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/indicators?regionCode=${code}&${period}`,
        headers: officer,
      });
      expect(one.statusCode, one.body).toBe(200);
      each.push(one.json().values);
    }
    const added = (id: string) => each.reduce((t, v) => t + (v[id] ?? 0), 0);
    const counts = definitions.filter((d) => d.unit !== 'percent');
    expect(counts.length).toBeGreaterThan(50);
    for (const { id } of counts) expect([id, together[id]]).toEqual([id, added(id)]);
    // At 30 June, as on the dashboard above: 长汀 and 宁化 hold 4 people, 3 in the labour force, 2
    // employed: 2 ÷ 3 = 66.7 %, not the mean of 长汀's 100 % and 宁化's 0 %.
    expect(codes).toEqual(expect.arrayContaining(['350821', '350424']));
    expect(together).toMatchObject({ labourers: 4, employed: 2, labour_force: 3, employed_share: 66.7 });
    const share = (part: string, whole: string) =>
      added(whole) ? Math.round((added(part) / added(whole)) * 1000) / 10 : 0;
    expect(together.employed_share).toBe(share('labour_force_employed', 'labour_force'));
    expect(together.push_coverage).toBe(share('pushed', 'willing'));
  });

  it('lets only an administrator change the list, audited, and the totals follow', async () => {
    const refused = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/regions/key-counties/350424',
      headers: officer,
      payload: { keyCounty: false },
    });
    expect(refused.statusCode).toBe(403);
    const unknown = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/regions/key-counties/359999',
      headers: admin,
      payload: { keyCounty: true },
    });
    expect(unknown.statusCode).toBe(404);

    const page = await new PageClient(ctx).signIn('kc.admin');
    const dashboard = await page.get('/dashboard?from=2026-01-01&to=2026-06-30');
    expect(dashboard.body).toContain('href="/admin/key-counties"');
    const form = await page.get('/admin/key-counties');
    expect(form.statusCode).toBe(200);
    const ticked = [...form.body.matchAll(/name="keyCounty" value="(\d{6})" checked/g)].map((m) => m[1]!);
    expect(ticked).toHaveLength(19);
    // Untick 宁化, tick 上杭: the form carries every county, so the others stay as they were.
    const saved = await page.post('/admin/key-counties', {
      keyCounty: [...ticked.filter((c) => c !== '350424'), '350823'],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('已保存，2 个县的标记有变化');
    const audits = await ctx.db.auditLog.findMany({ where: { action: 'region.key_county' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.entityId, a.details])).toEqual([
      ['350424', { keyCounty: false, was: true }],
      ['350823', { keyCounty: true, was: false }],
    ]);

    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/regions/key-counties/350823',
      headers: admin,
      payload: { keyCounty: false },
    });
    expect(put.json()).toMatchObject({ code: '350823', keyCounty: false });
    expect(await ctx.db.auditLog.count({ where: { action: 'region.key_county' } })).toBe(3);

    // Now only 长汀 is a key county of the fixture: 3 people, 2 in the labour force, both employed.
    const html = (await page.get('/dashboard?from=2026-01-01&to=2026-06-30')).body;
    const rows = new Map(keyRows(html).map(([name, region, key]) => [name, [region, key]]));
    expect(rows.get('登记贫困劳动力')).toEqual(['6', '3']);
    expect(rows.get('就业率')).toEqual(['80%', '100%']);
  });

  it('stores the key-county totals with a report and exports them', async () => {
    const made = await employmentReportQ2();
    expect(made.statusCode, made.body).toBe(201);
    const report = made.json();
    expect(report.figures.keyCounties.codes).toContain('350821');
    expect(report.figures.keyCounties.values).toMatchObject({ labourers: 3, employed: 2, employed_share: 100 });
    const csv = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report.id}/export?format=csv`,
      headers: officer,
    });
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('专项,指标,数值,其中：重点县,单位,指标代码');
    expect(lines).toContain('就业创业扶贫,就业率,80,100,%,employed_share');
  });
});
