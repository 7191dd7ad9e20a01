import { addMonths } from '../platform/time/china-time.ts';
import type { EmployerKind, SubsidyAmountBasis } from '../platform/database/generated/enums.ts';
import { isRegisteredPoor } from '../labourers/index.ts';

/** The eligibility rules a programme may name, and what a claim on it is about (its subject). */
export const ELIGIBILITY_RULES = {
  hire_of_registered_poor_kept: 'hire',
  poor_person_employed_at_workshop: 'hire',
  first_business_of_poor_or_returning: 'person',
  in_public_welfare_post_in_month: 'hire_month',
  fair_served_poor: 'fair',
  poor_family_graduate_in_year: 'person',
  certificate_of_poor_person: 'reference',
} as const;
export type EligibilityRule = keyof typeof ELIGIBILITY_RULES;
export type ClaimSubject = (typeof ELIGIBILITY_RULES)[EligibilityRule];
export const RULE_IDS = Object.keys(ELIGIBILITY_RULES) as [EligibilityRule, ...EligibilityRule[]];

export const WORKSHOP_KINDS: readonly EmployerKind[] = ['poverty_workshop', 'poverty_base'];

/** One automatic check, stored on the claim and shown with its result. */
export interface ClaimCheck {
  rule: string;
  passed: boolean;
  detail?: string | undefined;
}

export interface PersonFacts {
  id: string;
  regionCode: string;
  povertyStatus: string | null;
  povertyYear: number | null;
  erasedAt: Date | null;
}

/**
 * The graduates module's record of a person (建档立卡贫困家庭毕业生, its latest graduation year): the
 * 2,000-yuan subsidy is fed by these records, not by anything the registry says about schooling.
 */
export interface GraduateFacts {
  graduateId: string;
  graduationYear: number;
  /** college, technical_senior, technical_preparatory, special_education (the schools of plan §5(4)). */
  schoolKind: string;
  /** job, start_up or further_study. */
  wish: string;
  /** in_school, left_without_work, employed, started_business, further_study. */
  status: string;
}

export interface HireFacts {
  id: string;
  status: string;
  startedAt: Date | null;
  leftAt: Date | null;
  publicWelfarePost: boolean;
  employerKind: EmployerKind;
  person: PersonFacts;
}

/** What the platform's records say about a claim's subject. */
export interface ClaimFacts {
  person?: PersonFacts | null;
  /** The graduate record of the person, for the graduates' subsidy. */
  graduate?: GraduateFacts | null;
  hire?: HireFacts | null;
  business?: { registeredOn: Date; returningMigrant: boolean } | null;
  fair?: { status: string; poorAttendees: number } | null;
  /** 'YYYY-MM' for per-month programmes. */
  month?: string | null;
  reference?: string | null;
}

/** The region's rule in force for a programme (the setting row that applies). */
export interface RuleSetting {
  active: boolean;
  amount: number;
  cap: number | null;
  qualifyingMonths: number | null;
  bonus: number | null;
  periodFrom: Date | null;
  periodTo: Date | null;
}

const DAY_MS = 86_400_000;
const check = (rule: string, passed: boolean, detail?: string): ClaimCheck => ({ rule, passed, detail });
const poor = (p: PersonFacts | null | undefined) => !!p && isRegisteredPoor(p);
const started = (h: HireFacts) => !!h.startedAt && (h.status === 'started' || h.status === 'left');
const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

function hireChecks(hire: HireFacts, setting: RuleSetting, today: Date): ClaimCheck[] {
  const months = setting.qualifyingMonths ?? 6;
  const qualified = hire.startedAt ? addMonths(hire.startedAt, months) : null;
  return [
    check('not_erased', !hire.person.erasedAt),
    check('registered_poor', poor(hire.person)),
    check('not_public_welfare_post', !hire.publicWelfarePost),
    check('started', started(hire)),
    check(
      'kept_qualifying_months',
      !!qualified && qualified <= today && (!hire.leftAt || hire.leftAt >= qualified),
      `${months}`,
    ),
  ];
}

function welfareMonthChecks(hire: HireFacts, month: string | null | undefined, today: Date): ClaimCheck[] {
  const valid = !!month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const inPost =
    valid &&
    !!hire.startedAt &&
    monthOf(hire.startedAt) <= month &&
    (!hire.leftAt || monthOf(hire.leftAt) >= month) &&
    month <= monthOf(today);
  return [
    check('public_welfare_post', hire.publicWelfarePost),
    check('started', started(hire)),
    check('in_post_that_month', inPost, month ?? undefined),
  ];
}

