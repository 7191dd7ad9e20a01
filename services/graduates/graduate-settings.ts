import { z } from 'zod';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';

/** The 就业红娘 service's settings. */
export interface GraduateRules {
  /** Days without a contact after which the matchmaker is reminded of a pairing. */
  reminderDays: number;
}

export const DEFAULT_GRADUATE_RULES: GraduateRules = { reminderDays: 14 };

/** The graduates module's settings (GRADUATE_*), read through `config.section(graduateConfig)`. */
export const graduateConfig: ConfigSection<GraduateRules> = {
  name: 'graduate',
  schema: z
    .object({ GRADUATE_PAIRING_REMINDER_DAYS: wholeSetting(1, 365, DEFAULT_GRADUATE_RULES.reminderDays) })
    .transform((c) => ({ reminderDays: c.GRADUATE_PAIRING_REMINDER_DAYS })),
};
