import { describe, expect, it } from 'vitest';
import { headerScore, normaliseHeader, resolveColumns } from './mapping.ts';
import { maskValue } from './row-validation.ts';

describe('column mapping', () => {
  it('reads headers with spaces, required-markers, hints and full-width forms alike', () => {
    expect(normaliseHeader(' 身份证号（18位）* ')).toBe('身份证号');
    expect(normaliseHeader('姓 名')).toBe('姓名');
    expect(normaliseHeader('联系电话：')).toBe('联系电话');
  });

  it('recognises the usual Chinese headers without a mapping', () => {
    const columns = resolveColumns([
      '序号',
      '姓名',
      '公民身份号码',
      '性别',
      '手机号码',
      '村代码',
      '务工状态',
      '是否有就业意愿',
    ]);
    expect(Object.fromEntries(columns.index)).toEqual({
      name: 1,
      idNumber: 2,
      sex: 3,
      phone: 4,
      regionCode: 5,
      employmentStatus: 6,
      wantsJob: 7,
    });
    expect(columns.missing).toEqual([]);
  });

  it('lets a saved mapping win and reports what it names but the file lacks', () => {
    const columns = resolveColumns(['劳动力', '证件号', '户籍村', '姓名'], {
      name: '劳动力',
      idNumber: '证件号',
      regionCode: '户籍村',
      phone: '电话',
    });
    expect(columns.index.get('name')).toBe(0);
    expect(columns.header.get('idNumber')).toBe('证件号');
    expect(columns.absent).toEqual([{ field: 'phone', header: '电话' }]);
  });

  it('lists the required columns that are missing', () => {
    expect(resolveColumns(['姓名', '性别']).missing).toEqual(['idNumber', 'regionCode']);
  });

  it('scores a title row low and the header row high', () => {
    expect(headerScore(['长汀县建档立卡贫困劳动力信息表'])).toBe(0);
    expect(headerScore(['姓名', '身份证号', '性别'])).toBe(3);
  });

  it('masks personal values, and ID and mobile numbers found in any column', () => {
    expect(maskValue('idNumber', '350821198605120017')).toBe('350821********0017');
    expect(maskValue('phone', '13905971234')).toBe('139****1234');
    expect(maskValue('name', '林秀英')).toBe('林**');
    expect(maskValue('employmentStatus', '350821198605120017')).toBe('350821********0017');
    expect(maskValue('skills', '电焊 13905971234')).toBe('电焊 139****1234');
    expect(maskValue('expectedWage', '4000')).toBe('4000');
  });
});
