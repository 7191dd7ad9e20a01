import { describe, expect, it } from 'vitest';
import { translate } from '../platform/i18n/i18n.ts';
import { ageCutoffs } from './age-cutoffs.ts';
import { CASE_KINDS, CASE_STATES, canMove, FIRST_STATE, isFinal, statesOf } from './case-states.ts';
import { figuresFrom } from './coverage-figures.ts';

describe('insurance case states', () => {
  it('starts every kind at identified, leads only to its own states, and can always be ended', () => {
    for (const kind of CASE_KINDS) {
      const states = statesOf(kind);
      expect(states[0], kind).toBe(FIRST_STATE);
      for (const state of states) {
        for (const next of CASE_STATES[kind][state]!.next) expect(states, `${kind}.${state}→${next}`).toContain(next);
      }
      // Every open state reaches a final one: no case can get stuck open.
      const reachesEnd = (state: string, seen = new Set<string>()): boolean =>
        isFinal(kind, state) ||
        CASE_STATES[kind][state]!.next.some((n) => !seen.has(n) && reachesEnd(n, new Set([...seen, state])));
      for (const state of states) expect(reachesEnd(state), `${kind}.${state}`).toBe(true);
    }
  });

  it('allows only the listed steps', () => {
    expect(canMove('pension_60_plus', 'identified', 'enrolling')).toBe(true);
    expect(canMove('pension_60_plus', 'identified', 'receiving_benefit')).toBe(false);
    expect(canMove('pension_60_plus', 'benefit_applied', 'receiving_benefit')).toBe(true);
    expect(canMove('pension_60_plus', 'receiving_benefit', 'identified')).toBe(false);
    expect(canMove('uninsured', 'enrolling', 'insured')).toBe(true);
    expect(canMove('uninsured', 'identified', 'no_such_state')).toBe(false);
  });

  it('reaches the person’s record from the final states the plan asks for', () => {
    expect(CASE_STATES.pension_60_plus.receiving_benefit!.effect).toBe('receiving_benefit');
    expect(CASE_STATES.uninsured.insured!.effect).toBe('insured');
    expect(CASE_STATES.government_paid.paid!.effect).toBe('government_paid');
  });

  it('names every kind and state, and the next action of every open state, in both languages', () => {
    for (const locale of ['zh-CN', 'en']) {
      for (const kind of CASE_KINDS) {
        const kindKey = `insurance.kinds.${kind}`;
        expect(translate(locale, kindKey), `${locale} ${kindKey}`).not.toBe(kindKey);
        for (const state of statesOf(kind)) {
          const stateKey = `insurance.states.${state}`;
          expect(translate(locale, stateKey), `${locale} ${stateKey}`).not.toBe(stateKey);
          if (isFinal(kind, state)) continue;
          const next = `insurance.next.${kind}.${state}`;
          expect(translate(locale, next), `${locale} ${next}`).not.toBe(next);
        }
      }
    }
  });
});

describe('insurance figures', () => {
  it('works out coverage, 60+ take-up and open cases from hand-counted people (plan §1(2), §4(1), §4(2))', () => {
    // 8 registered poor aged 16+, 6 of them insured → 75.0 % (§1(2) 法定人员参加基本养老保险全覆盖).
    // 3 aged 60+, 1 receiving → 33.3 % (§4(1) 尽快领取待遇). 2 with 代缴 (§4(2)).
    const values = figuresFrom({
      eligible: 8,
      covered: 6,
      aged60: 3,
      receiving60: 1,
      governmentPaid: 2,
      open: [
        { kind: 'pension_60_plus', count: 2 },
        { kind: 'home_visit', count: 1 },
      ],
    });
    expect(values).toMatchObject({
      pension_eligible: 8,
      pension_covered: 6,
      pension_coverage: 75,
      pension_60_plus: 3,
      pension_60_plus_receiving: 1,
      pension_60_plus_receiving_share: 33.3,
      pension_government_paid: 2,
      insurance_cases_open_pension_60_plus: 2,
      insurance_cases_open_home_visit: 1,
      insurance_cases_open_uninsured: 0,
      insurance_cases_open: 3,
    });
    expect(
      figuresFrom({ eligible: 0, covered: 0, aged60: 0, receiving60: 0, governmentPaid: 0, open: [] }),
    ).toMatchObject({
      pension_coverage: 0,
      pension_60_plus_receiving_share: 0,
    });
  });

  it('counts ages on the Beijing calendar, a 29 February birthday on 28 February', () => {
    // 2026-12-05T17:00Z is already 6 December in Beijing.
    expect(ageCutoffs(new Date('2026-12-05T17:00:00Z'))).toEqual({
      sixteen: new Date('2010-12-06T00:00:00Z'),
      sixty: new Date('1966-12-06T00:00:00Z'),
    });
    expect(ageCutoffs(new Date('2028-02-29T04:00:00Z')).sixteen).toEqual(new Date('2012-02-29T00:00:00Z'));
    expect(ageCutoffs(new Date('2028-02-29T04:00:00Z')).sixty.toISOString().slice(0, 10)).toBe('1968-02-29');
    expect(ageCutoffs(new Date('2025-02-28T04:00:00Z')).sixteen).toEqual(new Date('2009-02-28T00:00:00Z'));
  });
});
