import { describe, expect, it } from 'vitest';
import { parseChinaTime } from '../platform/time/china-time.ts';
import {
  claimAmount,
  runChecks,
  subjectKey,
  type GraduateFacts,
  type HireFacts,
  type PersonFacts,
  type RuleSetting,
} from './claim-rules.ts';
import { amountForLevel, levelAmountsOf } from './certificate-levels.ts';

const today = parseChinaTime('2026-07-15T10:00');
const setting: RuleSetting = {
  active: true,
  amount: 1000,
  cap: null,
  qualifyingMonths: 6,
  bonus: 500,
  periodFrom: null,
  periodTo: null,
};
const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  id: 'p1',
  regionCode: '350821',
  povertyStatus: 'registered',
  povertyYear: null,
  erasedAt: null,
  ...over,
});
const hire = (over: Partial<HireFacts> = {}): HireFacts => ({
  id: 'a1',
  status: 'started',
  startedAt: parseChinaTime('2026-01-15'),
  leftAt: null,
  publicWelfarePost: false,
  employerKind: 'company',
  person: person(),
  ...over,
});
const failed = (checks: { rule: string; passed: boolean }[]) => checks.filter((c) => !c.passed).map((c) => c.rule);

describe('claim rules', () => {
  it('grants start-up support to a registered poor person or a returning migrant worker with a business', () => {
    const business = { registeredOn: parseChinaTime('2026-03-01'), returningMigrant: false };
    expect(
      failed(runChecks('first_business_of_poor_or_returning', { person: person(), business }, setting, today)),
    ).toEqual([]);
    expect(
      failed(runChecks('first_business_of_poor_or_returning', { person: person(), business: null }, setting, today)),
    ).toEqual(['business_registered']);
    const notPoor = person({ povertyStatus: 'unconfirmed' });
    expect(
      failed(runChecks('first_business_of_poor_or_returning', { person: notPoor, business }, setting, today)),
    ).toEqual(['registered_poor_or_returning_migrant']);
    const returning = { ...business, returningMigrant: true };
    expect(
      failed(
        runChecks('first_business_of_poor_or_returning', { person: notPoor, business: returning }, setting, today),
      ),
    ).toEqual([]);
  });

  it('keeps the hiring subsidy off public-welfare posts and hires short of the qualifying months', () => {
    expect(failed(runChecks('hire_of_registered_poor_kept', { hire: hire() }, setting, today))).toEqual([]);
    expect(
      failed(runChecks('hire_of_registered_poor_kept', { hire: hire({ publicWelfarePost: true }) }, setting, today)),
    ).toEqual(['not_public_welfare_post']);
    const late = hire({ startedAt: parseChinaTime('2026-01-16') });
    expect(failed(runChecks('hire_of_registered_poor_kept', { hire: late }, setting, today))).toEqual([
      'kept_qualifying_months',
    ]);
  });

  it('pays a public-welfare post for the months in the post, not before the start, after the leave or ahead', () => {
    const post = hire({
      publicWelfarePost: true,
      startedAt: parseChinaTime('2026-03-20'),
      leftAt: parseChinaTime('2026-05-10'),
      status: 'left',
    });
    const month = (m: string) =>
      failed(runChecks('in_public_welfare_post_in_month', { hire: post, month: m }, setting, today));
    expect(month('2026-03')).toEqual([]);
    expect(month('2026-05')).toEqual([]);
    expect(month('2026-02')).toEqual(['in_post_that_month']);
    expect(month('2026-06')).toEqual(['in_post_that_month']);
    const current = hire({ publicWelfarePost: true });
    expect(
      failed(runChecks('in_public_welfare_post_in_month', { hire: current, month: '2026-08' }, setting, today)),
    ).toEqual(['in_post_that_month']);
  });

  // Plan §5(4): 毕业年度内有就业创业意愿并积极求职创业的建档立卡贫困家庭毕业生, one claim of 2,000 yuan.
  // The facts are the graduates module's record, not the registry's graduation year. Today is
  // 2026-07-15 (Beijing), so the graduation year that qualifies is 2026.
  it('gives the graduate subsidy on a graduate record of this year of a poor family seeking work, and names each failed check', () => {
    const record = (over: Partial<GraduateFacts> = {}): GraduateFacts => ({
      graduateId: 'g1',
      graduationYear: 2026,
      schoolKind: 'college',
      wish: 'job',
      status: 'left_without_work',
      ...over,
    });
    const claim = (facts: Parameters<typeof runChecks>[1], s = setting) =>
      failed(runChecks('poor_family_graduate_in_year', facts, s, today));
    // A 2026 college graduate of a registered poor family who left without work: every check passes.
    expect(claim({ person: person(), graduate: record() })).toEqual([]);
    // A start-up wish, or already employed in the year, still qualifies (有就业创业意愿).
    expect(claim({ person: person(), graduate: record({ wish: 'start_up', status: 'employed' }) })).toEqual([]);
    // No record on the graduates' register: refused, whatever the registry says.
    expect(claim({ person: person(), graduate: null })).toEqual(['graduate_record']);
    expect(claim({ person: person() })).toEqual(['graduate_record']);
    // Graduated in 2025: outside the graduation year.
    expect(claim({ person: person(), graduate: record({ graduationYear: 2025 }) })).toEqual(['graduation_year']);
    // Further study, as a wish or as what became of them: not seeking work.
    expect(claim({ person: person(), graduate: record({ wish: 'further_study' }) })).toEqual(['seeks_job_or_business']);
    expect(claim({ person: person(), graduate: record({ status: 'further_study' }) })).toEqual([
      'seeks_job_or_business',
    ]);
    // Not (or no longer) a registered poor family, and 2025: two reasons, both named.
    expect(
      claim({ person: person({ povertyStatus: 'unconfirmed' }), graduate: record({ graduationYear: 2025 }) }),
    ).toEqual(['registered_poor', 'graduation_year']);
    // The programme ended on 2026-06-30.
    const ended = { ...setting, periodTo: new Date('2026-06-30T00:00:00Z') };
    expect(claim({ person: person(), graduate: record() }, ended)).toEqual(['in_programme_period']);
  });

  it('counts a fair only when registered poor labourers came', () => {
    expect(
      failed(runChecks('fair_served_poor', { fair: { status: 'closed', poorAttendees: 3 } }, setting, today)),
    ).toEqual([]);
    expect(
      failed(runChecks('fair_served_poor', { fair: { status: 'cancelled', poorAttendees: 0 } }, setting, today)),
    ).toEqual(['fair_exists', 'served_poor_labourers']);
  });

  it('prices once, per person with the workshop bonus, per person-month, within the cap', () => {
    expect(claimAmount('fixed', { amount: 12_000, cap: 10_000, bonus: null }, 1)).toBe(10_000);
    // A region that configured a 500 bonus: 1,000 + 500 for a workshop; the default bonus 0 gives 1,000.
    expect(claimAmount('per_person', setting, 1, 'poverty_workshop')).toBe(1500);
    expect(claimAmount('per_person', { ...setting, bonus: 0 }, 2, 'poverty_workshop')).toBe(2000);
    expect(claimAmount('per_person', setting, 1, 'company')).toBe(1000);
    expect(claimAmount('per_person', { amount: 50, cap: 500, bonus: null }, 12)).toBe(500);
    expect(claimAmount('per_month', { amount: 1200, cap: null, bonus: null }, 1)).toBe(1200);
  });

  it('names each claim subject once: person, hire, hire-month, fair, certificate', () => {
    expect(subjectKey('startup_support', 'person', { labourerId: 'p1' })).toBe('startup_support:person:p1');
    expect(subjectKey('public_welfare_post', 'hire_month', { applicationId: 'a1', month: '2026-03' })).toBe(
      'public_welfare_post:hire:a1:2026-03',
    );
    expect(subjectKey('training', 'reference', { reference: 'CERT-9' })).toBe('training:ref:CERT-9');
    expect(subjectKey('public_welfare_post', 'hire_month', { applicationId: 'a1' })).toBeNull();
  });
});

describe('amounts per certificate level', () => {
  const setting = { amount: 1_000, levelAmounts: { junior: 800, senior: 1_600 } };
  it('takes the amount set for the level, and the base amount for a level without one or no level', () => {
    expect(amountForLevel(setting, 'junior')).toEqual({ amount: 800, byLevel: true });
    expect(amountForLevel(setting, 'senior')).toEqual({ amount: 1_600, byLevel: true });
    expect(amountForLevel(setting, 'technician')).toEqual({ amount: 1_000, byLevel: false });
    expect(amountForLevel(setting, null)).toEqual({ amount: 1_000, byLevel: false });
  });

  it('reads stored amounts of known levels only, in the levels’ order', () => {
    expect(levelAmountsOf({ senior: 1_600, master: 5, junior: 800, intermediate: -1 })).toEqual({
      junior: 800,
      senior: 1_600,
    });
    expect(levelAmountsOf(null)).toEqual({});
    expect(levelAmountsOf([1, 2])).toEqual({});
  });
});
