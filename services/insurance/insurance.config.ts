import { z } from 'zod';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';

export interface InsuranceSettings {
  /** Days without a step after which the assigned officer is reminded (once a day). */
  stallDays: number;
  /** Days from opening to a case's due date, unless the officer sets another. */
  dueDays: number;
}

export const DEFAULT_INSURANCE_SETTINGS: InsuranceSettings = { stallDays: 14, dueDays: 30 };

/** The insurance module's settings (INSURANCE_*), read through `config.section(insuranceConfig)`. */
export const insuranceConfig: ConfigSection<InsuranceSettings> = {
  name: 'insurance',
  schema: z
    .object({
      INSURANCE_STALL_DAYS: wholeSetting(1, 365, DEFAULT_INSURANCE_SETTINGS.stallDays),
      INSURANCE_DUE_DAYS: wholeSetting(1, 365, DEFAULT_INSURANCE_SETTINGS.dueDays),
    })
    .transform((c) => ({ stallDays: c.INSURANCE_STALL_DAYS, dueDays: c.INSURANCE_DUE_DAYS })),
};
