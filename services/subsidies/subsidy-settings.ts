import { z } from 'zod';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';

/** The hiring subsidy's rules (吸纳就业补贴), as configured; a decision records those it used. */
export interface SubsidyRules {
  /** Months a person must have been in work, from the start date. */
  qualifyingMonths: number;
  /** Yuan per person kept in work. */
  amountPerPerson: number;
  /**
   * Extra yuan per person for poverty-alleviation workshops and bases (扶贫车间、扶贫基地) inside the
   * hiring subsidy. 0 by default: the plan's workshop award (奖补, §2(1)) is its own programme
   * (`workshop_award`), so a bonus here would pay a workshop twice. Kept for regions whose rules add one.
   */
  workshopBonus: number;
  /** Only registered poor labourers (建档立卡, including those since lifted out) count. */
  onlyRegisteredPoor: boolean;
}

export const DEFAULT_SUBSIDY_RULES: SubsidyRules = {
  qualifyingMonths: 6,
  amountPerPerson: 1000,
  workshopBonus: 0,
  onlyRegisteredPoor: true,
};

export const SubsidyEnvSchema = z.object({
  SUBSIDY_QUALIFYING_MONTHS: wholeSetting(1, 60, DEFAULT_SUBSIDY_RULES.qualifyingMonths),
  SUBSIDY_AMOUNT_PER_PERSON: wholeSetting(0, 100_000, DEFAULT_SUBSIDY_RULES.amountPerPerson),
  SUBSIDY_WORKSHOP_BONUS: wholeSetting(0, 100_000, DEFAULT_SUBSIDY_RULES.workshopBonus),
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
