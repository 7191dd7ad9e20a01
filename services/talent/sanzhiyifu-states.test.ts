import { describe, expect, it } from 'vitest';
import { checkStep, nextStates } from './sanzhiyifu-states.ts';

describe('三支一扶 participant steps', () => {
  const day = { on: '2026-09-01', lastOn: '2026-08-01' };

  it('lets an applicant be selected, then placed on a post, then serve and complete with an outcome', () => {
    expect(checkStep('applied', { ...day, to: 'selected' })).toBeNull();
    expect(checkStep('selected', { ...day, to: 'placed', postId: 'p1' })).toBeNull();
    expect(checkStep('placed', { ...day, to: 'serving' })).toBeNull();
    expect(checkStep('serving', { ...day, to: 'completed', outcome: 'township_hire' })).toBeNull();
  });

  it('refuses a skipped step, a placement without a post, a completion without an outcome, a back-dated step', () => {
    expect(checkStep('applied', { ...day, to: 'placed', postId: 'p1' })).toBe('not_allowed');
    expect(checkStep('selected', { ...day, to: 'placed' })).toBe('post_required');
    expect(checkStep('serving', { ...day, to: 'completed' })).toBe('outcome_required');
    expect(checkStep('applied', { to: 'selected', on: '2026-07-01', lastOn: '2026-08-01' })).toBe('before_last');
    expect(checkStep('nonsense', { ...day, to: 'selected' })).toBe('unknown_state');
  });

  it('offers nothing after the end states', () => {
    expect(nextStates('completed')).toEqual([]);
    expect(nextStates('withdrawn')).toEqual([]);
    expect(nextStates('applied')).toEqual(['selected', 'not_selected', 'withdrawn']);
  });
});
