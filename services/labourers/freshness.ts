import { z } from 'zod';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';

/**
 * Dynamic management (动态管理, plan §二(二): "将就业扶贫信息动态管理作为绩效考核重要内容"; §七(二):
 * "精准入库和动态更新"). The one definition of a fresh record, used by the officer's worklist and by
 * the indicators:
 * - fresh: the record was updated, or verified by an officer, within the last N months (N from
 *   FRESHNESS_MONTHS, default 6);
 * - no contact in a year: the record is more than a year old and nobody has been in touch with the
 *   person for a year (an officer's verification, or the person's own registration or change).
 * Erased records are left out of both.
 */
export interface FreshnessRules {
  months: number;
}

export const DEFAULT_FRESHNESS_MONTHS = 6;
export const CONTACT_MONTHS = 12;

export const freshnessConfig: ConfigSection<FreshnessRules> = {
  name: 'freshness',
  schema: z
    .object({
      FRESHNESS_MONTHS: wholeSetting(1, 36, DEFAULT_FRESHNESS_MONTHS),
    })
    .transform((env) => ({ months: env.FRESHNESS_MONTHS })),
};

/** The instant `months` calendar months before `asOf` (31 March − 1 month → 3 March, as Date does). */
export function monthsBefore(asOf: Date, months: number): Date {
  const date = new Date(asOf);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
}

export interface FreshnessCutoffs {
  /** Updated or verified at or after this: fresh. */
  freshSince: Date;
  /** Contacted at or after this: in touch; created before it: old enough to count. */
  contactSince: Date;
}

export function freshnessCutoffs(asOf: Date, rules: FreshnessRules): FreshnessCutoffs {
  return { freshSince: monthsBefore(asOf, rules.months), contactSince: monthsBefore(asOf, CONTACT_MONTHS) };
}

/** Counts of one area; shares are percentages with one decimal (0 for an empty area). */
export interface FreshnessFigures {
  records: number;
  fresh: number;
  stale: number;
  verified: number;
  noContactYear: number;
  freshShare: number;
}

export function figuresOf(row: { records: number; fresh: number; verified: number; noContactYear: number }) {
  const share = row.records > 0 ? Math.round((row.fresh / row.records) * 1000) / 10 : 0;
  return { ...row, stale: row.records - row.fresh, freshShare: share } satisfies FreshnessFigures;
}
