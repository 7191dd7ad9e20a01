/**
 * The plan's reporting cycle (方案七): counties file with their city, cities with the province; the
 * yearly report is due by 25 October (方案 closing clause) and reminders go out before it. The clock
 * is fixed (only Date is faked; timers run), so deadlines and reminders are checked on known days.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { seedReportsFixture } from '../helpers/reports-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const beijing = (text: string) => new Date(`${text}+08:00`);

describe('the yearly reporting cycle, county → city → province', () => {
  let ctx: TestContext;
  const users: Record<string, Headers> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(beijing('2026-10-12T09:00:00'));
    ctx = await createTestContext();
    await seedReportsFixture(ctx.db);
    for (const [name, regionCode] of [
      ['changting', '350821'],
      ['shanghang', '350823'],
      ['longyan', '3508'],
      ['fujian', '35'],
    ] as const) {
      const user = await createUser(ctx.db, { role: 'officer', regionCode, username: `cyc.${name}` });
      ids[name] = user.id;
      users[name] = await bearer(ctx, `cyc.${name}`);
    }
  });
  afterAll(async () => {
    await ctx.close();
    vi.useRealTimers();
  });

  const call = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const yearly = async (headers: Headers) => {
    const made = await call('POST', '/api/v1/reports', headers, { kind: 'yearly', year: 2026 });
    expect(made.statusCode, made.body).toBe(201);
    return made.json() as { id: string; status: string; dueOn: string; figures: { values: Record<string, number> } };
  };
  const reminderJob = () =>
    ctx.app.modules.instances.get('reports')!.jobs!.find((job) => job.name === 'reports.deadline-reminders')!;
  const notices = (userId: string) =>
    ctx.db.notification.findMany({ where: { userId, kind: 'report_filing' }, orderBy: { id: 'asc' } });

  it('files a county report with its city, freezes what was filed, and lets only the city decide', async () => {
    const draft = await yearly(users.changting!);
    expect(draft).toMatchObject({ status: 'draft', dueOn: '2026-10-25' });

    // The province is not the county's level above; a neighbour county is outside the scope.
    expect((await call('POST', `/api/v1/reports/${draft.id}/submit`, users.longyan!)).statusCode).toBe(403);
    const submitted = await call('POST', `/api/v1/reports/${draft.id}/submit`, users.changting!);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', filesTo: '3508', canSubmit: false });
    expect(submitted.json().steps).toEqual([
      { action: 'submit', actor: 'Test officer', at: beijing('2026-10-12T09:00:00').toISOString(), reason: null },
    ]);
    expect((await call('POST', `/api/v1/reports/${draft.id}/submit`, users.changting!)).statusCode).toBe(409);
    expect(await ctx.db.auditLog.count({ where: { action: 'report.submit', entityId: draft.id } })).toBe(1);
    // The city's officers hear of it.
    expect((await notices(ids.longyan!)).map((n) => n.link)).toEqual([`/reports/${draft.id}`]);

    // A person registered after the filing does not change what was filed.
    await ctx.db.labourer.create({
      data: {
        name: '后补录',
        idNumberEncrypted: 'x',
        idNumberHash: crypto.randomBytes(16).toString('hex'),
        idNumberMasked: '350821********0002',
        sex: 'male',
        birthDate: new Date('1980-01-01T00:00:00Z'),
        regionCode: '350821100209',
        povertyStatus: 'registered', // from the poverty office's list: counted (plan §1(2))
        updatedAt: new Date(),
        statusChanges: { create: { toStatus: 'employed_local', changedAt: beijing('2026-03-01T12:00:00') } },
      },
    });
    const read = (await call('GET', `/api/v1/reports/${draft.id}`, users.changting!)).json();
    expect(read.figures).toEqual(draft.figures);
    const step = await ctx.db.reportStep.findFirstOrThrow({ where: { reportId: draft.id, action: 'submit' } });
    expect(step.figures).toEqual(draft.figures);

    for (const who of ['changting', 'shanghang', 'fujian'] as const) {
      expect((await call('POST', `/api/v1/reports/${draft.id}/accept`, users[who]!)).statusCode, who).toBe(403);
    }
    const noReason = await call('POST', `/api/v1/reports/${draft.id}/return`, users.longyan!, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].field).toBe('reason');

    vi.setSystemTime(beijing('2026-10-12T10:30:00'));
    const returned = await call('POST', `/api/v1/reports/${draft.id}/return`, users.longyan!, {
      reason: '就业人数与台账不符',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '就业人数与台账不符' });
    expect(returned.json().steps.map((s: { action: string }) => s.action)).toEqual(['submit', 'return']);
    expect((await notices(ids.changting!)).at(-1)!.body).toContain('就业人数与台账不符');
    // A returned report is closed; the county files a new one, with the data as they are now.
    expect((await call('POST', `/api/v1/reports/${draft.id}/submit`, users.changting!)).statusCode).toBe(409);
    const second = await yearly(users.changting!);
    expect(second.figures.values.labourers).toBe(draft.figures.values.labourers! + 1);
    expect((await call('POST', `/api/v1/reports/${second.id}/submit`, users.changting!)).statusCode).toBe(200);
    const accepted = await call('POST', `/api/v1/reports/${second.id}/accept`, users.longyan!);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect(await ctx.db.auditLog.count({ where: { action: { in: ['report.return', 'report.accept'] } } })).toBe(2);
  });

  it('files the city report with the province, and shows the province who has not filed', async () => {
    const city = await yearly(users.longyan!);
    expect((await call('POST', `/api/v1/reports/${city.id}/submit`, users.longyan!)).statusCode).toBe(200);

    const list = await call('GET', '/api/v1/reports/filings?kind=yearly&year=2026', users.fujian!);
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    const regions = await ctx.db.region.count({
      where: { code: { startsWith: '35' }, level: { in: ['city', 'county'] } },
    });
    expect(body.dueOn).toBe('2026-10-25');
    expect(body.counts).toEqual({
      expected: regions,
      submitted: 1,
      accepted: 1,
      returned: 0,
      outstanding: regions - 2,
    });
    const byCode = new Map(body.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('350821')).toMatchObject({ status: 'accepted', filesTo: '3508', late: false });
    expect(byCode.get('3508')).toMatchObject({ status: 'submitted', filesTo: '35', reportId: city.id });
    expect(byCode.get('350823')).toMatchObject({ status: 'none', outstanding: true, reportId: null });

    const outstanding = await call(
      'GET',
      '/api/v1/reports/filings?kind=yearly&year=2026&outstanding=true',
      users.fujian!,
    );
    expect(outstanding.json().items.map((i: { code: string }) => i.code)).not.toContain('350821');
    // The city sees itself and its counties only; a county officer can not look at the city.
    const cityView = (await call('GET', '/api/v1/reports/filings?kind=yearly&year=2026', users.longyan!)).json();
    expect(cityView.items.every((i: { code: string }) => i.code.startsWith('3508'))).toBe(true);
    const refused = await call(
      'GET',
      '/api/v1/reports/filings?kind=yearly&year=2026&regionCode=3508',
      users.changting!,
    );
    expect(refused.statusCode).toBe(403);

    expect((await call('POST', `/api/v1/reports/${city.id}/accept`, users.longyan!)).statusCode).toBe(403);
    const accepted = await call('POST', `/api/v1/reports/${city.id}/accept`, users.fujian!);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });

    const csv = await call(
      'GET',
      '/api/v1/reports/filings/export?kind=yearly&year=2026&regionCode=3508&format=csv',
      users.fujian!,
    );
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('区划代码,地区,报送至,状态,逾期,报送时间,报送人,审核时间,审核人,退回原因');
    expect(lines.find((l) => l.startsWith('350821,'))).toContain('已接收');
    expect(await ctx.db.auditLog.count({ where: { action: 'report.filings_export', entityId: '3508' } })).toBe(1);
  });

  it('reminds each region that has not filed once, in the week before 25 October', async () => {
    const job = reminderJob();
    // 12 October: the yearly window has not opened and the third quarter's deadline (10 October) has passed.
    await job.run({ dueAt: beijing('2026-10-12T10:00:00') });
    expect(await ctx.db.reportReminder.count()).toBe(0);

    await job.run({ dueAt: beijing('2026-10-19T10:00:00') });
    const regions = await ctx.db.region.count({
      where: { code: { startsWith: '35' }, level: { in: ['city', 'county'] } },
    });
    const reminders = await ctx.db.reportReminder.findMany();
    // Everyone but 长汀县 and 龙岩市, whose reports were accepted.
    expect(reminders).toHaveLength(regions - 2);
    expect(reminders.every((r) => r.cycle === 'yearly:2026')).toBe(true);
    expect(reminders.find((r) => r.regionCode === '350823')).toMatchObject({ recipients: 1 });
    const sent = await notices(ids.shanghang!);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toBe(
      '上杭县2026年度人力资源和社会保障扶贫工作情况报告尚未报送，请于2026-10-25前报送（还有6天）。',
    );
    expect(sent[0]!.link).toBe('/reports/filings?kind=yearly&year=2026');
    const filed = await ctx.db.notification.count({
      where: {
        kind: 'report_filing',
        userId: { in: [ids.changting!, ids.longyan!] },
        title: { startsWith: '报告报送截止日' },
      },
    });
    expect(filed).toBe(0);

    // The next runs, the same day and on the deadline, send nothing more.
    await job.run({ dueAt: beijing('2026-10-19T11:00:00') });
    await job.run({ dueAt: beijing('2026-10-25T09:00:00') });
    expect(await notices(ids.shanghang!)).toHaveLength(1);
    expect(await ctx.db.reportReminder.count()).toBe(regions - 2);
  });

  it('runs the same steps through the pages without JavaScript', async () => {
    const county = await new PageClient(ctx).signIn('cyc.shanghang');
    await county.get('/reports');
    const made = await county.post('/reports', { kind: 'yearly', year: '2026', regionCode: '350823' });
    expect(made.statusCode).toBe(303);
    const url = made.headers.location as string;
    const draft = await county.get(url);
    expect(draft.body).toContain('状态：草稿　截止日期：2026-10-25');
    expect(draft.body).toContain(`action="${url}/submit"`);
    expect((await county.post(`${url}/submit`, {})).statusCode).toBe(303);
    expect((await county.get(url)).body).toContain('已报送，待审核');

    const city = await new PageClient(ctx).signIn('cyc.longyan');
    const review = await city.get(url);
    expect(review.body).toContain(`action="${url}/accept"`);
    const empty = await city.post(`${url}/return`, { reason: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toMatch(/id=['"]reason-error['"]/);
    expect((await city.post(`${url}/return`, { reason: '缺少培训台账' })).statusCode).toBe(303);
    expect((await county.get(url)).body).toContain('退回原因：缺少培训台账');

    const list = await city.get('/reports/filings?kind=yearly&year=2026');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('龙岩市 · 2026年度工作情况报告');
    expect(list.body).toMatch(/上杭县<\/th>\s*<td><a href="\/reports\/[0-9a-f-]{36}">被退回<\/a>/);
    expect(list.body.replaceAll('&#x3D;', '=')).toContain(
      '/api/v1/reports/filings/export?kind=yearly&amp;year=2026&amp;regionCode=3508&amp;format=csv',
    );
    const english = await city.get('/reports/filings?kind=yearly&year=2026&outstanding=true&lang=en');
    expect(english.body).toContain('Longyan');
    expect(english.body).not.toContain('Changting');
  });
});
