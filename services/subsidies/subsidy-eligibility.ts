import { addMonths, wholeMonthsBetween } from '../platform/time/china-time.ts';
import type { EmployerKind } from '../platform/database/generated/enums.ts';
import type { SubsidyRules } from './subsidy-settings.ts';
import { isRegisteredPoor } from '../labourers/index.ts';

export const WORKSHOP_KINDS: readonly EmployerKind[] = ['poverty_workshop', 'poverty_base'];

/** Why a hire does not (yet) earn the subsidy; pages translate subsidies.reasons.<code>. */
export type Ineligibility =
  'decided' | 'erased' | 'not_poor' | 'public_welfare_post' | 'not_started' | 'left_early' | 'too_short';

export interface HireForSubsidy {
  status: string;
  startedAt: Date | null;
  leftAt: Date | null;
  /** Null for someone outside the poverty registry. */
  povertyStatus: string | null;
  /** 脱贫年度, for someone lifted out. */
  povertyYear: number | null;
  /** A public-welfare post (公益性岗位): the plan gives these 社保补贴 and 岗位补贴, not this subsidy. */
  publicWelfarePost: boolean;
  erased: boolean;
  decided: boolean;
}

export function subsidyAmount(rules: SubsidyRules, employerKind: EmployerKind): number {
  return rules.amountPerPerson + (WORKSHOP_KINDS.includes(employerKind) ? rules.workshopBonus : 0);
}

/** The day the person has been in work for the qualifying months. */
export function qualifiesOn(startedAt: Date, rules: SubsidyRules): Date {
  return addMonths(startedAt, rules.qualifyingMonths);
}

/**
 * Null when the hire earns the subsidy today: started, in work for the qualifying months (a later
 * leave does not undo them), a registered poor labourer whose data was not erased, not on a
 * public-welfare post (plan §2(1): those posts get 社保补贴 and 岗位补贴), and not decided.
 */
export function ineligibility(hire: HireForSubsidy, rules: SubsidyRules, today: Date): Ineligibility | null {
  if (hire.decided) return 'decided';
  if (hire.erased) return 'erased';
  // The registry's one definition (plan §1(2)): an unconfirmed self-registrant is not poor here.
  if (
    rules.onlyRegisteredPoor &&
    !isRegisteredPoor({ povertyStatus: hire.povertyStatus, povertyYear: hire.povertyYear, erasedAt: null })
  )
    return 'not_poor';
  if (hire.publicWelfarePost) return 'public_welfare_post';
  if (!hire.startedAt || (hire.status !== 'started' && hire.status !== 'left')) return 'not_started';
  const qualified = qualifiesOn(hire.startedAt, rules);
  if (hire.leftAt && hire.leftAt < qualified) return 'left_early';
  if (qualified > today) return 'too_short';
  return null;
}

/** Whole months in work up to the leave or today. */
export function monthsInWork(hire: Pick<HireForSubsidy, 'startedAt' | 'leftAt'>, today: Date): number {
  return hire.startedAt ? wholeMonthsBetween(hire.startedAt, hire.leftAt ?? today) : 0;
}
