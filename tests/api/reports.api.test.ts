import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { seedReportsFixture } from '../helpers/reports-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { DEFINITIONS_VERSION } from '../../services/reports/indicators.ts';

describe('reports API', () => {
  let ctx: TestContext;
  let admin: { authorization: string };
  let changting: { authorization: string };
  let shanghang: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedReportsFixture(ctx.db);
    await createUser(ctx.db, { role: 'admin', username: 'rpt.admin' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'rpt.changting' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350823', username: 'rpt.shanghang' });
    await createUser(ctx.db, { role: 'employer', username: 'rpt.employer' });
    admin = await bearer(ctx, 'rpt.admin');
    changting = await bearer(ctx, 'rpt.changting');
    shanghang = await bearer(ctx, 'rpt.shanghang');
  });
  afterAll(() => ctx.close());

  const create = (headers: { authorization: string }, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/reports', headers, payload });

  it('generates a quarterly report of one group and stores the figures and definitions version', async () => {
    const response = await create(admin, {
      kind: 'quarterly',
      group: 'employment',
      year: 2026,
      quarter: 2,
      regionCode: '35',
    });
    expect(response.statusCode, response.body).toBe(201);
    const report = response.json();
    expect(report).toMatchObject({
      kind: 'quarterly',
      title: '福建省2026年第2季度就业创业扶贫工作进展报告',
      regionCode: '35',
      periodFrom: '2026-04-01',
      periodTo: '2026-06-30',
      definitionsVersion: DEFINITIONS_VERSION,
    });
    expect(report.figures.groups).toEqual(['employment']);
    expect(report.figures.sections).toHaveLength(1);
    const rows = Object.fromEntries(
      report.figures.sections[0].rows.map((r: { id: string; value: number }) => [r.id, r.value]),
    );
    // Q2: L5's transfer (5 May), L1's push (1 May) and L6's (30 June), the two approved subsidies.
    expect(rows).toMatchObject({
      employed: 4,
      transfers_in_province_new: 1,
      transfers_out_province_new: 0,
      subsidy_amount: 2500,
      hires: 0,
    });
    expect(rows).not.toHaveProperty('pension_coverage');

    const stored = await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored.definitionsVersion).toBe(DEFINITIONS_VERSION);
    expect((stored.figures as { values: Record<string, number> }).values.employed_share).toBe(80);
  });

  it('generates the yearly report with all five groups from 1 January to 30 September', async () => {
    const response = await create(changting, { kind: 'yearly', year: 2026 });
    expect(response.statusCode, response.body).toBe(201);
    const report = response.json();
    expect(report).toMatchObject({ regionCode: '350821', periodFrom: '2026-01-01', periodTo: '2026-09-30' });
    expect(report.title).toBe('长汀县2026年度人力资源和社会保障扶贫工作情况报告');
    expect(report.figures.sections.map((s: { group: string }) => s.group)).toEqual([
      'employment',
      'skills',
      'social_security',
      'talent',
      'paired_assistance',
    ]);
    // East-west cooperation is the employment group's work (plan §2(5)); the paired-assistance
    // group's section (§6(1)) has the linked-county work the talent module records, none here.
    const rowsOf = (group: string) =>
      report.figures.sections.find((s: { group: string }) => s.group === group).rows.map((r: { id: string }) => r.id);
    expect(rowsOf('employment')).toEqual(expect.arrayContaining(['coop_agreements', 'coop_transfers_done']));
    expect(rowsOf('paired_assistance')).toEqual(
      expect.arrayContaining(['linked_items', 'linked_items_done', 'linked_pairings']),
    );
    expect(rowsOf('paired_assistance')).not.toContain('coop_agreements');
    const page = await ctx.app.inject({ method: 'GET', url: `/reports/${report.id}`, headers: changting });
    expect(page.body).toContain('长汀县挂钩重点县本年度推进会议定事项0项');
    expect(page.body).toContain('扶贫劳务协作（东西部劳务协作）：本年度协作协议');
  });

  it('reproduces a report from its stored figures after the data changed', async () => {
    const made = (await create(admin, { kind: 'quarterly', group: 'social_security', year: 2026, quarter: 1 })).json();
    await ctx.db.labourer.create({
      data: {
        name: '后补录',
        idNumberEncrypted: 'x',
        idNumberHash: crypto.randomBytes(16).toString('hex'),
        idNumberMasked: '350821********0001',
        sex: 'female',
        birthDate: new Date('1970-01-01T00:00:00Z'),
        regionCode: '350821100209',
        povertyStatus: 'registered',
        pensionInsurance: 'urban_rural_resident',
        updatedAt: new Date(),
        statusChanges: { create: { toStatus: 'employed_local', changedAt: new Date('2026-02-01T12:00:00+08:00') } },
      },
    });
    const again = await ctx.app.inject({ method: 'GET', url: `/api/v1/reports/${made.id}`, headers: admin });
    expect(again.statusCode).toBe(200);
    expect(again.json().figures).toEqual(made.figures);
    const fresh = (await create(admin, { kind: 'quarterly', group: 'social_security', year: 2026, quarter: 1 })).json();
    expect(fresh.figures.values.pension_eligible).toBe(made.figures.values.pension_eligible + 1);
  });

  it('lists only the reports within the caller’s region', async () => {
    await create(shanghang, { kind: 'quarterly', group: 'skills', year: 2026, quarter: 1 });
    const mine = (await ctx.app.inject({ method: 'GET', url: '/api/v1/reports', headers: changting })).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r: { regionCode: string }) => r.regionCode.startsWith('350821'))).toBe(true);
    const all = (await ctx.app.inject({ method: 'GET', url: '/api/v1/reports', headers: admin })).json();
    expect(all.items.map((r: { regionCode: string }) => r.regionCode)).toEqual(
      expect.arrayContaining(['35', '350821', '350823']),
    );
  });

  it('refuses a county officer another county’s report, its export, and a report for another county', async () => {
    const theirs = (await create(shanghang, { kind: 'quarterly', group: 'talent', year: 2026, quarter: 2 })).json();
    const read = await ctx.app.inject({ method: 'GET', url: `/api/v1/reports/${theirs.id}`, headers: changting });
    expect(read.statusCode).toBe(403);
    const exported = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${theirs.id}/export`,
      headers: changting,
    });
    expect(exported.statusCode).toBe(403);
    const made = await create(changting, { kind: 'yearly', year: 2026, regionCode: '350823' });
    expect(made.statusCode).toBe(403);
    const listed = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/reports?regionCode=350823',
      headers: changting,
    });
    expect(listed.statusCode).toBe(403);
    expect(await ctx.db.auditLog.count({ where: { action: 'report.export', entityId: theirs.id } })).toBe(0);
  });

  it('exports a report’s tables as CSV and XLSX and audits every export', async () => {
    const report = (await create(admin, { kind: 'yearly', year: 2026 })).json();
    const csv = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report.id}/export?format=csv`,
      headers: admin,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    // A province's report carries its key counties' totals beside its own figures.
    const key = report.figures.keyCounties.values;
    expect(lines[0]).toBe('专项,指标,数值,其中：重点县,单位,指标代码');
    expect(lines).toContain(
      `就业创业扶贫,就业率,${report.figures.values.employed_share},${key.employed_share},%,employed_share`,
    );
    expect(lines).toContain(
      `社会保障扶贫,养老保险参保率,${report.figures.values.pension_coverage},${key.pension_coverage},%,pension_coverage`,
    );
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report.id}/export?format=xlsx&table=counties&lang=en`,
      headers: admin,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audits = await ctx.db.auditLog.findMany({
      where: { action: 'report.export', entityId: report.id },
      orderBy: { at: 'asc' },
    });
    expect(audits.map((a) => (a.details as { format: string; table: string }).format)).toEqual(['csv', 'xlsx']);
    expect(audits[1]!.details).toMatchObject({ table: 'counties', regionCode: '35' });
  });

  it('validates the request: a quarterly report needs a group and a quarter', async () => {
    const response = await create(admin, { kind: 'quarterly', year: 2026 });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['group', 'quarter']);
    const missing = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${crypto.randomUUID()}`,
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('is closed to employers and to the anonymous', async () => {
    const employer = await bearer(ctx, 'rpt.employer');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/reports', headers: employer })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/indicators', headers: employer })).statusCode).toBe(
      403,
    );
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'yearly', year: 2026 } }))
        .statusCode,
    ).toBe(401);
  });
});
