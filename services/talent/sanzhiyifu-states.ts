/**
 * The 三支一扶 participant's way through a plan, as data: from application through selection and
 * placement to the two-year service, and what became of them after it (plan §5(4)). A step not
 * listed here is refused; every step is dated and signed (SzyfTransition).
 */
export const SZYF_STATES = [
  'applied',
  'selected',
  'not_selected',
  'placed',
  'serving',
  'withdrawn',
  'completed',
] as const;
export type SzyfState = (typeof SZYF_STATES)[number];

/** What became of a participant after the two years (recorded with the step to completed). */
export const SZYF_OUTCOMES = ['township_hire', 'further_study', 'other_work', 'left'] as const;
export type SzyfOutcome = (typeof SZYF_OUTCOMES)[number];

export const SZYF_TRANSITIONS: Readonly<Record<SzyfState, readonly SzyfState[]>> = {
  applied: ['selected', 'not_selected', 'withdrawn'],
  selected: ['placed', 'withdrawn'],
  not_selected: [],
  placed: ['serving', 'withdrawn'],
  serving: ['completed', 'withdrawn'],
  withdrawn: [],
  completed: [],
};

/** Reached selection (recruited 招募), whatever happened after. */
export const RECRUITED_STATES: readonly SzyfState[] = ['selected', 'placed', 'serving', 'completed'];
/** Holding a post (placed 派遣到岗), in service or done. */
export const PLACED_STATES: readonly SzyfState[] = ['placed', 'serving', 'completed'];

export type StepProblem = 'unknown_state' | 'not_allowed' | 'post_required' | 'outcome_required' | 'before_last';

/** Whether `from` → `to` may be taken on `on` with what the step carries; the problem otherwise. */
export function checkStep(
  from: string,
  step: { to: string; on: string; lastOn: string; postId?: string | null; outcome?: string | null },
): StepProblem | null {
  if (!(SZYF_STATES as readonly string[]).includes(from)) return 'unknown_state';
  if (!SZYF_TRANSITIONS[from as SzyfState].includes(step.to as SzyfState)) return 'not_allowed';
  if (step.on < step.lastOn) return 'before_last';
  if (step.to === 'placed' && !step.postId) return 'post_required';
  if (step.to === 'completed' && !step.outcome) return 'outcome_required';
  return null;
}

/** The steps a participant in `state` may take next (the page offers only these). */
export const nextStates = (state: string): readonly SzyfState[] =>
  (SZYF_STATES as readonly string[]).includes(state) ? SZYF_TRANSITIONS[state as SzyfState] : [];
