/**
 * The one place where every indicator of the dashboard, the reports and the API is defined: what it
 * counts, from which tables, as of when, in which unit. services/reports/README.md carries the same
 * table, generated from this list (`npx tsx services/reports/definitions-table.ts`).
 * Change a definition → bump DEFINITIONS_VERSION, so stored reports say which rules made them.
 */

/**
 * 2026.12-1: one population for every figure (the registered poor labour force of labourers'
 * registered-poor.ts: confirmed, lifted out during the plan included, erased excluded); 就业率 on
 * the plan's base; push coverage with one population and date; plan certificate kinds; graduates
 * of the year; the plan clause of each indicator.
 * 2026.12-2: the graduates module's figures (graduate-indicators.ts: status, 就业红娘 pairings, in work
 * within 3/6 months of leaving school).
 *   and social-insurance casework (insurance-indicators.ts): 60+ receiving the pension, 代缴,
 * open cases by kind.
 *   and 三支一扶, key-county shortage talent and the linked-county work (talent-indicators.ts).
 *   and key counties' township institutions' special recruitment campaigns (campaign_*, talent-indicators.ts).
 *   and subsidies read from the claim engine (SubsidyClaim); claims, approvals, yuan and people
 * reached over every subsidy programme.
 * 2026.12-3: technical-school places of poor families' children (tech-school-indicators.ts: wished,
 * placed, enrolled, placement rate for the period end's intake year).
 * 2026.12-4: subsidies paid (subsidy_claims_paid: yuan paid by the period end on the period's
 * approvals); the subsidy figures per programme stored with the social-security group's quarterly
 * reports and the yearly report.
 * 2026.12-5: aid coverage of poor families' technical-school students (tech_school_in_school,
 * fee_waived, aided, aid_coverage: students in school at the period's end, aid granted in the period).
 * 2026.12-6: skills figures (skills-indicators.ts): training wishes reached, offered, enrolled,
 * courses completed, people certified (the plan's four kinds) and in work within 90 days, training
 * and appraisal subsidies claimed and paid, yearly training targets with progress to date.
 * 2026.12-7: poor families' technical-school graduates (tech_school_graduated, graduates_placed,
 * graduate_placement_rate: graduated in the period, placed in a job by the period's end).
 * 2026.12-8: the 就业红娘 service's own outcome (grad_paired_employed_3m/6m: paired graduates in work
 * within 3/6 months of the pairing's start); the registry's graduates of the year (graduates,
 * graduates_employed) and the graduates module's list (grad_*) named and described apart.
 * 2026.12-9: 三支一扶 completions and township hires counted over every year's plan (the service lasts
 * two years), not the period year's only; the year's plan targets (szyf_target_total,
 * szyf_target_key_county), service falling due (szyf_service_due) and 能力提升示范培训 attendance
 * (szyf_trained); catalogue and campaign recruits' poor family from the registry, not a tick box.
 */
export const DEFINITIONS_VERSION = '2026.12-9';

/** The plan's special working groups (专项组), each reporting quarterly in writing. */
export const REPORT_GROUPS = ['employment', 'skills', 'social_security', 'talent', 'paired_assistance'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

// The registry's own list of statuses: indicators count what the labourers module records.
export { EMPLOYMENT_STATUSES } from '../labourers/index.ts';
import { IN_WORK_STATUSES, type EMPLOYMENT_STATUSES } from '../labourers/index.ts';
export type EmploymentStatusCode = (typeof EMPLOYMENT_STATUSES)[number];

/** Statuses counted as employed (就业): every kind of work, the public-welfare fallback post included. */
export const EMPLOYED_STATUSES: readonly EmploymentStatusCode[] = IN_WORK_STATUSES;

/**
 * - period_end: a stock at the end of the period (the registry's current state when the period
 *   ends today or later; the status history otherwise).
 * - period: events dated within the period, both ends included (Beijing calendar days).
 * - current: the registry's present value; the table keeps no history of it.
 * - year: the agreements of the period's calendar year(s), events up to the period's end.
 */
export type AsOf = 'period_end' | 'period' | 'current' | 'year';
export type Unit = 'people' | 'percent' | 'count' | 'yuan';

export interface IndicatorDefinition {
  id: string;
  group: ReportGroup;
  nameZh: string;
  nameEn: string;
  /** What is counted, in English (README, API). */
  counts: string;
  /**
   * The clause of the plan (扶贫攻坚战三年行动方案, /work/shared/seed) it implements: section and item
   * (§2(3) = 二、(三)) with the words it counts.
   */
  clause: string;
  sources: string[];
  asOf: AsOf;
  unit: Unit;
}
