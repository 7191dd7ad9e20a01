import { describe, expect, it } from 'vitest';
import { creditCodeCheck, isValidCreditCode } from './credit-code.ts';

describe('unified social credit code', () => {
  it('accepts a published code and rejects it with one character changed', () => {
    // 91350100M000100Y43 is the example the standard's explanations commonly cite.
    const code = '91350100M000100Y43';
    expect(creditCodeCheck(code.slice(0, 17))).toBe('3');
    expect(isValidCreditCode(code)).toBe(true);
    expect(isValidCreditCode(code.toLowerCase())).toBe(true);
    expect(isValidCreditCode(code.slice(0, 16) + (code[16] === '4' ? '5' : '4') + code[17])).toBe(false);
  });

  it('rejects letters outside the alphabet and wrong lengths', () => {
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false);
    expect(isValidCreditCode('9135010')).toBe(false);
  });
});