/**
 * Plan §5(4): a graduate of the listed schools (the graduates module records no others), in the
 * graduation year, who means to work or start a business (有就业创业意愿并积极求职创业): not one who
 * wishes or went on to further study.
 */
function graduateChecks(graduate: GraduateFacts | null | undefined, today: Date): ClaimCheck[] {
  if (!graduate) return [check('graduate_record', false)];
  const year = Number(monthOf(today).slice(0, 4));
  return [
    check('graduate_record', true),
    check('graduation_year', graduate.graduationYear === year, `${graduate.graduationYear}`),
    check('seeks_job_or_business', graduate.wish !== 'further_study' && graduate.status !== 'further_study'),
  ];
}

/** Every check of the rule on the facts; a missing subject fails its first check. */
export function runChecks(rule: EligibilityRule, facts: ClaimFacts, setting: RuleSetting, today: Date): ClaimCheck[] {
  const inPeriod = check(
    'in_programme_period',
    setting.active &&
      (!setting.periodFrom || setting.periodFrom <= today) &&
      (!setting.periodTo || today.getTime() < setting.periodTo.getTime() + DAY_MS),
  );
  const { hire, person } = facts;
  switch (rule) {
    case 'hire_of_registered_poor_kept':
      return [inPeriod, ...(hire ? hireChecks(hire, setting, today) : [check('hire_exists', false)])];
    case 'poor_person_employed_at_workshop':
      if (!hire) return [inPeriod, check('hire_exists', false)];
      return [
        inPeriod,
        check('workshop_or_base', WORKSHOP_KINDS.includes(hire.employerKind)),
        check('registered_poor', poor(hire.person)),
        check('started', started(hire)),
      ];
    case 'in_public_welfare_post_in_month':
      return [inPeriod, ...(hire ? welfareMonthChecks(hire, facts.month, today) : [check('hire_exists', false)])];
    case 'first_business_of_poor_or_returning':
      return [
        inPeriod,
        check('person_exists', !!person && !person.erasedAt),
        check('business_registered', !!facts.business),
        check('registered_poor_or_returning_migrant', poor(person) || !!facts.business?.returningMigrant),
      ];
    case 'fair_served_poor':
      return [
        inPeriod,
        check('fair_exists', !!facts.fair && facts.fair.status !== 'cancelled'),
        check('served_poor_labourers', (facts.fair?.poorAttendees ?? 0) > 0, `${facts.fair?.poorAttendees ?? 0}`),
      ];
    case 'poor_family_graduate_in_year':
      return [inPeriod, check('registered_poor', poor(person)), ...graduateChecks(facts.graduate, today)];
    case 'certificate_of_poor_person':
      return [inPeriod, check('registered_poor', poor(person)), check('certificate_given', !!facts.reference)];
  }
}

/** The claim's amount: once, per person (with the workshop bonus for the hiring subsidy) or per person-month, capped. */
export function claimAmount(
  basis: SubsidyAmountBasis,
  setting: Pick<RuleSetting, 'amount' | 'cap' | 'bonus'>,
  people: number,
  employerKind?: EmployerKind,
): number {
  const bonus = employerKind && WORKSHOP_KINDS.includes(employerKind) ? (setting.bonus ?? 0) : 0;
  const raw = basis === 'fixed' ? setting.amount : (setting.amount + bonus) * people;
  return setting.cap === null ? raw : Math.min(raw, setting.cap);
}

/** The key that makes a second claim on the same subject impossible (unique in the database). */
export function subjectKey(
  code: string,
  subject: ClaimSubject,
  ids: {
    labourerId?: string | null;
    applicationId?: string | null;
    fairId?: string | null;
    month?: string | null;
    reference?: string | null;
  },
): string | null {
  const parts: Record<ClaimSubject, (string | null | undefined)[]> = {
    hire: ['hire', ids.applicationId],
    person: ['person', ids.labourerId],
    hire_month: ['hire', ids.applicationId, ids.month],
    fair: ['fair', ids.fairId],
    reference: ['ref', ids.reference],
  };
  const values = parts[subject];
  return values.every(Boolean) ? [code, ...values].join(':') : null;
}

export { monthOf as chinaMonth };
