import { describe, expect, it } from 'vitest';
import { keepCurrent } from './fair-form-choices.ts';

describe('keepCurrent', () => {
  const groups = [{ label: '龙岩市', options: [{ code: '350821', label: '长汀县' }] }];

  it('adds a saved value the choices do not offer, first, so saving unchanged keeps it', () => {
    expect(keepCurrent(groups, '350821100', '现有的值')).toEqual([
      { label: '现有的值', options: [{ code: '350821100', label: '350821100' }] },
      ...groups,
    ]);
  });

  it('leaves the choices alone when they offer the value or there is none', () => {
    expect(keepCurrent(groups, '350821', '现有的值')).toBe(groups);
    expect(keepCurrent(groups, '', '现有的值')).toBe(groups);
    expect(keepCurrent(groups, undefined, '现有的值')).toBe(groups);
  });
});
