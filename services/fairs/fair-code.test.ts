import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, newRegistrationCode, normaliseCode } from './fair-code.ts';

describe('registration codes', () => {
  it('are eight Crockford base32 characters', () => {
    for (let i = 0; i < 50; i += 1) {
      const code = newRegistrationCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(normaliseCode(code)).toBe(code);
    }
    expect(CODE_LENGTH).toBe(8);
  });

  it('reads typed codes forgivingly: case, spaces, dashes and look-alike letters', () => {
    expect(normaliseCode('ab12-cd3o')).toBe('AB12CD30');
    expect(normaliseCode(' il2 3 4567 ')).toBe('11234567');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseCode('ABC')).toBeNull();
    expect(normaliseCode('ABCDEFGU')).toBeNull();
    expect(normaliseCode('ABCDEFGH9')).toBeNull();
  });
});
