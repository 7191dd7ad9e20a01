import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEmployer,
  createGraduateRecord,
  createPerson,
  createVacancy,
} from '../helpers/applications.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { chinaMonth } from '../../services/subsidies/claim-rules.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const monthsAgo = (months: number) => new Date(Date.now() - months * 31 * 86_400_000);
const THIS_YEAR = Number(chinaMonth(new Date()).slice(0, 4));

/** The claim engine through the app: programmes per region, claims from draft to paid, exports. */
describe('subsidy claims API and pages', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let changting: Headers;
  let ninghua: Headers;
  let sanming: Headers;
  let labourer: Headers;

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    await createUser(ctx.db, { role: 'officer', regionCode: '3504', username: 'officer.sanming' });
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua');
    sanming = await bearer(ctx, 'officer.sanming');
    labourer = await bearer(ctx, 'labourer.demo');
  });
  afterAll(() => ctx.close());

  describe('start-up support for a registered poor labourer who registers a business', () => {
    let claimId: string;

    it('records the business, takes the claim with its checks, and refuses a second claim (409)', async () => {
      const person = await createPerson(ctx.db, pii, { name: '邱福生' });
      const noBusiness = await send('POST', '/api/v1/subsidy-claims', changting, {
        programmeCode: 'startup_support',
        labourerId: person.id,
      });
      expect(noBusiness.statusCode).toBe(409);
      expect(noBusiness.json().details.checks).toEqual([
        expect.objectContaining({ rule: 'business_registered', passed: false }),
      ]);

      const business = await send('POST', '/api/v1/business-registrations', changting, {
        labourerId: person.id,
        name: '长汀县福生农产品经营部',
        registeredOn: '2026-03-01',
      });
      expect(business.statusCode).toBe(201);

      const claim = await send('POST', '/api/v1/subsidy-claims', changting, {
        programmeCode: 'startup_support',
        labourerId: person.id,
        evidence: { business_licence: '92350821MA8XYZ123K' },
      });
      expect(claim.statusCode).toBe(201);
      expect(claim.json()).toMatchObject({
        programmeCode: 'startup_support',
        status: 'submitted',
        claimant: 'person',
        claimantName: '邱**',
        regionCode: '350821',
        ruleRegionCode: '35',
        amount: 10_000,
      });
      expect(claim.json().checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
      expect(claim.body).not.toContain('邱福生');
      claimId = claim.json().id;

      const again = await send('POST', '/api/v1/subsidy-claims', changting, {
        programmeCode: 'startup_support',
        labourerId: person.id,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().details).toMatchObject({
        reason: 'duplicate',
        subjectKey: `startup_support:person:${person.id}`,
      });
    });

    it('checks, approves and records the payment, every step dated and signed', async () => {
      const step = (payload: object) =>
        send('POST', `/api/v1/subsidy-claims/${claimId}/transitions`, changting, payload);
      expect((await step({ action: 'approve' })).json()).toMatchObject({
        statusCode: 409,
        details: { reason: 'wrong_status' },
      });
      expect((await step({ action: 'check' })).json().status).toBe('checked');
      expect((await step({ action: 'approve' })).json().status).toBe('approved');
      const tooMuch = await step({
        action: 'pay',
        paidAmount: 12_000,
        paidOn: '2026-04-10',
        reference: 'GK-2026-0410-01',
      });
      expect(tooMuch.statusCode).toBe(400);
      expect(tooMuch.json().details).toEqual([expect.objectContaining({ field: 'paidAmount' })]);
      const paid = await step({
        action: 'pay',
        paidAmount: 10_000,
        paidOn: '2026-04-10',
        reference: 'GK-2026-0410-01',
      });
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toMatchObject({
        status: 'paid',
        paidAmount: 10_000,
        paidOn: '2026-04-10',
        paymentReference: 'GK-2026-0410-01',
      });
      expect(paid.json().steps.map((s: { to: string }) => s.to)).toEqual([
        'draft',
        'submitted',
        'checked',
        'approved',
        'paid',
      ]);
      expect(paid.json().steps.every((s: { by: string | null; at: string }) => s.by && s.at)).toBe(true);
      const audits = await ctx.db.auditLog.findMany({
        where: { entity: 'subsidy_claim', entityId: claimId },
        orderBy: { id: 'asc' },
      });
      expect(audits.map((a) => a.action)).toEqual([
        'subsidy.claim.create',
        'subsidy.claim.check',
        'subsidy.claim.approve',
        'subsidy.claim.pay',
      ]);
    });

    it('exports the claim with its payment (audited) and keeps other counties and roles out', async () => {
      const csv = await send('GET', '/api/v1/subsidy-claims/export?format=csv&programme=startup_support', changting);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('一次性创业扶持补贴');
      expect(csv.body).toContain('已拨付');
      expect(csv.body).toContain('GK-2026-0410-01');
      expect(csv.body).not.toContain('邱福生');
      expect(await ctx.db.auditLog.count({ where: { action: 'subsidy.claims.export' } })).toBe(1);
      expect((await send('GET', '/api/v1/subsidy-claims/export?format=xlsx&lang=en', changting)).statusCode).toBe(200);

      expect((await send('GET', `/api/v1/subsidy-claims/${claimId}`, ninghua)).statusCode).toBe(404);
      const theirs = await send('GET', '/api/v1/subsidy-claims?programme=startup_support', ninghua);
      expect(theirs.json().total).toBe(0);
      expect((await send('GET', '/api/v1/subsidy-claims', labourer)).statusCode).toBe(403);
    });

    it('names the missing field of a claim (400) and refuses a person outside the region (403)', async () => {
      const missing = await send('POST', '/api/v1/subsidy-claims', changting, { programmeCode: 'startup_support' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().details).toEqual([expect.objectContaining({ field: 'labourerId' })]);
      const elsewhere = await createPerson(ctx.db, pii, { regionCode: '350424' });
      const refused = await send('POST', '/api/v1/subsidy-claims', changting, {
        programmeCode: 'startup_support',
        labourerId: elsewhere.id,
      });
      expect(refused.statusCode).toBe(403);
    });
  });

  describe('settings per region', () => {
    it('pays the graduate subsidy at the city’s amount in 三明 and the province’s in 长汀', async () => {
      const set = await send('PATCH', '/api/v1/subsidy-programmes/graduate_job_seeking/settings', sanming, {
        regionCode: '3504',
        amount: 2500,
        cap: 2500,
        budget: 100_000,
      });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({ regionCode: '3504', amount: 2500, budget: 100_000 });
      const outside = await send('PATCH', '/api/v1/subsidy-programmes/graduate_job_seeking/settings', sanming, {
        regionCode: '3508',
        amount: 9000,
      });
      expect(outside.statusCode).toBe(403);

      // The graduates module's record of the person feeds the claim (not the registry's graduation year).
      const graduate = async (regionCode: string) => {
        const person = await createPerson(ctx.db, pii, { regionCode });
        await createGraduateRecord(ctx.db, person, { graduationYear: THIS_YEAR });
        return person;
      };
      const inNinghua = await send('POST', '/api/v1/subsidy-claims', ninghua, {
        programmeCode: 'graduate_job_seeking',
        labourerId: (await graduate('350424')).id,
      });
      expect(inNinghua.json()).toMatchObject({ amount: 2500, ruleRegionCode: '3504' });
      const inChangting = await send('POST', '/api/v1/subsidy-claims', changting, {
        programmeCode: 'graduate_job_seeking',
        labourerId: (await graduate('350821')).id,
      });
      expect(inChangting.json()).toMatchObject({ amount: 2000, ruleRegionCode: '35' });

      const programmes = await send('GET', '/api/v1/subsidy-programmes', sanming);
      const graduates = programmes.json().items.find((p: { code: string }) => p.code === 'graduate_job_seeking');
      expect(graduates.settings.map((s: { regionCode: string; amount: number }) => [s.regionCode, s.amount])).toEqual([
        ['35', 2000],
        ['3504', 2500],
      ]);
      const budgets = await send('GET', '/api/v1/subsidy-programmes/budgets', sanming);
      expect(budgets.json().items).toContainEqual(
        expect.objectContaining({
          programmeCode: 'graduate_job_seeking',
          regionCode: '3504',
          budget: 100_000,
          approved: 0,
          remaining: 100_000,
        }),
      );
    });
  });

  describe('public-welfare posts', () => {
    it('produce monthly post and social-insurance claims, once per month, and no hiring-subsidy claim', async () => {
      const employer = await createEmployer(ctx.db, { kind: 'public_welfare', name: '长汀县乡村保洁公益岗' });
      const post = await createVacancy(ctx.db, employer.id, { publicWelfarePost: true, title: '乡村保洁员' });
      const person = await createPerson(ctx.db, pii, { hardToEmploy: true });
      const hire = await createApplication(ctx.db, {
        labourerId: person.id,
        vacancyId: post.id,
        status: 'started',
        startedAt: monthsAgo(8),
      });
      const month = chinaMonth(new Date());
      const first = await send('POST', '/api/v1/subsidy-claims/public-welfare-posts', changting, { month });
      expect(first.json().created).toBeGreaterThanOrEqual(2);
      const second = await send('POST', '/api/v1/subsidy-claims/public-welfare-posts', changting, { month });
      expect(second.json()).toMatchObject({ created: 0 });

      const claims = await send('GET', `/api/v1/subsidy-claims?applicationId=${hire.id}`, changting);
      expect(
        claims
          .json()
          .items.map((c: { programmeCode: string; month: string; amount: number }) => [
            c.programmeCode,
            c.month,
            c.amount,
          ])
          .sort(),
      ).toEqual([
        ['public_welfare_insurance', month, 600],
        ['public_welfare_post', month, 1200],
      ]);
      const hiring = await send('POST', '/api/v1/subsidy-claims', changting, {
        programmeCode: 'hiring',
        applicationId: hire.id,
      });
      expect(hiring.statusCode).toBe(409);
      expect(hiring.json().details.checks).toContainEqual(
        expect.objectContaining({ rule: 'not_public_welfare_post', passed: false }),
      );
      const eligible = await send('GET', '/api/v1/subsidies/eligible', changting);
      expect(eligible.json().items.map((i: { applicationId: string }) => i.applicationId)).not.toContain(hire.id);
    });
  });

  describe('pages', () => {
    it('lists claims with filters, shows a claim’s checks and steps, the programmes and the budgets', async () => {
      const officer = await new PageClient(ctx).signIn('officer.changting');
      const list = await officer.get('/subsidies/claims?programme=startup_support&status=&month=');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('一次性创业扶持补贴');
      expect(list.body).toContain('已拨付');
      const id = /href="\/subsidies\/claims\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
      const detail = await officer.get(`/subsidies/claims/${id}`);
      expect(detail.body).toContain('自动核验结果');
      expect(detail.body).toContain('已办理创业登记');
      expect(detail.body).toContain('GK-2026-0410-01');
      const programmes = await officer.get('/subsidies/programmes');
      expect(programmes.body).toContain('公益性岗位社会保险补贴');
      expect(programmes.body).toContain('§2(1)');
      const budgets = await officer.get('/subsidies/budgets?lang=en');
      expect(budgets.body).toContain('Subsidy budgets and spend');
      expect(budgets.body).toContain('subsidy-budgets-data');
      const bad = await officer.get('/subsidies/claims?month=2026-13x');
      expect(bad.statusCode).toBe(200);
      expect(bad.body).toContain('form-error');
    });

    it('moves a claim from its page and explains a rejection without reason', async () => {
      const person = await createPerson(ctx.db, pii, { name: '钟秀兰' });
      await createGraduateRecord(ctx.db, person, { graduationYear: THIS_YEAR });
      const created = await send('POST', '/api/v1/subsidy-claims', changting, {
        programmeCode: 'graduate_job_seeking',
        labourerId: person.id,
      });
      const officer = await new PageClient(ctx).signIn('officer.changting');
      const page = await officer.get(`/subsidies/claims/${created.json().id}`);
      officer.csrf = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(page.body)?.[1] ?? officer.csrf;
      const noReason = await officer.post(`/subsidies/claims/${created.json().id}/transitions`, { action: 'reject' });
      expect(noReason.statusCode).toBe(422);
      const checked = await officer.post(`/subsidies/claims/${created.json().id}/transitions`, { action: 'check' });
      expect(checked.statusCode).toBe(303);
      const rejected = await officer.post(`/subsidies/claims/${created.json().id}/transitions`, {
        action: 'reject',
        reason: '已享受其他求职补贴',
      });
      expect(rejected.statusCode).toBe(303);
      expect((await officer.get(`/subsidies/claims/${created.json().id}`)).body).toContain('已享受其他求职补贴');
    });
  });
});
