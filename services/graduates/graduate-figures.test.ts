import { describe, expect, it } from 'vitest';
import { breakdown, type FigureRow, graduateValues } from './graduate-figures.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const row = (over: Partial<FigureRow>): FigureRow => ({
  regionCode: '350821101001',
  schoolName: '闽西职业技术学院',
  status: 'left_without_work',
  leftSchoolOn: day('2026-07-01'),
  workFoundOn: null,
  pairedAt: null,
  workDays: over.workFoundOn ? [over.workFoundOn] : [],
  ...over,
});

/**
 * Plan §5(4) 毕业年度离校未就业的建档立卡贫困家庭高校毕业生“就业红娘”结对帮扶: seven graduates of 2026
 * who left school on 1 July 2026 (3 months later: 1 October; 6 months: 1 January 2027).
 */
const ROWS: FigureRow[] = [
  // A: work 15 Aug (1½ months), paired 10 Jul → paired, 3m, 6m
  row({ status: 'employed', workFoundOn: day('2026-08-15'), pairedAt: day('2026-07-10') }),
  // B: work 20 Nov (4⅔ months), paired → paired, 6m only
  row({ status: 'employed', workFoundOn: day('2026-11-20'), pairedAt: day('2026-07-12'), regionCode: '350424100001' }),
  // C: business on 1 Oct, exactly 3 months → 3m (the day itself counts), 6m
  row({ status: 'started_business', workFoundOn: day('2026-10-01'), schoolName: '龙岩技师学院' }),
  // D: still without work, paired 1 Sep → paired
  row({ pairedAt: day('2026-09-01') }),
  // E: further study → nothing else
  row({ status: 'further_study' }),
  // F: found the job in June, before leaving school → 3m, 6m
  row({ status: 'employed', workFoundOn: day('2026-06-20') }),
  // G: paired only on 5 Jan 2027, after the period → not paired by 31 Dec
  row({ pairedAt: day('2027-01-05') }),
];

describe('graduate figures (plan §5(4) 就业红娘)', () => {
  it('counts the hand-worked year at 31 December 2026', () => {
    expect(graduateValues(ROWS, day('2026-12-31'))).toEqual({
      grad_registered: 7,
      grad_status_in_school: 0,
      grad_status_left_without_work: 2, // D, G
      grad_status_employed: 3, // A, B, F
      grad_status_started_business: 1, // C
      grad_status_further_study: 1, // E
      grad_paired: 3, // A, B, D
      grad_employed_3m: 3, // A, C, F
      grad_employed_6m: 4, // A, B, C, F
      // From the pairing's start: A (10 Jul → 15 Aug), B (12 Jul → 20 Nov, past 12 Oct but before 12 Jan).
      grad_paired_employed_3m: 1, // A
      grad_paired_employed_6m: 2, // A, B
    });
  });

  it('counts only work found by the period end (30 September 2026)', () => {
    const values = graduateValues(ROWS, day('2026-09-30'));
    expect(values.grad_employed_3m).toBe(2); // A, F: C's 1 October is after the period
    expect(values.grad_employed_6m).toBe(2);
    expect(values.grad_paired).toBe(3); // A, B, D
    expect(values.grad_paired_employed_6m).toBe(1); // A: B's 20 November is after the period
  });

  it('does not credit the matchmaker with work found before the pairing began', () => {
    // H: employed 5 Jul, out of work again, paired 10 Jul, still looking; I: the same, back in work 1 Aug.
    const h = row({ workFoundOn: day('2026-07-05'), pairedAt: day('2026-07-10') });
    const i = row({ status: 'employed', workFoundOn: day('2026-07-05'), pairedAt: day('2026-07-10') });
    const values = graduateValues([h, { ...i, workDays: [day('2026-07-05'), day('2026-08-01')] }], day('2026-12-31'));
    expect(values.grad_employed_3m).toBe(2); // both found work on 5 Jul, within 3 months of leaving
    expect(values.grad_paired_employed_3m).toBe(1); // I only: 1 Aug is after the 10 Jul pairing
  });

  it('breaks the year down by county and school', () => {
    const split = breakdown(ROWS);
    expect(split.total).toMatchObject({ total: 7, paired: 4 });
    expect(split.byCounty.map((c) => [c.regionCode, c.total, c.paired])).toEqual([
      ['350424', 1, 1],
      ['350821', 6, 3],
    ]);
    expect(split.bySchool.map((s) => [s.schoolName, s.total, s.byStatus.employed])).toEqual([
      ['闽西职业技术学院', 6, 3],
      ['龙岩技师学院', 1, 0],
    ]);
  });
});
