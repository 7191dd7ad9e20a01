import { InsuranceCaseKind } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const CASE_KINDS = enumValues(InsuranceCaseKind);
export type CaseKind = (typeof CASE_KINDS)[number];

/** The kinds an officer works from a registry worklist (the API's `?kind=`); worklists.repository.ts says who is on each. */
export const WORKLIST_KINDS = [
  'uninsured',
  'pension_60_plus',
  'government_paid',
  'home_visit',
  'work_injury',
  'unemployment_benefit',
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

/** The case a worklist row opens: its own kind, except 应发尽发 which opens an unemployment-insurance case. */
export function caseKindOfWorklist(kind: WorklistKind): CaseKind {
  return kind === 'unemployment_benefit' ? 'unemployment_insurance' : kind;
}

/**
 * What reaching a state does to the person's record (services/insurance/case-effects.ts):
 * - insured: the registry's pension field becomes urban-rural resident insurance (unless insured already);
 * - receiving_benefit: that, and the day the pension started;
 * - government_paid: the 代缴 contribution grade given with the step is recorded;
 * - visited / papers_done / work_injury_insured / benefit_paid: the standing's flag for it.
 */
export type StateEffect =
  | 'insured'
  | 'receiving_benefit'
  | 'government_paid'
  | 'visited'
  | 'papers_done'
  | 'work_injury_insured'
  | 'benefit_paid';

export interface CaseState {
  /** Where the case may go next; an empty list closes the case. */
  next: readonly string[];
  effect?: StateEffect;
}

/**
 * Each kind's states and allowed steps, as data: the first state is where a new case starts; a
 * state without a next step is final (the case closes). `closed_not_applicable` ends any case the
 * officer finds has nothing to do (moved away, deceased, insured elsewhere) — the note says why.
 * The next action an officer sees is `insurance.next.<kind>.<state>` in the locales.
 */
export const CASE_STATES: Record<CaseKind, Record<string, CaseState>> = {
  // 全民参保: find the person, explain the schemes, enrol (plan §4(1)).
  uninsured: {
    identified: { next: ['contacted', 'closed_not_applicable'] },
    contacted: { next: ['enrolling', 'closed_not_applicable'] },
    enrolling: { next: ['insured', 'contacted', 'closed_not_applicable'] },
    insured: { next: [], effect: 'insured' },
    closed_not_applicable: { next: [] },
  },
  // 年满60周岁未参保: enrol in resident insurance, complete papers, start the benefit quickly (plan §4(1)).
  pension_60_plus: {
    identified: { next: ['enrolling', 'closed_not_applicable'] },
    enrolling: { next: ['papers_pending', 'benefit_applied', 'closed_not_applicable'] },
    papers_pending: { next: ['benefit_applied', 'closed_not_applicable'] },
    benefit_applied: { next: ['receiving_benefit', 'papers_pending', 'closed_not_applicable'] },
    receiving_benefit: { next: [], effect: 'receiving_benefit' },
    closed_not_applicable: { next: [] },
  },
  // 代缴: the government pays the minimum grade for people in difficulty (plan §4(2)).
  government_paid: {
    identified: { next: ['grade_confirmed', 'closed_not_applicable'] },
    grade_confirmed: { next: ['paid', 'closed_not_applicable'] },
    paid: { next: [], effect: 'government_paid' },
    closed_not_applicable: { next: [] },
  },
  // 上门服务: mobility impairment, mental disability (plan §4(1)).
  home_visit: {
    identified: { next: ['visit_scheduled', 'closed_not_applicable'] },
    visit_scheduled: { next: ['visited', 'identified', 'closed_not_applicable'] },
    visited: { next: [], effect: 'visited' },
    closed_not_applicable: { next: [] },
  },
  // 户籍证件缺失、银行卡（存折）办理困难 (plan §4(1)).
  missing_papers: {
    identified: { next: ['papers_requested', 'closed_not_applicable'] },
    papers_requested: { next: ['papers_done', 'closed_not_applicable'] },
    papers_done: { next: [], effect: 'papers_done' },
    closed_not_applicable: { next: [] },
  },
  // 失业保险金应发尽发 for migrant workers (plan §4(3)).
  unemployment_insurance: {
    identified: { next: ['claim_checked', 'closed_not_applicable'] },
    claim_checked: { next: ['benefit_paid', 'closed_not_eligible'] },
    benefit_paid: { next: [], effect: 'benefit_paid' },
    closed_not_eligible: { next: [] },
    closed_not_applicable: { next: [] },
  },
  // 工伤保险 for poor people in work (plan §4(3)).
  work_injury: {
    identified: { next: ['employer_contacted', 'closed_not_applicable'] },
    employer_contacted: { next: ['work_injury_insured', 'closed_not_applicable'] },
    work_injury_insured: { next: [], effect: 'work_injury_insured' },
    closed_not_applicable: { next: [] },
  },
};

export const FIRST_STATE = 'identified';

export function stateOf(kind: CaseKind, state: string): CaseState | undefined {
  return CASE_STATES[kind][state];
}

export function isFinal(kind: CaseKind, state: string): boolean {
  return (stateOf(kind, state)?.next.length ?? 0) === 0;
}

/** Whether a case of this kind may go from one state to the other. */
export function canMove(kind: CaseKind, from: string, to: string): boolean {
  return stateOf(kind, from)?.next.includes(to) ?? false;
}

/** The states a case of this kind may be in while open (for list filters). */
export function statesOf(kind: CaseKind): string[] {
  return Object.keys(CASE_STATES[kind]);
}

export const ALL_STATES = [...new Set(CASE_KINDS.flatMap((kind) => statesOf(kind)))];
