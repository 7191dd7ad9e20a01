import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { seedReportsFixture } from '../helpers/reports-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { INDICATORS } from '../../services/reports/indicators.ts';

/**
 * Every indicator of the fixture (tests/helpers/reports-fixture.ts) counted by hand.
 * Period 2026-01-01 … 2026-06-30 (Beijing days): before today, so stocks come from the history.
 */
describe('indicators against hand-computed values', () => {
  let ctx: TestContext;
  let admin: { authorization: string };
  let county: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedReportsFixture(ctx.db);
    await createUser(ctx.db, { role: 'admin', username: 'rep.admin' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'rep.changting' });
    admin = await bearer(ctx, 'rep.admin');
    county = await bearer(ctx, 'rep.changting');
  });
  afterAll(() => ctx.close());

  const get = async (headers: { authorization: string }, query: string) => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/v1/indicators?${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('computes every indicator of the province for a past half-year from the dated history', async () => {
    const set = await get(admin, 'regionCode=35&from=2026-01-01&to=2026-06-30');
    expect(set.source).toBe('history');
    expect(set.regionName).toBe('福建省');
    // L4 registers on 15 July: six people at the end of June. L2 became unemployed at 01:00 on
    // 1 July Beijing time (still 30 June in UTC) and counts as employed. All are men (working age
    // 16–59 on 30 June 2026: born 1966-07-01 … 2010-06-30).
    expect(set.values).toEqual({
      labourers: 6,
      status_unemployed: 0,
      status_employed_local: 1,
      status_transferred_in_province: 1,
      status_transferred_out_province: 1,
      status_self_employed: 0,
      status_public_welfare_post: 1,
      status_in_training: 1,
      status_not_in_labour_force: 1,
      // §1(2) base: working age, able, in work or wanting it. L3 (76, not in the labour force) is
      // out; L1, L2, L5, L6 are in work (L5 wants no job, but works); L7 is training and wants one.
      labour_force: 5,
      labour_force_employed: 4, // L1, L2, L5, L6
      employed: 4,
      employed_share: 80, // 4 ÷ 5
      transfers_in_province_new: 1, // L5 on 5 May
      transfers_out_province_new: 1, // L1 on 10 March
      // §2(3): wanting work and not in work on 30 June: only L7 (L1, L2, L6 work; L3 and L5 want
      // none; L4 is not registered yet). L7's push is on 25 July: 0 of 1. Pushes to people in
      // work (L1, L6) no longer count.
      willing: 1,
      pushed: 0,
      push_coverage: 0,
      applications: 2, // made in February; L7's was in December, L6's in July
      hires: 3, // L7's hire on 5 January counts though the application is older
      starts: 2,
      subsidy_approved: 2, // 1 April and 30 June 23:00 Beijing; the rejected one is left out
      subsidy_amount: 2500,
      fairs_held: 2, // 长汀 in March and the cooperation fair for 龙岩 in 贵阳; cancelled and August ones left out
      fair_registrations: 3,
      fair_attendance: 2,
      fair_intentions: 2, // an offer and an intention; the interview does not count
      trainings_completed: 2, // ended February and May; L6's ends in July
      trainings_passed: 1,
      certificates_issued: 0, // §3(1): L1's March electrician permit is an operating licence
      labourers_certified: 1, // L5's cook skill level (2024); L2's is issued in August
      pension_eligible: 6, // all six are 16 or older
      pension_covered: 4, // L1, L3, L5, L7
      pension_coverage: 66.7,
      unemployment_insured: 1,
      // Insurance casework (today's record, insurance-indicators.ts): L3 is 76, not recorded as
      // receiving the pension; nobody with 代缴; no cases.
      pension_60_plus: 1,
      pension_60_plus_receiving: 0,
      pension_60_plus_receiving_share: 0,
      pension_government_paid: 0,
      insurance_cases_open: 0,
      insurance_cases_open_uninsured: 0,
      insurance_cases_open_pension_60_plus: 0,
      insurance_cases_open_government_paid: 0,
      insurance_cases_open_home_visit: 0,
      insurance_cases_open_missing_papers: 0,
      insurance_cases_open_unemployment_insurance: 0,
      insurance_cases_open_work_injury: 0,
      // The claim engine (§2(1) …): the fixture's three hiring claims were made today (December),
      // outside the half-year; two were approved within it (1 April, 30 June), for two people.
      subsidy_claims: 0,
      subsidy_claims_approved: 2,
      subsidy_claims_amount: 2500,
      // Neither approval is marked paid.
      subsidy_claims_paid: 0,
      subsidy_people_reached: 2,
      // §5(4) graduates module and §5(1)/§5(4)/§6(1) talent module: the fixture records none.
      grad_registered: 0,
      grad_status_in_school: 0,
      grad_status_left_without_work: 0,
      grad_status_employed: 0,
      grad_status_started_business: 0,
      grad_status_further_study: 0,
      grad_paired: 0,
      grad_employed_3m: 0,
      grad_employed_6m: 0,
      grad_paired_employed_3m: 0,
      grad_paired_employed_6m: 0,
      szyf_posts: 0,
      szyf_recruited: 0,
      szyf_key_county_posts: 0,
      szyf_placed_key_county: 0,
      szyf_completed: 0,
      szyf_township_hire: 0,
      szyf_target_total: 0,
      szyf_target_key_county: 0,
      szyf_service_due: 0,
      szyf_trained: 0,
      catalogue_posts: 0,
      catalogue_filled: 0,
      catalogue_reserved: 0,
      catalogue_reserved_filled: 0,
      campaign_posts: 0,
      campaign_filled: 0,
      campaign_reserved: 0,
      campaign_reserved_filled: 0,
      linked_items: 0,
      linked_items_done: 0,
      linked_projects_progress: 0,
      linked_pairings: 0,
      linked_pairing_amount: 0,
      // §1(2)/§3(3) technical-school places (training module): the fixture records none.
      tech_school_wished: 0,
      tech_school_placed: 0,
      tech_school_enrolled: 0,
      tech_school_placement_rate: 0,
      tech_school_in_school: 0,
      tech_school_fee_waived: 0,
      tech_school_aided: 0,
      tech_school_aid_coverage: 0,
      // §3(3) 优先推荐就业: nobody graduated from a technical school in the half-year.
      tech_school_graduated: 0,
      tech_school_graduates_placed: 0,
      tech_school_graduate_placement_rate: 0,
      // §1(2)/§3 skills figures (training module): nobody has a training wish, a course or a plan
      // certificate of the half-year (L1's electrician permit is an operating licence); no training or
      // appraisal claims; no targets set. Done since 1 January: the training records of L1 (ended
      // February) and L7 (May) = 2 upgrading trainings and 2 registered poor people trained; L6's
      // ends in July.
      training_wished: 0,
      training_wished_reached: 0,
      training_wish_coverage: 0,
      training_offered: 0,
      training_enrolled: 0,
      training_course_completed: 0,
      training_certified: 0,
      training_certified_employed_90d: 0,
      training_subsidy_claims: 0,
      training_subsidy_claimed_amount: 0,
      training_subsidy_paid: 0,
      training_subsidy_paid_amount: 0,
      training_target_upgrading_trainings: 0,
      training_done_upgrading_trainings: 2,
      training_progress_upgrading_trainings: 0,
      training_target_people_trained: 0,
      training_done_people_trained: 2,
      training_progress_people_trained: 0,
      training_target_people_certified: 0,
      training_done_people_certified: 0,
      training_progress_people_certified: 0,
      graduates: 1, // §5(4): L6, bachelor of 2026; L1's college year is not recorded
      graduates_employed: 1, // L6 on a public-welfare post
      coop_agreements: 1, // 宁化's agreement is for 2025
      coop_fairs_target: 2,
      coop_fairs_done: 1,
      coop_transfers_target: 10,
      coop_transfers_done: 1, // L1 arrived in April; L2 never, L3 in July
      coop_household_placements_target: 3,
      coop_household_placements_done: 1,
      coop_trainings_target: 5,
      coop_trainings_done: 1,
      // Dynamic management is as of today: every record of this fixture was written just now
      // (hand-made figures in tests/api/labourers.freshness.test.ts).
      records_fresh_share: 100,
      records_stale: 0,
      no_contact_year: 0,
    });
  });

  it('defines every indicator it computes, and computes every indicator it defines', async () => {
    const set = await get(admin, 'regionCode=35&from=2026-01-01&to=2026-06-30');
    expect(Object.keys(set.values).sort()).toEqual(INDICATORS.map((d) => d.id).sort());
    const definitions = await ctx.app.inject({ method: 'GET', url: '/api/v1/indicators/definitions', headers: admin });
    expect(definitions.json().items).toHaveLength(INDICATORS.length);
  });

  it('ranks the counties and lists the cities of the province', async () => {
    const set = await get(admin, 'regionCode=35&from=2026-01-01&to=2026-06-30');
    // 长汀 and 上杭 both at 100 % and 0 % coverage (nobody seeking work): code order breaks the tie.
    expect(set.counties.map((c: { code: string }) => c.code)).toEqual(['350821', '350823', '350424']);
    const byCode = Object.fromEntries(set.counties.map((c: { code: string }) => [c.code, c]));
    expect(byCode['350821']).toMatchObject({
      labourers: 3,
      labourForce: 2, // L1, L2 (L3 is 76 and not in the labour force)
      employed: 2,
      employedShare: 100,
      willing: 0,
      pushed: 0,
      pushCoverage: 0,
    });
    expect(byCode['350823']).toMatchObject({
      labourers: 2,
      employed: 2,
      employedShare: 100,
      willing: 0, // L5 wants no job; L6 works
      pushed: 0,
      pushCoverage: 0,
    });
    expect(byCode['350424']).toMatchObject({
      labourers: 1,
      employed: 0,
      employedShare: 0,
      willing: 1,
      pushCoverage: 0,
    });
    const cities = Object.fromEntries(set.children.map((c: { code: string }) => [c.code, c]));
    expect(cities['3508']).toMatchObject({ labourers: 5, employed: 4, employedShare: 100 });
    expect(cities['3504']).toMatchObject({ labourers: 1, employedShare: 0 });
  });

  it('draws the trend from month-end snapshots computed from the history', async () => {
    const set = await get(admin, 'regionCode=35&from=2026-01-01&to=2026-06-30');
    expect(set.trend).toHaveLength(12);
    const month = (m: string) => set.trend.find((p: { month: string }) => p.month === m);
    expect(month('2025-07')).toMatchObject({ labourers: 1, labourForce: 1, employed: 1, employedShare: 100 });
    // 31 Dec: L1, L2, L5 unemployed, L7 self-employed; L5 wants no job, so the base is 3: 1 ÷ 3.
    expect(month('2025-12')).toMatchObject({ labourers: 4, labourForce: 3, employed: 1, employedShare: 33.3 });
    // 28 Feb: L2, L6, L7 work, L1 seeks; L3 out of the labour force, L5 wants none: 3 ÷ 4.
    expect(month('2026-02')).toMatchObject({ labourers: 6, labourForce: 4, employed: 3, employedShare: 75 });
    expect(month('2026-06')).toMatchObject({ labourers: 6, labourForce: 5, employed: 4, employedShare: 80 });
    // 长汀 has people from November 2025 on: eight month-ends.
    expect(await ctx.db.indicatorSnapshot.count({ where: { regionCode: '350821', indicator: 'employed' } })).toBe(8);
  });

  it('reads the registry’s current state when the period ends today', async () => {
    const set = await get(admin, 'regionCode=35');
    expect(set.source).toBe('live');
    expect(set.values).toMatchObject({
      labourers: 7,
      status_unemployed: 2, // L2 since July, L4
      // L4 (born 2011) is 15 and L3 out: L1, L2, L5, L6, L7.
      labour_force: 5,
      labour_force_employed: 3, // L1, L5, L6
      employed: 3,
      employed_share: 60, // 3 ÷ 5
      willing: 3, // L2, L4 unemployed and L7 training, all wanting work
      pushed: 3, // L2 (10 July), L4 (20 July), L7 (25 July): every one of them, 100 %
      push_coverage: 100,
      // January to October from the month snapshots, November so far live.
      applications: 3, // L6's in July too
      hires: 3,
      trainings_completed: 3, // L6's ended in July
      trainings_passed: 2,
      certificates_issued: 1, // L2's elder-care skill level in August; L1's permit is not counted
      subsidy_amount: 2500,
    });
  });

  it('narrows to a city and to a county', async () => {
    const city = await get(admin, 'regionCode=3508&from=2026-01-01&to=2026-06-30');
    expect(city.values).toMatchObject({ labourers: 5, employed: 4, fairs_held: 2, coop_agreements: 1, hires: 2 });
    expect(city.children.map((c: { code: string }) => c.code)).toContain('350821');
    const changting = await get(county, 'from=2026-01-01&to=2026-06-30');
    expect(changting.regionCode).toBe('350821');
    expect(changting.values).toMatchObject({
      labourers: 3,
      employed: 2,
      fairs_held: 1, // the cooperation fair belongs to the city
      fair_registrations: 2,
      coop_agreements: 0, // the agreement is the city's
      applications: 2,
      subsidy_amount: 2500,
    });
    expect(changting.children).toEqual([]);
  });

  it('refuses a county officer another county’s or the city’s figures', async () => {
    for (const region of ['350823', '3508', '35']) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/indicators?regionCode=${region}`,
        headers: county,
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('rejects a period that ends before it starts, and an unknown region', async () => {
    const backwards = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators?regionCode=35&from=2026-06-30&to=2026-01-01',
      headers: admin,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details).toEqual([expect.objectContaining({ field: 'to', code: 'period_order' })]);
    const unknown = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators?regionCode=359999',
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('needs an officer or an admin', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/v1/indicators' });
    expect(anonymous.statusCode).toBe(401);
  });
});
