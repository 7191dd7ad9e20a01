import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubsidyClaimStatus } from '../../services/platform/database/generated/enums.ts';
import { subsidyFigures } from '../../services/subsidies/index.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const at = (text: string) => new Date(`${text}T12:00:00+08:00`);

/**
 * The subsidy figures (services/reports: subsidy_claims, subsidy_claims_approved,
 * subsidy_claims_amount, subsidy_people_reached) on hand-made claims of 宁化县 350424 for the
 * half-year 2026-01-01 … 2026-06-30. People A, B, C; fair F counted 12 registered poor attendees.
 *
 *   C1 start-up      A        made 02-01  paid 02-20 (approved 02-10) 10,000
 *   C2 graduate      A        made 03-01  approved 03-05           2,000
 *   C3 graduate      B        made 03-02  rejected 03-09           (2,000)
 *   C4 emp. service  fair F   made 04-01  approved 04-20, 12 people  600
 *   C5 welfare post  C 2026-05 made 05-01 submitted              (1,200)
 *   C6 welfare post  C 2026-06 made 06-01 approved 07-02, after   (1,200)
 *   C7 welfare post  C 2025-12 made 2025-12-31 approved 01-02, paid 07-10 1,200
 *   C8 start-up      D (长汀 350821, outside) made and approved in the period
 *   C9 welfare ins.  C 2026-01 made 01-05 approved 01-06             600
 */
