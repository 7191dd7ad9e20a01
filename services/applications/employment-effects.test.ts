import { describe, expect, it } from 'vitest';
import { applyRefusal } from './apply-rules.ts';
import {
  addMonths,
  chinaDate,
  chinaDateTime,
  parseChinaTime,
  wholeMonthsBetween,
} from '../platform/time/china-time.ts';
import { employmentStatusForHire, isEarlyLeave, retentionTotals } from './employment-effects.ts';

const d = (iso: string) => new Date(iso);

describe('employment status after a hire', () => {
  it.each([
    ['350821', '350821100201', 'employed_local'],
    ['350821100', '350821', 'employed_local'],
    ['350203', '350821100', 'transferred_in_province'],
    ['640104', '350821', 'transferred_out_province'],
    ['350821', '640104', 'transferred_out_province'],
  ])('work in %s for a household in %s is %s', (work, home, status) => {
    expect(employmentStatusForHire({ regionCode: work, publicWelfarePost: false }, home)).toBe(status);
  });

  it('makes a hire into a public-welfare post public_welfare_post wherever it is (plan §2(1) 托底安置)', () => {
    expect(employmentStatusForHire({ regionCode: '350821', publicWelfarePost: true }, '350821100201')).toBe(
      'public_welfare_post',
    );
    expect(employmentStatusForHire({ regionCode: '350203', publicWelfarePost: true }, '350821')).toBe(
      'public_welfare_post',
    );
  });
});

describe('Beijing time', () => {
  it('reads form dates and times as Beijing time and shows them so', () => {
    expect(parseChinaTime('2025-03-01').toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(parseChinaTime('2025-03-01T09:30').toISOString()).toBe('2025-03-01T01:30:00.000Z');
    expect(parseChinaTime('2025-03-01T09:30:00Z').toISOString()).toBe('2025-03-01T09:30:00.000Z');
    expect(chinaDate(d('2025-02-28T16:00:00Z'))).toBe('2025-03-01');
    expect(chinaDateTime(d('2025-03-01T01:30:00Z'))).toBe('2025-03-01 09:30');
    expect(chinaDate(null)).toBeNull();
  });

  it('adds calendar months on the Beijing calendar, kept within the month', () => {
    expect(chinaDate(addMonths(parseChinaTime('2025-01-15'), 6))).toBe('2025-07-15');
    expect(chinaDate(addMonths(parseChinaTime('2024-08-31'), 6))).toBe('2025-02-28');
    expect(chinaDate(addMonths(parseChinaTime('2023-08-31'), 6))).toBe('2024-02-29');
    expect(chinaDate(addMonths(parseChinaTime('2025-03-31'), 1))).toBe('2025-04-30');
    expect(chinaDate(addMonths(parseChinaTime('2025-07-15'), -6))).toBe('2025-01-15');
  });

  it('counts whole months in work', () => {
    const start = parseChinaTime('2025-01-15');
    expect(wholeMonthsBetween(start, parseChinaTime('2025-07-14'))).toBe(5);
    expect(wholeMonthsBetween(start, parseChinaTime('2025-07-15'))).toBe(6);
    expect(wholeMonthsBetween(parseChinaTime('2025-01-31'), parseChinaTime('2025-02-28'))).toBe(1);
    expect(wholeMonthsBetween(start, parseChinaTime('2024-12-01'))).toBe(0);
  });
});

describe('retention', () => {
  const hire = (over: Partial<Parameters<typeof isEarlyLeave>[0]>) => ({
    status: 'started' as const,
    hiredAt: d('2025-01-01T02:00:00Z'),
    startedAt: d('2025-01-06T02:00:00Z'),
    leftAt: null,
    ...over,
  });

  it('calls a leave within three months of the start early, and one after it not', () => {
    expect(isEarlyLeave(hire({ status: 'left', leftAt: d('2025-04-05T02:00:00Z') }))).toBe(true);
    expect(isEarlyLeave(hire({ status: 'left', leftAt: d('2025-04-06T02:00:00Z') }))).toBe(false);
    expect(isEarlyLeave(hire({ status: 'left', startedAt: null, leftAt: d('2025-01-10T02:00:00Z') }))).toBe(true);
    expect(isEarlyLeave(hire({}))).toBe(false);
  });

  it('counts hires, people in work, early leaves and a rate over hires whose three months are over', () => {
    const now = d('2025-06-01T00:00:00Z');
    const totals = retentionTotals(
      [
        hire({}), // started in January, still in work: retained
        hire({ status: 'left', leftAt: d('2025-02-01T00:00:00Z') }), // early leave
        hire({ status: 'left', leftAt: d('2025-05-01T00:00:00Z') }), // left after four months: retained
        hire({ status: 'hired', hiredAt: d('2025-05-20T00:00:00Z'), startedAt: null }), // too recent for the rate
        hire({ status: 'rejected', hiredAt: null, startedAt: null }), // never hired
      ],
      now,
    );
    expect(totals).toEqual({
      hires: 4,
      stillInWork: 2,
      earlyLeaves: 1,
      decided: 3,
      retained: 2,
      retentionRate: 0.667,
    });
    expect(retentionTotals([], now).retentionRate).toBeNull();
  });
});

describe('apply rules', () => {
  const now = d('2025-06-01T00:00:00Z');
  const vacancy = (over: Record<string, unknown> = {}) => ({
    status: 'open' as const,
    expiresAt: d('2025-07-01T00:00:00Z'),
    publicWelfarePost: false,
    employer: { verifiedAt: d('2025-01-01T00:00:00Z') },
    ...over,
  });
  const person = { hardToEmploy: false };

  it.each([
    ['an open vacancy of a verified employer', vacancy(), person, null],
    ['a closed vacancy', vacancy({ status: 'closed' }), person, 'vacancy_not_open'],
    ['a filled vacancy', vacancy({ status: 'filled' }), person, 'vacancy_not_open'],
    ['a draft', vacancy({ status: 'draft' }), person, 'vacancy_not_open'],
    ['an expired vacancy', vacancy({ status: 'expired' }), person, 'vacancy_expired'],
    ['an open vacancy past its expiry', vacancy({ expiresAt: d('2025-05-31T00:00:00Z') }), person, 'vacancy_expired'],
    ['an unverified employer', vacancy({ employer: { verifiedAt: null } }), person, 'employer_unverified'],
    ['a public-welfare post', vacancy({ publicWelfarePost: true }), person, 'public_welfare_only'],
    ['a public-welfare post, hard to employ', vacancy({ publicWelfarePost: true }), { hardToEmploy: true }, null],
  ])('judges %s', (_label, v, p, expected) => {
    expect(applyRefusal(v, p, now)).toBe(expected);
  });
});
