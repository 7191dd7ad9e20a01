import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEmployer, createPerson, createVacancy } from '../helpers/applications.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const monthsAgo = (months: number) => new Date(Date.now() - months * 31 * 86_400_000);

/** Opens a page and keeps its CSRF token (the shared header writes it in single quotes). */
async function open(client: PageClient, url: string) {
  const response = await client.get(url);
  const token = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(response.body)?.[1];
  if (token) client.csrf = token;
  return response;
}

/** The hiring subsidy through the app (needs subsidiesModule registered in services/app.ts). */
describe('hiring subsidy API and pages', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let changting: Headers;
  let ninghua: Headers;
  let employer: Headers;
  let labourer: Headers;
  let workshopId: string;

  /** A registered poor labourer started at the workshop the given months ago. */
  async function startedHire(months: number, over: { employerId?: string; name?: string } = {}) {
    const vacancy = await createVacancy(ctx.db, over.employerId ?? workshopId);
    const person = await createPerson(ctx.db, pii, { name: over.name ?? '黄金凤', male: false });
    return createApplication(ctx.db, {
      labourerId: person.id,
      vacancyId: vacancy.id,
      status: 'started',
      startedAt: monthsAgo(months),
    });
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    workshopId = (await createEmployer(ctx.db, { kind: 'poverty_workshop', name: '长汀县竹编扶贫车间' })).id;
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua');
    employer = await bearer(ctx, 'employer.demo');
    labourer = await bearer(ctx, 'labourer.demo');
  });
  afterAll(() => ctx.close());

  const get = (url: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url, headers });
  const decide = (headers: Record<string, string>, payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/subsidies/decisions', headers, payload });

  describe('API', () => {
    it('lists eligible hires for the county’s officer only, with the rules in force', async () => {
      const ready = await startedHire(7);
      const early = await startedHire(4);
      const list = await get('/api/v1/subsidies/eligible', changting);
      expect(list.statusCode).toBe(200);
      const ids = list.json().items.map((i: { applicationId: string }) => i.applicationId);
      expect(ids).toContain(ready.id);
      expect(ids).not.toContain(early.id);
      expect(list.json().items.find((i: { applicationId: string }) => i.applicationId === ready.id)).toMatchObject({
        employerName: '长汀县竹编扶贫车间',
        maskedName: '黄**',
        // A workshop's hire: 1,000 per person + workshop bonus 0 (the award is the workshop_award programme).
        amount: 1000,
      });
      expect(list.body).not.toContain('黄金凤');
      const elsewhere = await get('/api/v1/subsidies/eligible', ninghua);
      expect(elsewhere.json().items.map((i: { applicationId: string }) => i.applicationId)).not.toContain(ready.id);
      expect((await get('/api/v1/subsidies/rules', changting)).json()).toEqual({
        qualifyingMonths: 6,
        amountPerPerson: 1000,
        workshopBonus: 0,
        onlyRegisteredPoor: true,
      });
    });

    it.each([
      ['an employer', () => employer, 403],
      ['a labourer', () => labourer, 403],
      ['nobody signed in', () => ({}), 401],
    ])('refuses %s', async (_label, who, status) => {
      expect((await get('/api/v1/subsidies/eligible', who())).statusCode).toBe(status);
      expect((await get('/api/v1/subsidies/decisions', who())).statusCode).toBe(status);
      expect((await get('/api/v1/subsidies/eligible/export', who())).statusCode).toBe(status);
      expect((await decide(who(), { applicationId: crypto.randomUUID(), decision: 'approved' })).statusCode).toBe(
        status,
      );
    });

    it('approves once (201, then 409), refuses another county (403) and a rejection without reason (400)', async () => {
      const hire = await startedHire(8);
      expect((await decide(ninghua, { applicationId: hire.id, decision: 'approved' })).statusCode).toBe(403);
      const noReason = await decide(changting, { applicationId: hire.id, decision: 'rejected' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().details).toEqual([expect.objectContaining({ field: 'note' })]);
      const approved = await decide(changting, { applicationId: hire.id, decision: 'approved', note: '材料齐全' });
      expect(approved.statusCode).toBe(201);
      expect(approved.json()).toMatchObject({ status: 'approved', amount: 1000, qualifyingMonths: 6 });
      const again = await decide(changting, { applicationId: hire.id, decision: 'rejected', note: '重复' });
      expect(again.statusCode).toBe(409);
      expect(again.json().details).toEqual({ reason: 'decided' });
      const decisions = await get('/api/v1/subsidies/decisions?status=approved', changting);
      expect(decisions.json().items.map((d: { applicationId: string }) => d.applicationId)).toContain(hire.id);
      expect((await get('/api/v1/subsidies/decisions', ninghua)).json().items).toEqual([]);
    });

    it('answers 409 with the reason for a hire not yet eligible, and 404 for none', async () => {
      const early = await startedHire(5);
      const refused = await decide(changting, { applicationId: early.id, decision: 'approved' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().details).toEqual({ reason: 'too_short' });
      expect((await decide(changting, { applicationId: crypto.randomUUID(), decision: 'approved' })).statusCode).toBe(
        404,
      );
    });

    it('exports the list and the decisions as CSV and XLSX, each export audited', async () => {
      await startedHire(9);
      const before = await ctx.db.auditLog.count({ where: { action: { startsWith: 'subsidy.' } } });
      const csv = await get('/api/v1/subsidies/eligible/export?format=csv', changting);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('长汀县竹编扶贫车间');
      expect(csv.body).toContain('黄**');
      expect(csv.body).not.toContain('黄金凤');
      const xlsx = await get('/api/v1/subsidies/decisions/export?format=xlsx&lang=en', changting);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const audits = await ctx.db.auditLog.findMany({
        where: { action: { in: ['subsidy.eligibility.export', 'subsidy.decisions.export'] } },
        orderBy: { id: 'asc' },
      });
      expect(audits.slice(-2).map((a) => a.action)).toEqual(['subsidy.eligibility.export', 'subsidy.decisions.export']);
      expect(await ctx.db.auditLog.count({ where: { action: { startsWith: 'subsidy.' } } })).toBe(before + 2);
    });
  });

  describe('pages', () => {
    it('lets an officer approve and reject from the list, explaining a missing reason', async () => {
      const toApprove = await startedHire(7, { name: '黄秀珍' });
      const toReject = await startedHire(7, { name: '黄美玲' });
      const officer = await new PageClient(ctx).signIn('officer.changting');
      const page = await open(officer, '/subsidies');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('吸纳就业补贴');
      expect(page.body).toContain('长汀县竹编扶贫车间');
      expect(page.body).toContain(`hire-${toApprove.id}`);
      expect(page.body).not.toContain('黄秀珍');
      expect(page.body).toContain('导出 Excel');

      const approved = await officer.post('/subsidies/decisions', {
        applicationId: toApprove.id,
        decision: 'approved',
      });
      expect(approved.statusCode).toBe(303);
      const after = await open(officer, String(approved.headers.location));
      expect(after.body).toContain('已核准');
      expect(after.body).not.toContain(`hire-${toApprove.id}`);

      const missing = await officer.post('/subsidies/decisions', { applicationId: toReject.id, decision: 'rejected' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('请填写不予核准的原因');
      await open(officer, '/subsidies');
      const rejected = await officer.post('/subsidies/decisions', {
        applicationId: toReject.id,
        decision: 'rejected',
        note: '未缴纳社会保险',
      });
      expect(rejected.statusCode).toBe(303);
      expect((await open(officer, '/subsidies')).body).toContain('未缴纳社会保险');

      const twice = await officer.post('/subsidies/decisions', { applicationId: toReject.id, decision: 'approved' });
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('这条记录已经审核过了');
    });

    it('downloads the list from the page and keeps other roles and counties out', async () => {
      const hire = await startedHire(7);
      const officer = await new PageClient(ctx).signIn('officer.changting');
      const csv = await officer.get('/subsidies/export?format=csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-disposition']).toContain('attachment');
      expect((await officer.get('/subsidies/decisions/export?format=xlsx')).statusCode).toBe(200);

      const other = await new PageClient(ctx).signIn('officer.ninghua');
      expect((await open(other, '/subsidies')).body).not.toContain(`hire-${hire.id}`);
      expect(
        (await other.post('/subsidies/decisions', { applicationId: hire.id, decision: 'approved' })).statusCode,
      ).toBe(403);
      const business = await new PageClient(ctx).signIn('employer.demo');
      expect((await business.get('/subsidies')).statusCode).toBe(403);
      expect((await business.get('/subsidies/export?format=csv')).statusCode).toBe(403);
    });

    it('shows the page in English on request', async () => {
      const officer = await new PageClient(ctx).signIn('officer.changting');
      const page = await officer.get('/subsidies?lang=en');
      expect(page.body).toContain('Hiring subsidy');
      expect(page.body).toContain('Rules in force');
    });
  });
});
