import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  type ActorKind,
  type ApplicationStatus,
  initialStatus,
  isLegal,
  nextSteps,
  OPEN_STATUSES,
  originFor,
  REQUIRED_FIELDS,
  transitionProblem,
} from './application-states.ts';

// The table spelled out independently of the implementation: every legal step, and nothing else.
const LEGAL = new Set([
  'invited→applied',
  'invited→rejected',
  'invited→withdrawn',
  'applied→viewed',
  'applied→interview',
  'applied→offered',
  'applied→rejected',
  'applied→withdrawn',
  'viewed→interview',
  'viewed→offered',
  'viewed→rejected',
  'viewed→withdrawn',
  'interview→offered',
  'interview→rejected',
  'interview→withdrawn',
  'offered→hired',
  'offered→rejected',
  'offered→withdrawn',
  'hired→started',
  'hired→left',
  'started→left',
]);

const WHO: Record<ApplicationStatus, ActorKind[]> = {
  invited: [],
  applied: ['labourer', 'officer', 'admin'],
  viewed: ['employer', 'admin'],
  interview: ['employer', 'admin'],
  offered: ['employer', 'admin'],
  hired: ['employer', 'admin'],
  started: ['employer', 'officer', 'admin'],
  left: ['employer', 'officer', 'admin'],
  rejected: ['employer', 'admin'],
  withdrawn: ['labourer', 'officer', 'admin'],
};
const ACTORS: ActorKind[] = ['labourer', 'employer', 'officer', 'admin'];
const PAIRS = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.map((to) => [from, to] as const));

describe('application state machine', () => {
  it('has exactly the legal steps of the table (all 100 pairs checked)', () => {
    expect(PAIRS).toHaveLength(100);
    const legal = PAIRS.filter(([from, to]) => isLegal(from, to)).map(([from, to]) => `${from}→${to}`);
    expect(new Set(legal)).toEqual(LEGAL);
  });

  it.each(PAIRS.filter(([from, to]) => !LEGAL.has(`${from}→${to}`)))(
    'refuses %s → %s as illegal for every actor',
    (from, to) => {
      for (const actor of ACTORS) expect(transitionProblem(from, to, actor)).toBe('illegal');
    },
  );

  it.each(PAIRS.filter(([from, to]) => LEGAL.has(`${from}→${to}`)))(
    'lets exactly the right actors take %s → %s',
    (from, to) => {
      for (const actor of ACTORS) {
        expect(transitionProblem(from, to, actor), `${actor} ${from}→${to}`).toBe(
          WHO[to].includes(actor) ? null : 'forbidden',
        );
      }
    },
  );

  it('lets rejected and withdrawn end every open state and nothing else', () => {
    for (const from of APPLICATION_STATUSES) {
      const open = OPEN_STATUSES.includes(from);
      expect(isLegal(from, 'rejected')).toBe(open);
      expect(isLegal(from, 'withdrawn')).toBe(open);
    }
  });

  it('never reopens hired, started, left, rejected or withdrawn', () => {
    for (const from of ['hired', 'started', 'left', 'rejected', 'withdrawn'] as const) {
      for (const to of OPEN_STATUSES) expect(isLegal(from, to)).toBe(false);
    }
    for (const from of ['left', 'rejected', 'withdrawn'] as const) expect(nextSteps(from, 'admin')).toEqual([]);
  });

  it('offers each actor only the steps it may take', () => {
    expect(nextSteps('invited', 'labourer')).toEqual(['applied', 'withdrawn']);
    expect(nextSteps('invited', 'employer')).toEqual(['rejected']);
    expect(nextSteps('applied', 'employer')).toEqual(['viewed', 'interview', 'offered', 'rejected']);
    expect(nextSteps('offered', 'labourer')).toEqual(['withdrawn']);
    expect(nextSteps('hired', 'officer')).toEqual(['started', 'left']);
    expect(nextSteps('started', 'labourer')).toEqual([]);
  });

  it('asks an interview for its time and place and a leave for its reason', () => {
    expect(REQUIRED_FIELDS.interview).toEqual(['interviewAt', 'interviewPlace']);
    expect(REQUIRED_FIELDS.left).toEqual(['leftReason']);
    expect(REQUIRED_FIELDS.offered).toBeUndefined();
  });

  it('starts an employer’s application as an invitation and anyone else’s as applied', () => {
    expect(originFor('employer')).toBe('invitation');
    expect(originFor('labourer')).toBe('self');
    expect(originFor('officer')).toBe('officer');
    expect(originFor('admin')).toBe('officer');
    expect(initialStatus('invitation')).toBe('invited');
    expect(initialStatus('self')).toBe('applied');
    expect(initialStatus('officer')).toBe('applied');
  });
});
