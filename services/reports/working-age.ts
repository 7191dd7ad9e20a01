import { z } from 'zod';
import type { ConfigSection } from '../platform/config/config.ts';

/**
 * 劳动年龄段 (plan §1(2): 在劳动年龄段内、有就业能力、有就业需求的贫困劳动力), the base of 就业率.
 * Ages in whole years at the period's end, both bounds included; the upper bound differs by sex
 * where the retirement rules do (by default 16–59 for men, 16–54 for women: below the statutory
 * retirement ages of 60 and 55 of the plan's time).
 */
export interface WorkingAge {
  min: number;
  maxMale: number;
  maxFemale: number;
}

export const DEFAULT_WORKING_AGE: WorkingAge = { min: 16, maxMale: 59, maxFemale: 54 };

const age = (fallback: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(14, { error: 'must be at least 14' })
      .max(80, { error: 'must be at most 80' })
      .default(fallback),
  );

/** The reports module's settings: WORKING_AGE_MIN, WORKING_AGE_MAX_MALE, WORKING_AGE_MAX_FEMALE. */
export const workingAgeConfig: ConfigSection<WorkingAge> = {
  name: 'workingAge',
  schema: z
    .object({
      WORKING_AGE_MIN: age(DEFAULT_WORKING_AGE.min),
      WORKING_AGE_MAX_MALE: age(DEFAULT_WORKING_AGE.maxMale),
      WORKING_AGE_MAX_FEMALE: age(DEFAULT_WORKING_AGE.maxFemale),
    })
    .refine((c) => c.WORKING_AGE_MIN < Math.min(c.WORKING_AGE_MAX_MALE, c.WORKING_AGE_MAX_FEMALE), {
      message: 'WORKING_AGE_MIN must be below both upper bounds',
      path: ['WORKING_AGE_MIN'],
    })
    .transform((c) => ({
      min: c.WORKING_AGE_MIN,
      maxMale: c.WORKING_AGE_MAX_MALE,
      maxFemale: c.WORKING_AGE_MAX_FEMALE,
    })),
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
