import { z } from 'zod';
import type { ConfigSection } from '../platform/config/config.ts';

/** The hiring subsidy's rules (吸纳就业补贴), as configured; a decision records those it used. */
export interface SubsidyRules {
  /** Months a person must have been in work, from the start date. */
  qualifyingMonths: number;
  /** Yuan per person kept in work. */
  amountPerPerson: number;
  /** Extra yuan per person for poverty-alleviation workshops and bases (扶贫车间、扶贫基地). */
  workshopBonus: number;
  /** Only registered poor labourers (建档立卡, including those since lifted out) count. */
  onlyRegisteredPoor: boolean;
}

export const DEFAULT_SUBSIDY_RULES: SubsidyRules = {
  qualifyingMonths: 6,
  amountPerPerson: 1000,
  workshopBonus: 500,
  onlyRegisteredPoor: true,
};

const whole = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

export const SubsidyEnvSchema = z.object({
  SUBSIDY_QUALIFYING_MONTHS: whole(1, 60, DEFAULT_SUBSIDY_RULES.qualifyingMonths),
  SUBSIDY_AMOUNT_PER_PERSON: whole(0, 100_000, DEFAULT_SUBSIDY_RULES.amountPerPerson),
  SUBSIDY_WORKSHOP_BONUS: whole(0, 100_000, DEFAULT_SUBSIDY_RULES.workshopBonus),
});

/** The subsidies module's settings (SUBSIDY_*), read through `config.section(subsidyConfig)`. */
export const subsidyConfig: ConfigSection<SubsidyRules> = {
  name: 'subsidy',
  schema: SubsidyEnvSchema.transform((c) => ({
    qualifyingMonths: c.SUBSIDY_QUALIFYING_MONTHS,
    amountPerPerson: c.SUBSIDY_AMOUNT_PER_PERSON,
    workshopBonus: c.SUBSIDY_WORKSHOP_BONUS,
    onlyRegisteredPoor: true,
  })),
};
