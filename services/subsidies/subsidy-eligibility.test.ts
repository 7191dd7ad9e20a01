import { describe, expect, it } from 'vitest';
import { parseChinaTime } from '../platform/time/china-time.ts';
import { type HireForSubsidy, ineligibility, monthsInWork, subsidyAmount } from './subsidy-eligibility.ts';
import { DEFAULT_SUBSIDY_RULES as rules } from './subsidy-settings.ts';

const today = parseChinaTime('2025-07-15T10:00');
const hire = (over: Partial<HireForSubsidy> = {}): HireForSubsidy => ({
  status: 'started',
  startedAt: parseChinaTime('2025-01-15'),
  leftAt: null,
  povertyStatus: 'registered',
  povertyYear: null,
  publicWelfarePost: false,
  erased: false,
  decided: false,
  ...over,
});

describe('hiring subsidy eligibility', () => {
  it('grants it on the day six months are full, not the day before', () => {
    expect(ineligibility(hire(), rules, today)).toBeNull();
    expect(ineligibility(hire({ startedAt: parseChinaTime('2025-01-16') }), rules, today)).toBe('too_short');
    expect(monthsInWork(hire(), today)).toBe(6);
    expect(monthsInWork(hire({ startedAt: parseChinaTime('2025-01-16') }), today)).toBe(5);
  });

  it('keeps it for someone who left after the qualifying months, not before', () => {
    expect(ineligibility(hire({ status: 'left', leftAt: parseChinaTime('2025-07-15') }), rules, today)).toBeNull();
    expect(ineligibility(hire({ status: 'left', leftAt: parseChinaTime('2025-07-14') }), rules, today)).toBe(
      'left_early',
    );
    expect(monthsInWork(hire({ status: 'left', leftAt: parseChinaTime('2025-04-20') }), today)).toBe(3);
  });

  it('counts people lifted out of poverty but nobody outside the registry', () => {
    expect(ineligibility(hire({ povertyStatus: 'lifted_out' }), rules, today)).toBeNull();
    expect(ineligibility(hire({ povertyStatus: null }), rules, today)).toBe('not_poor');
  });

  it('follows the one registered-poor definition (plan §1(2), 脱贫不脱政策 within the plan period)', () => {
    // A self-registrant is not poor until confirmed; lifted out in 2019 keeps the policy, in 2016 not.
    expect(ineligibility(hire({ povertyStatus: 'unconfirmed' }), rules, today)).toBe('not_poor');
    expect(ineligibility(hire({ povertyStatus: 'lifted_out', povertyYear: 2019 }), rules, today)).toBeNull();
    expect(ineligibility(hire({ povertyStatus: 'lifted_out', povertyYear: 2016 }), rules, today)).toBe('not_poor');
  });

  it('leaves public-welfare posts to 社保补贴 and 岗位补贴 (plan §2(1))', () => {
    expect(ineligibility(hire({ publicWelfarePost: true }), rules, today)).toBe('public_welfare_post');
  });

  it('refuses erased people, hires that never started and hires already decided', () => {
    expect(ineligibility(hire({ erased: true }), rules, today)).toBe('erased');
    expect(ineligibility(hire({ status: 'hired', startedAt: null }), rules, today)).toBe('not_started');
    expect(ineligibility(hire({ decided: true }), rules, today)).toBe('decided');
  });

  it('follows the configured months', () => {
    const twelve = { ...rules, qualifyingMonths: 12 };
    expect(ineligibility(hire(), twelve, today)).toBe('too_short');
  });

  it('pays workshops the plain amount by default (their award is a separate programme)', () => {
    // Defaults: 1,000 yuan per person, bonus 0 → a workshop gets 1,000 + 0 = 1,000, like a company.
    expect(subsidyAmount(rules, 'poverty_workshop')).toBe(1000);
    expect(subsidyAmount(rules, 'company')).toBe(1000);
  });

  it('adds a configured bonus for poverty-alleviation workshops and bases only', () => {
    // A region adding 500: 1,000 + 500 = 1,500 for a workshop or base, 1,000 for a company.
    const withBonus = { ...rules, workshopBonus: 500 };
    expect(subsidyAmount(withBonus, 'poverty_workshop')).toBe(1500);
    expect(subsidyAmount(withBonus, 'poverty_base')).toBe(1500);
    expect(subsidyAmount(withBonus, 'company')).toBe(1000);
    expect(subsidyAmount({ ...rules, amountPerPerson: 800, workshopBonus: 0 }, 'poverty_workshop')).toBe(800);
  });
});
