import { z } from 'zod';
import type { ConfigSection } from '../platform/config/config.ts';

/**
 * 劳动年龄段 (plan §1(2): 在劳动年龄段内、有就业能力、有就业需求的贫困劳动力), the base of 就业率.
 * Ages in whole years at the period's end, both bounds included; the upper bound differs by sex
 * where the retirement rules do (by default 16–59 for men, 16–54 for women: below the statutory
 * retirement ages of 60 and 55 of the plan's time).
 */
export interface AgeRange {
  min: number;
  max: number;
}
export interface WorkingAge {
  male: AgeRange;
  female: AgeRange;
}

export const DEFAULT_WORKING_AGE: WorkingAge = { male: { min: 16, max: 59 }, female: { min: 16, max: 54 } };

/** `16-59`: whole years, both included. */
const range = (fallback: AgeRange) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? `${fallback.min}-${fallback.max}` : value),
    z
      .string()
      .regex(/^\d{1,2}-\d{1,2}$/, { error: 'must be two ages like 16-59' })
      .transform((text) => {
        const [min, max] = text.split('-').map(Number) as [number, number];
        return { min, max };
      })
      .refine((r) => r.min >= 14 && r.max <= 80 && r.min < r.max, {
        error: 'must be ages from 14 to 80, the first below the second',
      }),
  );

/** The reports module's settings: WORKING_AGE_MALE and WORKING_AGE_FEMALE (`16-59`, `16-54`). */
export const workingAgeConfig: ConfigSection<WorkingAge> = {
  name: 'workingAge',
  schema: z
    .object({
      WORKING_AGE_MALE: range(DEFAULT_WORKING_AGE.male),
      WORKING_AGE_FEMALE: range(DEFAULT_WORKING_AGE.female),
    })
    .transform((c) => ({ male: c.WORKING_AGE_MALE, female: c.WORKING_AGE_FEMALE })),
};

/**
 * People born on or before the returned day are at least `years` old on `date`. (29 February that
 * many years earlier may not exist: 28 February is then the last day that qualifies.)
 */
export function birthdayCutoff(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) - years).padStart(4, '0');
  const monthDay = date.slice(5);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return monthDay === '02-29' && !leap(Number(year)) ? `${year}-02-28` : `${year}-${monthDay}`;
}
