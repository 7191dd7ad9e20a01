import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { seedReportsFixture } from '../helpers/reports-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('dashboard and report pages', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedReportsFixture(ctx.db);
    await createUser(ctx.db, { role: 'officer', regionCode: '35', username: 'pg.fujian' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'pg.changting' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350823', username: 'pg.shanghang' });
  });
  afterAll(() => ctx.close());

  const dataBlock = (html: string) =>
    JSON.parse(/<script type="application\/json" id="dashboard-data">([^<]*)<\/script>/.exec(html)![1]!);

  it('shows the province with charts’ data, tables, drill-down links and the ranked counties', async () => {
    const page = await new PageClient(ctx).signIn('pg.fujian');
    const response = await page.get('/dashboard?from=2026-01-01&to=2026-06-30');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('福建省就业扶贫监测');
    expect(html).toMatch(/<script src="\/static\/vendor\/echarts\.min\.js\?v=[0-9a-f]{12}" defer><\/script>/);
    expect(html).toContain('data-chart="trend"');
    expect(html).toContain('href="/dashboard?regionCode=3508&amp;from=2026-01-01&amp;to=2026-06-30"');
    const data = dataBlock(html);
    expect(data.status.find((s: { label: string }) => s.label === '省外转移就业').value).toBe(1);
    // On 30 June only L7 seeks work, and L7's push came in July (tests/api/reports.indicators.test.ts).
    expect(data.coverage.share).toBe(0);
    expect(data.counties.map((c: { name: string }) => c.name)).toEqual(['长汀县', '上杭县', '宁化县']);
    // The numbers are on the page without JavaScript too.
    expect(html).toMatch(/<th scope="row">省外转移就业<\/th><td class="num">1<\/td>/);
    expect(html).toMatch(
      /<th scope="row">2026-02<\/th><td class="num">3<\/td><td class="num">4<\/td><td class="num">75%<\/td>/,
    );
  });

  it('drills down to a city and a county, with a breadcrumb back up', async () => {
    const page = await new PageClient(ctx).signIn('pg.fujian');
    const city = await page.get('/dashboard?regionCode=3508&from=2026-01-01&to=2026-06-30');
    expect(city.statusCode).toBe(200);
    expect(city.body).toContain('龙岩市就业扶贫监测');
    expect(city.body).toContain('href="/dashboard?regionCode=35&amp;from=2026-01-01&amp;to=2026-06-30">福建省</a>');
    expect(city.body).toContain('href="/dashboard?regionCode=350821&amp;from=2026-01-01&amp;to=2026-06-30">长汀县</a>');
    const county = await page.get('/dashboard?regionCode=350821&from=2026-01-01&to=2026-06-30');
    expect(county.statusCode).toBe(200);
    expect(dataBlock(county.body).coverage.share).toBe(0);
  });

  it('shows a county officer their county and refuses another county with 403', async () => {
    const page = await new PageClient(ctx).signIn('pg.changting');
    const own = await page.get('/dashboard');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('长汀县就业扶贫监测');
    expect(own.body).not.toContain('上杭县');
    const other = await page.get('/dashboard?regionCode=350823');
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('上杭县就业扶贫监测');
    expect((await page.get('/dashboard/export?regionCode=350823')).statusCode).toBe(403);
  });

  it('exports the county ranking and audits it', async () => {
    const page = await new PageClient(ctx).signIn('pg.fujian');
    const response = await page.get('/dashboard/export?regionCode=3508&from=2026-01-01&to=2026-06-30&format=csv');
    expect(response.statusCode).toBe(200);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('区划代码,地区,登记人数');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['350821', '350823']);
    expect(await ctx.db.auditLog.count({ where: { action: 'dashboard.export', entityId: '3508' } })).toBe(1);
  });

  it('generates a report through the form without JavaScript and shows it from the stored figures', async () => {
    const page = await new PageClient(ctx).signIn('pg.changting');
    const list = await page.get('/reports');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('生成报告');
    const made = await page.post('/reports', {
      kind: 'quarterly',
      group: 'employment',
      year: '2026',
      quarter: '1',
      regionCode: '350821',
    });
    expect(made.statusCode).toBe(303);
    const url = made.headers.location as string;
    expect(url).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    const shown = await page.get(url);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('长汀县2026年第1季度就业创业扶贫工作进展报告');
    expect(shown.body).toContain('截至2026-03-31，长汀县登记贫困劳动力3人');

    // The page reads the stored figures: change them in the database and the page follows.
    const id = url.split('/').pop()!;
    const stored = await ctx.db.report.findUniqueOrThrow({ where: { id } });
    const figures = stored.figures as { values: Record<string, number> };
    figures.values.labourers = 4321;
    await ctx.db.report.update({ where: { id }, data: { figures } });
    expect((await page.get(url)).body).toContain('登记贫困劳动力4,321人');

    const listed = await page.get('/reports');
    expect(listed.body).toContain(`href="${url}"`);
  });

  it('re-renders the form with 422 and the field’s error', async () => {
    const page = await new PageClient(ctx).signIn('pg.changting');
    await page.get('/reports');
    const response = await page.post('/reports', { kind: 'quarterly', group: 'nonsense', year: '2026', quarter: '1' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/id=['"]group-error['"]/);
  });

  it('refuses another county’s report page with 403', async () => {
    const theirs = await new PageClient(ctx).signIn('pg.shanghang');
    await theirs.get('/reports');
    const made = await theirs.post('/reports', { kind: 'yearly', year: '2026', regionCode: '350823' });
    expect(made.statusCode).toBe(303);
    const page = await new PageClient(ctx).signIn('pg.changting');
    expect((await page.get(made.headers.location as string)).statusCode).toBe(403);
  });

  it('speaks English on request', async () => {
    const page = await new PageClient(ctx).signIn('pg.changting');
    const response = await page.get('/dashboard?lang=en&from=2026-01-01&to=2026-06-30');
    expect(response.body).toContain('Changting County: employment assistance at a glance');
    expect(response.body).toContain('Counties ranked');
  });

  it('serves ECharts locally to anyone, cached', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/static/vendor/echarts.min.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toBe('public, max-age=604800');
    expect(response.body.length).toBeGreaterThan(500_000);
  });
});
