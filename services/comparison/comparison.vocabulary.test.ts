import { describe, expect, it } from 'vitest';
import { mapColumns } from './comparison.columns.ts';
import {
  classifyEmployment,
  classifyPension,
  classifyPoverty,
  isoDay,
  isPensionInsurance,
  registryWorkState,
} from './comparison.vocabulary.ts';

describe('column headers', () => {
  it('recognises the common Chinese headers, ignoring spaces, asterisks and full-width brackets', () => {
    expect(mapColumns(['序号', ' 姓 名 ', '*公民身份号码', '职业（工种）', '就业登记状态', '参保险种'])).toEqual({
      name: 1,
      idNumber: 2,
      occupation: 3,
      employmentStatus: 4,
      insuranceType: 5,
    });
  });

  it('keeps the first of two columns that mean the same', () => {
    expect(mapColumns(['身份证号', '证件号码']).idNumber).toBe(0);
  });

  it('does not read 户主姓名 (the household head) as the person’s name', () => {
    expect(mapColumns(['户主姓名', '身份证号']).name).toBeUndefined();
  });
});

describe('employment words', () => {
  it.each([
    ['已就业', 'employed'],
    ['在岗', 'employed'],
    ['灵活就业', 'employed'],
    ['有效', 'employed'],
    ['未就业', 'unemployed'],
    ['失业', 'unemployed'],
    ['否', 'unemployed'],
    ['已注销', 'terminated'],
    ['终止', 'terminated'],
    ['无效', 'terminated'],
    ['离职', 'terminated'],
  ] as const)('reads %s as %s', (text, state) => {
    expect(classifyEmployment(text)).toBe(state);
  });

  it('leaves blank and unknown words unread', () => {
    expect(classifyEmployment('')).toBeUndefined();
    expect(classifyEmployment('见附件')).toBeUndefined();
  });

  it('counts unemployed and out of the labour force as not working, training as neither', () => {
    expect(registryWorkState('unemployed')).toBe('not_working');
    expect(registryWorkState('not_in_labour_force')).toBe('not_working');
    expect(registryWorkState('in_training')).toBe('neutral');
    expect(registryWorkState('transferred_out_province')).toBe('working');
    expect(registryWorkState('public_welfare_post')).toBe('working');
  });
});

describe('pension words', () => {
  it.each([
    ['已参保', 'enrolled'],
    ['正常缴费', 'enrolled'],
    ['待遇领取', 'enrolled'],
    ['是', 'enrolled'],
    ['城乡居民基本养老保险', 'enrolled'],
    ['未参保', 'not_enrolled'],
    ['暂停缴费', 'not_enrolled'],
    ['终止参保', 'not_enrolled'],
    ['否', 'not_enrolled'],
  ] as const)('reads %s as %s', (text, state) => {
    expect(classifyPension(text)).toBe(state);
  });

  it('tells a pension insurance from the others', () => {
    expect(isPensionInsurance('城乡居民基本养老保险')).toBe(true);
    expect(isPensionInsurance('企业职工基本养老保险')).toBe(true);
    expect(isPensionInsurance('基本医疗保险')).toBe(false);
  });
});

describe('poverty words', () => {
  it.each([
    ['已脱贫', 'lifted_out'],
    ['稳定脱贫', 'lifted_out'],
    ['建档立卡脱贫户', 'lifted_out'],
    ['未脱贫', 'registered'],
    ['贫困户', 'registered'],
  ] as const)('reads %s as %s', (text, state) => {
    expect(classifyPoverty(text)).toBe(state);
  });
});

describe('dates', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['20240501', '2024-05-01'],
    ['45413', '2024-05-01'],
  ])('reads %s', (text, day) => {
    expect(isoDay(text)).toBe(day);
  });

  it('reads a spreadsheet date and ignores what is not a date', () => {
    expect(isoDay(new Date(Date.UTC(2024, 4, 1)))).toBe('2024-05-01');
    expect(isoDay('去年')).toBeUndefined();
  });
});
