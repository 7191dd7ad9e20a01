import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { readExternalList, sniffFormat } from './external-list.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/comparison');

async function problemCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues[0]?.code;
    throw error;
  }
  return undefined;
}

describe('reading an external list', () => {
  it('reads UTF-8 CSV with a BOM, numbering rows as a spreadsheet does and skipping blank ones', async () => {
    const csv = Buffer.from('\uFEFF姓名,身份证号\r\n张三,"350821199001011234"\r\n,\r\n李四,1\r\n', 'utf8');
    expect(await readExternalList(csv)).toEqual([
      { rowNumber: 1, cells: ['姓名', '身份证号'] },
      { rowNumber: 2, cells: ['张三', '350821199001011234'] },
      { rowNumber: 4, cells: ['李四', '1'] },
    ]);
  });

  it('reads a GBK file as Excel in China saves it', async () => {
    const rows = await readExternalList(fs.readFileSync(path.join(FIXTURES, 'poverty-office-gbk.csv')));
    expect(rows[0]?.cells[0]).toBe('长汀县扶贫办建档立卡人员名单（导出）');
    expect(rows[1]?.cells).toEqual(['姓名', '身份证号', '户籍区划', '脱贫状态', '是否参加城乡居民基本养老保险']);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 6]);
  });

  it('reads tab-separated text', async () => {
    const rows = await readExternalList(Buffer.from('姓名\t身份证号\n张三\t1\n'));
    expect(rows[1]?.cells).toEqual(['张三', '1']);
  });

  it('reads the first sheet of an XLSX file, marking cells stored as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['姓名', '身份证号', '登记日期']);
    sheet.addRow(['张三', '350821199001011234', new Date(Date.UTC(2024, 4, 1))]);
    sheet.addRow([]);
    sheet.addRow(['李四', 350821199001011200, { richText: [{ text: '2024-' }, { text: '06-01' }] }]);
    workbook.addWorksheet('说明').addRow(['不是名单']);
    const rows = await readExternalList(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows.map((r) => [r.rowNumber, r.cells])).toEqual([
      [1, ['姓名', '身份证号', '登记日期']],
      [2, ['张三', '350821199001011234', '2024-05-01']],
      [4, ['李四', '350821199001011200', '2024-06-01']],
    ]);
    expect(rows[2]?.numeric?.has(1)).toBe(true);
    expect(rows[1]?.numeric).toBeUndefined();
  });

  it('refuses an empty file, the old .xls format and a broken XLSX with a reason', async () => {
    expect(await problemCode(() => readExternalList(Buffer.alloc(0)))).toBe('empty_file');
    expect(await problemCode(() => readExternalList(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])))).toBe(
      'xls_not_supported',
    );
    expect(await problemCode(() => readExternalList(Buffer.from('PK\x03\x04garbage')))).toBe('unreadable_file');
  });

  it('tells the format by the content, not the name', () => {
    expect(sniffFormat(Buffer.from('PK\x03\x04'))).toBe('xlsx');
    expect(sniffFormat(Buffer.from('姓名,身份证号'))).toBe('csv');
  });
});
