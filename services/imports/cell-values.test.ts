import { describe, expect, it } from 'vitest';
import {
  readCodeList,
  readDate,
  readEducation,
  readEmploymentStatus,
  readGrade,
  readMobility,
  readName,
  readPension,
  readPhone,
  readPovertyStatus,
  readSex,
  readWage,
  readYear,
  readYesNo,
} from './cell-values.ts';

const value = <T>(result: { ok: true; value: T } | { ok: false }) => (result.ok ? result.value : undefined);

describe('cell values', () => {
  it.each([
    ['男', 'male'],
    ['女性', 'female'],
    [' 女 ', 'female'],
    ['1', 'male'],
  ])('reads the sex %s', (raw, expected) => expect(value(readSex(raw))).toBe(expected));

  it.each([
    ['是', true],
    ['否', false],
    ['有', true],
    ['无', false],
    ['Y', true],
    ['√', true],
    ['不愿意', false],
  ])('reads the yes/no word %s', (raw, expected) => expect(value(readYesNo(raw))).toBe(expected));

  it.each([
    ['未就业', 'unemployed'],
    ['县内务工', 'employed_local'],
    ['省内务工', 'transferred_in_province'],
    ['省外务工', 'transferred_out_province'],
    ['自主创业', 'self_employed'],
    ['公益性岗位', 'public_welfare_post'],
    ['参加培训', 'in_training'],
    ['无劳动能力', 'not_in_labour_force'],
    ['employed_local', 'employed_local'],
  ])('reads the employment status %s', (raw, expected) => expect(value(readEmploymentStatus(raw))).toBe(expected));

  it.each([
    ['小学', 'primary'],
    ['初中', 'junior_secondary'],
    ['初中毕业', 'junior_secondary'],
    ['高中', 'senior_secondary'],
    ['中专', 'vocational'],
    ['大专', 'college'],
    ['本科', 'bachelor_or_above'],
    ['文盲或半文盲', 'none'],
  ])('reads the education level %s', (raw, expected) => expect(value(readEducation(raw))).toBe(expected));

  it('reads mobility, poverty status and pension words', () => {
    expect(value(readMobility('本省'))).toBe('province');
    expect(value(readMobility('不限'))).toBe('anywhere');
    expect(value(readPovertyStatus('已脱贫'))).toBe('lifted_out');
    expect(value(readPovertyStatus('未脱贫'))).toBe('registered');
    expect(value(readPension('城乡居民养老保险'))).toBe('urban_rural_resident');
    expect(value(readPension('职工'))).toBe('employee');
  });

  it('names the reason for a word it does not know', () => {
    expect(readEmploymentStatus('打零工')).toEqual({ ok: false, reason: 'word_employment_status' });
    expect(readSex('未知')).toEqual({ ok: false, reason: 'word_sex' });
  });

  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024.5.1', '2024-05-01'],
    ['20240501', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['２０２４－０５－０１', '2024-05-01'],
    ['2024-05', '2024-05-01'],
  ])('reads the date %s', (raw, expected) => expect(value(readDate(raw))).toBe(expected));

  it('refuses dates that do not exist', () => {
    expect(readDate('2023-02-29').ok).toBe(false);
    expect(readDate('1990-13-01').ok).toBe(false);
    expect(readDate('明年').ok).toBe(false);
  });

  it.each([
    ['4000', 4000],
    ['4,000', 4000],
    ['4000元', 4000],
    ['4000元/月', 4000],
    ['3千', 3000],
    ['0.5万', 5000],
    ['3000-5000', 3000],
    ['３５００', 3500],
  ])('reads the wage %s', (raw, expected) => expect(value(readWage(raw))).toBe(expected));

  it('reads years, disability grades, phones, names', () => {
    expect(value(readYear('2019年'))).toBe(2019);
    expect(value(readGrade('二级'))).toBe(2);
    expect(value(readGrade('4级'))).toBe(4);
    expect(readGrade('五级').ok).toBe(false);
    expect(readPhone('139 0597 1234')).toBe('13905971234');
    expect(readPhone('+8613905971234')).toBe('13905971234');
    expect(readPhone('13905971234/13800000000')).toBe('13905971234');
    expect(readName(' 张 三丰 ')).toBe('张三丰');
    expect(readName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
  });

  it('reads lists of codes or exact names, keeping a slash that belongs to a name', () => {
    const names = new Map([
      ['电焊', 'S-ARC-WELDING'],
      ['叉车操作', 'S-FORKLIFT'],
      ['厨房帮工(切配/打荷)', 'C07-004'],
    ]);
    const lookup = (text: string) => names.get(text) ?? (text.startsWith('S-') ? text : undefined);
    expect(readCodeList('电焊、叉车操作', lookup)).toEqual({ codes: ['S-ARC-WELDING', 'S-FORKLIFT'], unknown: [] });
    expect(readCodeList('电焊/叉车操作', lookup).codes).toEqual(['S-ARC-WELDING', 'S-FORKLIFT']);
    expect(readCodeList('厨房帮工（切配/打荷）', lookup).codes).toEqual(['C07-004']);
    expect(readCodeList('S-REBAR, 电焊；飞行', lookup)).toEqual({
      codes: ['S-REBAR', 'S-ARC-WELDING'],
      unknown: ['飞行'],
    });
  });
});
