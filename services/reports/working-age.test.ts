import { describe, expect, it } from 'vitest';
import { birthdayCutoff, workingAgeConfig } from './working-age.ts';

describe('working age (plan §1(2) 劳动年龄段), the base of 就业率', () => {
  it('defaults to 16–59 for men and 16–54 for women, and reads other bounds', () => {
    expect(workingAgeConfig.schema.parse({})).toEqual({ male: { min: 16, max: 59 }, female: { min: 16, max: 54 } });
    expect(workingAgeConfig.schema.parse({ WORKING_AGE_MALE: '18-62', WORKING_AGE_FEMALE: '18-57' })).toEqual({
      male: { min: 18, max: 62 },
      female: { min: 18, max: 57 },
    });
  });

  it('names the setting and the reason for bounds that are not ages', () => {
    const result = workingAgeConfig.schema.safeParse({ WORKING_AGE_MALE: '60-16', WORKING_AGE_FEMALE: 'old' });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join('.'));
    expect(fields.sort()).toEqual(['WORKING_AGE_FEMALE', 'WORKING_AGE_MALE']);
  });

  it('finds the birthdays that bound an age on a day', () => {
    // 59 at most on 30 June 2026: born after 30 June 1966 (60 that day).
    expect(birthdayCutoff('2026-06-30', 60)).toBe('1966-06-30');
    expect(birthdayCutoff('2026-06-30', 16)).toBe('2010-06-30');
  });
});
