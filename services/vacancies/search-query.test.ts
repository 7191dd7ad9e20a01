import { describe, expect, it } from 'vitest';
import { asPhrases, placeIndex, understandQuery, understoodFilter } from './search-query.ts';

const PLACES = placeIndex([
  { code: '35', name: '福建省' },
  { code: '3508', name: '龙岩市' },
  { code: '350821', name: '长汀县' },
  { code: '350821106', name: '河田镇' },
  { code: '350405', name: '沙县区' },
  { code: '3501', name: '福州市' },
  { code: '350112', name: '长乐区' },
  { code: '350424', name: '宁化县' },
  { code: '350424109', name: '城郊镇' },
  { code: '350430', name: '建宁县' },
  { code: '350430109', name: '城郊镇' },
  { code: '350430400', name: '福建建宁经济开发区' },
  { code: '350999101', name: '长乐镇' },
]);
const KEEP = new Set(['沙县小吃', '保洁']);

describe('reading a job query (issue 18, item 9)', () => {
  it('takes place names, with or without their level word, out of the text as a region filter', () => {
    const read = understandQuery('长汀 保洁', PLACES, KEEP);
    expect(read.text).toBe('保洁');
    expect(read.places).toEqual([{ code: '350821', name: '长汀县' }]);
    expect(read.withoutPlaces).toBe('保洁');
    expect(understoodFilter(read)).toEqual(['regionPrefixes IN ["350821"]']);
    expect(understandQuery('长汀县 保洁', PLACES, KEEP).places[0]!.code).toBe('350821');
    // Written together, and a city before its county: the county is kept.
    const together = understandQuery('龙岩长汀保洁', PLACES, KEEP);
    expect(together.text).toBe('保洁');
    expect(together.places.map((p) => p.code)).toEqual(['350821']);
    expect(understandQuery('河田 保洁', PLACES, KEEP).places[0]!.code).toBe('350821106');
  });

  it('keeps trade names that begin like a place, prefers a county over a township of the same name', () => {
    expect(understandQuery('沙县小吃', PLACES, KEEP)).toMatchObject({ text: '沙县小吃', places: [] });
    expect(understandQuery('沙县 小吃', PLACES, KEEP)).toMatchObject({ text: '小吃', places: [{ code: '350405' }] });
    expect(understandQuery('长乐 保安', PLACES, KEEP).places).toEqual([{ code: '350112', name: '长乐区' }]);
    // Two townships of one name in two counties: both.
    expect(understandQuery('城郊 普工', PLACES, KEEP).places.map((p) => p.code)).toEqual(['350424109', '350430109']);
    // Development zones are not places a person types.
    expect(understandQuery('开发区', PLACES, KEEP).places).toEqual([]);
  });

  it('turns condition words into filters and drops filler words', () => {
    const read = understandQuery('找普工包吃住工作', PLACES, KEEP);
    expect(read.text).toBe('普工');
    expect(read.conditions).toEqual(['boardLodging']);
    expect(understoodFilter(read)).toEqual(['accommodation = true', 'meals = true']);
    const day = understandQuery('日结 小工', PLACES, KEEP);
    expect(day).toMatchObject({ text: '小工', conditions: ['dayPay'] });
    expect(understoodFilter(day)).toEqual(['payBasis = "day"']);
    expect(understandQuery('公益岗', PLACES, KEEP)).toMatchObject({ text: '', conditions: ['publicWelfare'] });
    const age = understandQuery('50岁 保洁', PLACES, KEEP);
    expect(age).toMatchObject({ text: '保洁', age: 50 });
    expect(understoodFilter(age)).toEqual(['(ageMax IS NULL OR ageMax >= 50)', '(ageMin IS NULL OR ageMin <= 50)']);
  });

  it('quotes Chinese words of two or more characters and leaves one character as a prefix', () => {
    expect(asPhrases('服务员 茶 smt')).toBe('"服务员" 茶 smt');
    expect(asPhrases('')).toBe('');
  });
});
