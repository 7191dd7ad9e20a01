import { describe, expect, it } from 'vitest';
import { idCheckCharacter, parseIdNumber } from './id-number.ts';

const valid = (first17: string) => first17 + idCheckCharacter(first17);

describe('parseIdNumber', () => {
  it('accepts a valid number and derives birth date and sex', () => {
    const id = valid('35082119900101123');
    const result = parseIdNumber(id);
    expect(result).toEqual({
      ok: true,
      value: { idNumber: id, regionCode: '350821', birthDate: new Date(Date.UTC(1990, 0, 1)), sex: 'male' },
    });
  });

  it('computes the published check character of the GB 11643 example', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: { sex: 'female' } });
  });

  it('rejects a bad checksum, an impossible date, the old 15-digit form and junk', () => {
    const id = valid('35082119900101123');
    const wrongCheck = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(parseIdNumber(wrongCheck)).toEqual({ ok: false, problem: 'checksum' });
    expect(parseIdNumber(valid('35082119900230123'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber('350821900101123')).toEqual({ ok: false, problem: 'legacy_15_digits' });
    expect(parseIdNumber('35082119900101ABCD')).toEqual({ ok: false, problem: 'format' });
  });

  it('rejects an unknown region when a region check is given', () => {
    expect(parseIdNumber(valid('99999919900101123'), (code) => code.startsWith('35'))).toEqual({
      ok: false,
      problem: 'region',
    });
  });
});
