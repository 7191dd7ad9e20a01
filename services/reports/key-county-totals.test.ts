import { describe, expect, it } from 'vitest';
import { sumIndicatorValues } from './key-county-totals.ts';

describe('key-county totals of the technical-school placement rate (plan §1(2), §3(3))', () => {
  it('recomputes the rate from the summed places, never averages the counties’ rates', () => {
    // County A: 2 placed of 3 wished (66.7%); county B: 1 placed of 1 wished (100%).
    // Summed: 3 placed of 4 wished → 3 ÷ 4 × 100 = 75.0 (the average of the rates would be 83.3).
    const totals = sumIndicatorValues([
      { tech_school_wished: 3, tech_school_placed: 2, tech_school_enrolled: 1, tech_school_placement_rate: 66.7 },
      { tech_school_wished: 1, tech_school_placed: 1, tech_school_enrolled: 0, tech_school_placement_rate: 100 },
    ]);
    expect(totals).toMatchObject({
      tech_school_wished: 4,
      tech_school_placed: 3,
      tech_school_enrolled: 1,
      tech_school_placement_rate: 75,
    });
  });
});