describe('subsidy figures on hand-made claims (plan §2(1), §2(3), §5(4))', () => {
  let ctx: TestContext;
  let officer: { authorization: string };
  let shanghangOfficer: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    const ids = new Map((await ctx.db.subsidyProgramme.findMany()).map((p) => [p.code, p]));
    const claim = async (
      key: string,
      code: string,
      over: {
        labourerId?: string;
        people?: number;
        region?: string;
        made: string;
        status: SubsidyClaimStatus;
        decided?: string;
        amount: number;
        paidOn?: string;
        paid?: number;
      },
    ) => {
      const programme = ids.get(code)!;
      await ctx.db.subsidyClaim.create({
        data: {
          programmeId: programme.id,
          kind: programme.kind,
          subjectKey: `figures:${key}`,
          regionCode: over.region ?? '350424',
          labourerId: over.labourerId ?? null,
          claimant: programme.claimant,
          claimantName: key,
          people: over.people ?? 1,
          amount: over.amount,
          status: over.status,
          createdAt: at(over.made),
          decidedAt: over.decided ? at(over.decided) : null,
          paidOn: over.paidOn ? new Date(`${over.paidOn}T00:00:00Z`) : null,
          // Paid in full unless the claim says otherwise.
          paidAmount: over.paid ?? (over.paidOn ? over.amount : null),
        },
      });
    };
    await claim('C1', 'startup_support', {
      labourerId: 'A',
      made: '2026-02-01',
      status: 'paid',
      decided: '2026-02-10',
      amount: 10_000,
      paidOn: '2026-02-20',
    });
    await claim('C2', 'graduate_job_seeking', {
      labourerId: 'A',
      made: '2026-03-01',
      status: 'approved',
      decided: '2026-03-05',
      amount: 2000,
    });
    await claim('C3', 'graduate_job_seeking', {
      labourerId: 'B',
      made: '2026-03-02',
      status: 'rejected',
      decided: '2026-03-09',
      amount: 2000,
    });
    await claim('C4', 'employment_service', {
      people: 12,
      made: '2026-04-01',
      status: 'approved',
      decided: '2026-04-20',
      amount: 600,
    });
    await claim('C5', 'public_welfare_post', {
      labourerId: 'C',
      made: '2026-05-01',
      status: 'submitted',
      amount: 1200,
    });
    await claim('C6', 'public_welfare_post', {
      labourerId: 'C',
      made: '2026-06-01',
      status: 'approved',
      decided: '2026-07-02',
      amount: 1200,
    });
    await claim('C7', 'public_welfare_post', {
      labourerId: 'C',
      made: '2025-12-31',
      status: 'paid',
      decided: '2026-01-02',
      amount: 1200,
      paidOn: '2026-07-10',
    });
    await claim('C8', 'startup_support', {
      labourerId: 'D',
      region: '350821',
      made: '2026-02-01',
      status: 'approved',
      decided: '2026-02-02',
      amount: 10_000,
    });
    await claim('C9', 'public_welfare_insurance', {
      labourerId: 'C',
      made: '2026-01-05',
      status: 'approved',
      decided: '2026-01-06',
      amount: 600,
    });
    // 上杭县 350823: the training and appraisal subsidies (plan §3(1)), people E, F, G.
    const shanghang = { region: '350823', status: 'paid' as const };
    await claim('T1', 'training', {
      ...shanghang,
      labourerId: 'E',
      made: '2026-02-01',
      decided: '2026-02-20',
      amount: 800,
      paidOn: '2026-03-01',
      paid: 800,
    });
    await claim('T2', 'appraisal', {
      ...shanghang,
      labourerId: 'E',
      made: '2026-02-01',
      status: 'approved',
      decided: '2026-02-20',
      amount: 300,
    });
    await claim('T3', 'training', {
      ...shanghang,
      labourerId: 'F',
      made: '2026-03-02',
      decided: '2026-06-20',
      amount: 1_600,
      paidOn: '2026-07-01',
      paid: 1_500,
    });
    await claim('T4', 'training', {
      ...shanghang,
      labourerId: 'G',
      made: '2025-12-20',
      decided: '2025-12-28',
      amount: 600,
      paidOn: '2026-01-05',
      paid: 600,
    });
    await claim('T5', 'appraisal', {
      ...shanghang,
      labourerId: 'G',
      made: '2026-04-01',
      decided: '2026-06-30',
      amount: 300,
      paidOn: '2026-06-30',
      paid: 250,
    });
    await claim('T6', 'training', {
      ...shanghang,
      region: '350821',
      labourerId: 'D',
      made: '2026-03-01',
      decided: '2026-03-05',
      amount: 1_000,
      paidOn: '2026-03-10',
      paid: 1_000,
    });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'figures.ninghua' });
    officer = await bearer(ctx, 'figures.ninghua');
    await createUser(ctx.db, { role: 'officer', regionCode: '350823', username: 'figures.shanghang' });
    shanghangOfficer = await bearer(ctx, 'figures.shanghang');
  });
  afterAll(() => ctx.close());

  it('counts claims made, approvals, yuan and people reached over every programme', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators?from=2026-01-01&to=2026-06-30',
      headers: officer,
    });
    expect(response.statusCode, response.body).toBe(200);
    // Made in the period: C1 C2 C3 C4 C5 C6 C9 = 7 (C7 made in 2025, C8 in 长汀).
    // Approved in the period: C1 (paid since) C2 C4 C7 C9 = 5 (C3 rejected, C5 undecided, C6 in July).
    // Yuan: 10,000 + 2,000 + 600 + 1,200 + 600 = 14,400.
    // People: start-up {A} 1 + graduate {A} 1 + fair F's 12 + post {C} 1 + insurance {C} 1 = 16.
    // Paid by 06-30: C1's 10,000 (C7 was paid on 07-10, after the period).
    expect(response.json().values).toMatchObject({
      subsidy_claims: 7,
      subsidy_claims_approved: 5,
      subsidy_claims_amount: 14_400,
      subsidy_claims_paid: 10_000,
      subsidy_people_reached: 16,
    });
  });

  it('splits them per programme, every programme listed', async () => {
    const rows = await subsidyFigures(
      ctx.db,
      '350424',
      new Date('2026-01-01T00:00:00+08:00'),
      new Date('2026-07-01T00:00:00+08:00'),
    );
    const byCode = Object.fromEntries(
      rows.map((r) => [r.programmeCode, [r.claims, r.approvals, r.amount, r.paid, r.people]]),
    );
    expect(byCode).toEqual({
      hiring: [0, 0, 0, 0, 0],
      workshop_award: [0, 0, 0, 0, 0],
      startup_support: [1, 1, 10_000, 10_000, 1],
      public_welfare_post: [2, 1, 1200, 0, 1],
      public_welfare_insurance: [1, 1, 600, 0, 1],
      employment_service: [1, 1, 600, 0, 12],
      graduate_job_seeking: [2, 1, 2000, 0, 1],
      training: [0, 0, 0, 0, 0],
      appraisal: [0, 0, 0, 0, 0],
    });
  });

  type Programme = {
    programmeCode: string;
    claims: number;
    approvals: number;
    amount: number;
    paid: number;
    people: number;
  };
  const made = async (body: object) => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/reports', headers: officer, payload: body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; figures: { values: Record<string, number>; programmes?: Programme[] } };
  };
  const active = (rows: Programme[]) =>
    Object.fromEntries(
      rows
        .filter((r) => r.claims || r.approvals)
        .map((r) => [r.programmeCode, [r.claims, r.approvals, r.amount, r.paid, r.people]]),
    );
  const totals = (rows: Programme[]) => ({
    subsidy_claims: rows.reduce((t, r) => t + r.claims, 0),
    subsidy_claims_approved: rows.reduce((t, r) => t + r.approvals, 0),
    subsidy_claims_amount: rows.reduce((t, r) => t + r.amount, 0),
    subsidy_claims_paid: rows.reduce((t, r) => t + r.paid, 0),
    subsidy_people_reached: rows.reduce((t, r) => t + r.people, 0),
  });
  let quarterly: Awaited<ReturnType<typeof made>>;

  it('stores the per-programme table with the social-security group’s quarterly report, adding up to the §2(1) indicators (plan §4, 七(一))', async () => {
    quarterly = await made({ kind: 'quarterly', group: 'social_security', year: 2026, quarter: 1 });
    // 2026 Q1 (01-01 … 03-31), 宁化县 only (C8 is 长汀's):
    //   start-up   C1 made 02-01, approved 02-10, paid 02-20        → 1 made, 1 approved, 10,000, paid 10,000, {A}
    //   graduate   C2 made and approved in March; C3 made, rejected  → 2 made, 1 approved, 2,000, paid 0, {A}
    //   post       C7 made in 2025, approved 01-02, paid 07-10 (after) → 0 made, 1 approved, 1,200, paid 0, {C}
    //   insurance  C9 made 01-05, approved 01-06                     → 1 made, 1 approved, 600, paid 0, {C}
    //   emp. service C4 made 04-01, approved 04-20: outside the quarter.
    const rows = quarterly.figures.programmes!;
    expect(active(rows)).toEqual({
      startup_support: [1, 1, 10_000, 10_000, 1],
      graduate_job_seeking: [2, 1, 2000, 0, 1],
      public_welfare_post: [0, 1, 1200, 0, 1],
      public_welfare_insurance: [1, 1, 600, 0, 1],
    });
    expect(rows).toHaveLength(9);
    // Totals by hand: made 4, approved 4, yuan 13,800, paid 10,000, people 4 — the indicators' values.
    expect(totals(rows)).toEqual({
      subsidy_claims: 4,
      subsidy_claims_approved: 4,
      subsidy_claims_amount: 13_800,
      subsidy_claims_paid: 10_000,
      subsidy_people_reached: 4,
    });
    expect(quarterly.figures.values).toMatchObject(totals(rows));
  });

  it('stores it with the yearly report too, and not with another group’s quarterly report', async () => {
    const yearly = await made({ kind: 'yearly', year: 2026 });
    // 01-01 … 09-30: add C4 (fair F, 12 people) and C5, C6 on the post (C6 approved 07-02) and C7's
    // payment on 07-10; the post reaches C once: 2 made, 2 approved, 2,400, paid 1,200, 1 person.
    expect(active(yearly.figures.programmes!)).toEqual({
      startup_support: [1, 1, 10_000, 10_000, 1],
      graduate_job_seeking: [2, 1, 2000, 0, 1],
      employment_service: [1, 1, 600, 0, 12],
      public_welfare_post: [2, 2, 2400, 1200, 1],
      public_welfare_insurance: [1, 1, 600, 0, 1],
    });
    const byHand = {
      subsidy_claims: 7,
      subsidy_claims_approved: 6,
      subsidy_claims_amount: 15_600,
      subsidy_claims_paid: 11_200,
      subsidy_people_reached: 16,
    };
    expect(totals(yearly.figures.programmes!)).toEqual(byHand);
    expect(yearly.figures.values).toMatchObject(byHand);
    const employment = await made({ kind: 'quarterly', group: 'employment', year: 2026, quarter: 1 });
    expect(employment.figures.programmes).toBeUndefined();
    const none = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${employment.id}/export?table=programmes`,
      headers: officer,
    });
    expect(none.statusCode).toBe(404);
  });

  it('shows the table with its total and chart data on the report page, and exports it as the third table', async () => {
    const client = await new PageClient(ctx).signIn('figures.ninghua');
    const page = await client.get(`/reports/${quarterly.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('各项补贴分项目情况');
    expect(page.body).toContain('id="report-programmes-data"');
    expect(page.body).toMatch(
      /合计<\/th><td class="num">4<\/td><td class="num">4<\/td><td class="num">13,800<\/td><td class="num">10,000<\/td><td class="num">4<\/td>/,
    );
    const csv = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${quarterly.id}/export?format=csv&table=programmes`,
      headers: officer,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('项目代码,补贴项目,申领笔数,核准笔数,核准金额（元）,已发放金额（元）,惠及人次');
    expect(lines.find((l) => l.startsWith('startup_support,'))).toMatch(/,1,1,10000,10000,1$/);
    expect(lines).toHaveLength(10);
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${quarterly.id}/export?format=xlsx&table=programmes&lang=en`,
      headers: officer,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audits = await ctx.db.auditLog.findMany({ where: { action: 'report.export', entityId: quarterly.id } });
    expect(audits.map((a) => (a.details as { table: string }).table)).toEqual(['programmes', 'programmes']);
  });

  it('keeps the filed figures when the claims change later', async () => {
    // C2 is paid after the report was made: the live figures move, the stored table does not.
    await ctx.db.subsidyClaim.update({
      where: { subjectKey: 'figures:C2' },
      data: { status: 'paid', paidAmount: 2000, paidOn: new Date('2026-03-20T00:00:00Z') },
    });
    const live = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators?from=2026-01-01&to=2026-03-31',
      headers: officer,
    });
    expect(live.json().values.subsidy_claims_paid).toBe(12_000);
    const stored = await ctx.app.inject({ method: 'GET', url: `/api/v1/reports/${quarterly.id}`, headers: officer });
    expect(stored.json().figures.programmes).toEqual(quarterly.figures.programmes);
    expect(stored.json().figures.values.subsidy_claims_paid).toBe(10_000);
  });

  /**
   * Training and appraisal subsidies (plan §3(1) 符合条件的给予职业培训补贴和职业技能鉴定补贴) of 上杭县
   * 350823, half-year 2026-01-01 … 2026-06-30 (a payment by its day):
   *
   *   T1 training   E  made 02-01  paid 03-01            800 (800 paid)
   *   T2 appraisal  E  made 02-01  approved, not paid    300
   *   T3 training   F  made 03-02  paid 07-01, after     1,600 (1,500 paid)
   *   T4 training   G  made 2025-12-20  paid 01-05       600 (600 paid)
   *   T5 appraisal  G  made 04-01  paid 06-30, the last day  300 (250 paid)
   *   T6 training   D  in 长汀 350821, outside
   */
  it('counts the training and appraisal subsidies claimed and paid, in claims and yuan', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators?from=2026-01-01&to=2026-06-30',
      headers: shanghangOfficer,
    });
    expect(response.statusCode, response.body).toBe(200);
    // Made in the period: T1, T2, T3, T5 = 4, for 800 + 300 + 1,600 + 300 = 3,000 yuan.
    // Paid in the period: T1 (03-01), T4 (01-05), T5 (06-30) = 3, for 800 + 600 + 250 = 1,650 yuan;
    // T3 was paid on 1 July.
    expect(response.json().values).toMatchObject({
      training_subsidy_claims: 4,
      training_subsidy_claimed_amount: 3_000,
      training_subsidy_paid: 3,
      training_subsidy_paid_amount: 1_650,
    });
  });
});
