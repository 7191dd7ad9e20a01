import { describe, expect, it } from 'vitest';
import { findEnglishWords, findGenericBanners, findLeakedValues } from './text-checks.ts';

describe('findLeakedValues', () => {
  it('finds what a template prints for a missing or odd value', () => {
    expect(findLeakedValues(['月薪 NaN 元', '联系人：undefined', '[object Object]', 'Invalid Date 截止'])).toEqual([
      '"NaN" in "月薪 NaN 元"',
      '"undefined" in "联系人：undefined"',
      '"[object Object]" in "[object Object]"',
      '"Invalid Date" in "Invalid Date 截止"',
    ]);
    expect(findLeakedValues(['null'])).toEqual(['"null" in "null"']);
  });

  it('leaves words that merely contain them alone', () => {
    expect(findLeakedValues(['Nullable', 'annulled', 'NaNa', '岗位'])).toEqual([]);
  });
});

describe('findEnglishWords', () => {
  it('finds untranslated labels and raw enum values', () => {
    expect(findEnglishWords('状态：approved\n提交 Submit')).toEqual(['approved', 'Submit']);
  });

  it('allows file formats, the product name and the abbreviations Chinese texts use', () => {
    expect(findEnglishWords('导出 CSV · Excel · 二维码 QR · SMT贴片工 · 演示密码 WorkBridge-demo-1 · 5 km')).toEqual(
      [],
    );
  });

  it('does not take codes, single letters, user names or addresses for words', () => {
    expect(findEnglishWords('入场码 3K7Q9MXW · A栋 · officer.changting · walk1@example.com')).toEqual([]);
  });
});

describe('findGenericBanners', () => {
  it('finds the banner that does not say which condition was wrong', () => {
    expect(findGenericBanners('岗位\n搜索条件有误，已显示全部岗位。\n列表')).toEqual([
      '搜索条件有误，已显示全部岗位。',
    ]);
    expect(findGenericBanners('最低月薪：请输入数字')).toEqual([]);
  });
});
