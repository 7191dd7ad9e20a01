import { z } from 'zod';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';

/** The 就业红娘 service's settings. */
export interface GraduateRules {
  /** Days without a contact after which the matchmaker is reminded of a pairing. */
  reminderDays: number;
  /**
   * The day of the graduation year graduates leave school when a list or an officer gives none
   * (MM-DD, a Beijing calendar day): in-school graduates move to "left without work" on it.
   */
  leavingDay: string;
}

export const DEFAULT_GRADUATE_RULES: GraduateRules = { reminderDays: 14, leavingDay: '07-01' };

/** A month and day that exists in every year (29 February does not). */
const monthDay = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'must be a day as MM-DD' })
    .refine((v) => new Date(`2025-${v}T00:00:00Z`).getUTCDate() === Number(v.slice(3)), {
      error: 'must be a day of every year',
    })
    .default(DEFAULT_GRADUATE_RULES.leavingDay),
);

/** The graduates module's settings (GRADUATE_*), read through `config.section(graduateConfig)`. */
export const graduateConfig: ConfigSection<GraduateRules> = {
  name: 'graduate',
  schema: z
    .object({
      GRADUATE_PAIRING_REMINDER_DAYS: wholeSetting(1, 365, DEFAULT_GRADUATE_RULES.reminderDays),
      GRADUATE_LEAVING_DAY: monthDay,
    })
    .transform((c) => ({ reminderDays: c.GRADUATE_PAIRING_REMINDER_DAYS, leavingDay: c.GRADUATE_LEAVING_DAY })),
};
