import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { calendarDay, checkFollowUpRecord, followUpPlan, isDue } from './follow-ups.ts';
import { pairedHomeRegions } from './partner-regions.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('followUpPlan', () => {
  it('opens follow-ups 1, 3 and 6 calendar months after arrival on the Beijing calendar', () => {
    // 2025-08-30T20:00Z is 31 August in Beijing.
    const plan = followUpPlan(new Date('2025-08-30T20:00:00Z'));
    expect(plan.map((p) => [p.month, day(p.dueOn)])).toEqual([
      [1, '2025-09-30'],
      [3, '2025-11-30'],
      [6, '2026-02-28'],
    ]);
  });
});

describe('isDue', () => {
  const now = new Date('2025-10-01T03:00:00Z');
  it('is due from its day on while nobody recorded it', () => {
    expect(isDue({ dueOn: calendarDay(now), state: null }, now)).toBe(true);
    expect(isDue({ dueOn: new Date('2025-10-02T00:00:00Z'), state: null }, now)).toBe(false);
    expect(isDue({ dueOn: new Date('2025-09-01T00:00:00Z'), state: 'in_work' }, now)).toBe(false);
  });
});

describe('checkFollowUpRecord', () => {
  it('takes in work and changed job without a reason', () => {
    expect(checkFollowUpRecord({ state: 'in_work' })).toEqual({ state: 'in_work', reason: null });
    expect(checkFollowUpRecord({ state: 'changed_job', reason: ' 工资更高 ' })).toEqual({
      state: 'changed_job',
      reason: '工资更高',
    });
  });
  it('needs a reason for a return home', () => {
    expect(() => checkFollowUpRecord({ state: 'returned_home', reason: ' ' })).toThrow(ValidationError);
    expect(checkFollowUpRecord({ state: 'returned_home', reason: '家中老人需要照顾' }).reason).toBe('家中老人需要照顾');
  });
});

describe('pairedHomeRegions', () => {
  const pairings = [
    { homeRegionCode: '3501', partnerRegionCode: '6404' },
    { homeRegionCode: '3502', partnerRegionCode: '640402' },
    { homeRegionCode: '3501', partnerRegionCode: '640422' },
  ];
  it('answers the home regions paired with the area a person comes from, once each', () => {
    expect(pairedHomeRegions(pairings, '640422100')).toEqual(['3501']);
    expect(pairedHomeRegions(pairings, '640402').sort()).toEqual(['3501', '3502']);
    expect(pairedHomeRegions(pairings, '640104')).toEqual([]);
  });
});
