import { describe, expect, it } from 'vitest';
import { knownJobWords, nameGrams, occupationAliases, vacancyDocumentVersion } from './search-text.ts';

describe('search helps for Chinese job names', () => {
  it('cuts names into every 2- and 3-character piece, each once, and skips brackets and Latin text', () => {
    expect(nameGrams(['维修电工']).split(' ')).toEqual(['维修', '修电', '电工', '维修电', '修电工']);
    expect(nameGrams(['水电工', '水电工']).split(' ')).toEqual(['水电', '电工', '水电工']);
    const grams = nameGrams(['普工（流水线）', 'SMT操作员']).split(' ');
    expect(grams).toContain('普工');
    expect(grams).toContain('流水线');
    expect(grams).not.toContain('工（');
    expect(grams).not.toContain('工流');
    expect(grams).toContain('操作员');
    expect(nameGrams(['A', '电'])).toBe('');
  });

  it('reads the colloquial names of occupations from the reference data', () => {
    expect(occupationAliases('C02-001')).toContain('普工');
    expect(occupationAliases('C05-003')).toContain('月嫂');
    expect(occupationAliases('C05-001')).toContain('保姆');
    expect(occupationAliases('C06-005')).toContain('跑腿');
    expect(occupationAliases('NO-SUCH')).toEqual([]);
    expect(knownJobWords().has('沙县小吃')).toBe(true);
    expect(vacancyDocumentVersion()).toMatch(/^\d+-[0-9a-f]{12}$/);
  });
});
