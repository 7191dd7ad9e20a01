import { describe, expect, it } from 'vitest';
import { techSchoolFigures } from './tech-school-figures.ts';

describe('technical-school place figures (plan §1(2) 目标任务, §3(3) 技能扶贫技工教育)', () => {
  it('counts wished, placed, enrolled and the placement rate, worked by hand', () => {
    // Seven children of the year: 3 wished only, 2 placed, 1 enrolled, 1 withdrawn.
    // wished = 7 − 1 withdrawn = 6; placed = 2 placed + 1 enrolled = 3; enrolled = 1;
    // rate = 3 ÷ 6 × 100 = 50.0.
    const rows = ['wished', 'wished', 'wished', 'placed', 'placed', 'enrolled', 'withdrawn'].map((state) => ({
      state,
    }));
    expect(techSchoolFigures(rows)).toEqual({
      tech_school_wished: 6,
      tech_school_placed: 3,
      tech_school_enrolled: 1,
      tech_school_placement_rate: 50,
    });
  });

  it('rounds the rate to one decimal and gives 0 when nobody wished', () => {
    // 1 placed of 3 wished: 1 ÷ 3 × 100 = 33.33… → 33.3.
    expect(
      techSchoolFigures([{ state: 'placed' }, { state: 'wished' }, { state: 'wished' }]).tech_school_placement_rate,
    ).toBe(33.3);
    expect(techSchoolFigures([{ state: 'withdrawn' }])).toEqual({
      tech_school_wished: 0,
      tech_school_placed: 0,
      tech_school_enrolled: 0,
      tech_school_placement_rate: 0,
    });
  });
});
