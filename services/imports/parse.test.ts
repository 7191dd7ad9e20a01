import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hugeCellCsv, manyRowsCsv, sharedStringsBombXlsx } from '../../tests/fixtures/hostile-files.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { UPLOAD_LIMITS } from '../platform/upload-limits.ts';
import { fileFromBuffer, inspectFile, readRows, type SheetRow } from './parse.ts';

async function rows(content: Buffer, format: 'csv' | 'xlsx'): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const row of readRows(fileFromBuffer('f', content), format)) out.push(row);
  return out;
}

describe('file readers', () => {
  it('tells CSV from XLSX by content and refuses the old .xls and empty files', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('a').addRow(['姓名']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect((await inspectFile(fileFromBuffer('a.csv', xlsx))).format).toBe('xlsx');
    const csv = await inspectFile(fileFromBuffer('a.xlsx', Buffer.from('姓名\n张三\n')));
    expect(csv).toMatchObject({ format: 'csv', size: 14 });
    expect(csv.sha256).toMatch(/^[0-9a-f]{64}$/);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]);
    await expect(inspectFile(fileFromBuffer('a.xls', xls))).rejects.toThrow(/xls/);
    await expect(inspectFile(fileFromBuffer('a.csv', Buffer.alloc(0)))).rejects.toThrow(/empty/);
  });

  it('numbers CSV rows as the file does, skipping blank lines and keeping quoted line breaks', async () => {
    const content = Buffer.from('\uFEFF姓名,地址\n张三,"长汀县\n汀州镇"\n\n李四,河田镇\n');
    expect(await rows(content, 'csv')).toEqual([
      { rowNumber: 1, cells: ['姓名', '地址'] },
      { rowNumber: 3, cells: ['张三', '长汀县\n汀州镇'] },
      { rowNumber: 5, cells: ['李四', '河田镇'] },
    ]);
  });

  it('reads GB18030 and tab-separated files', async () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x09, 0xd0, 0xd4, 0xb1, 0xf0, 0x0a]); // 姓名\t性别
    expect(await rows(gbk, 'csv')).toEqual([{ rowNumber: 1, cells: ['姓名', '性别'] }]);
  });

  it('reads the first sheet of XLSX with dates, rich text and numbers flagged', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['长汀县劳动力信息表']);
    sheet.addRow(['姓名', '身份证号', '出生日期']);
    sheet.addRow([
      { richText: [{ text: '林' }, { text: '秀英' }] },
      350821198605120000,
      new Date(Date.UTC(1986, 4, 12)),
    ]);
    book.addWorksheet('说明').addRow(['不读']);
    const read = await rows(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx');
    expect(read).toHaveLength(3);
    expect(read[2]).toEqual({
      rowNumber: 3,
      cells: ['林秀英', '350821198605120000', '1986-05-12'],
      numeric: new Set([1]),
    });
  });
});

describe('upload limits while reading', () => {
  const codeOf = async (content: Buffer, format: 'csv' | 'xlsx') => {
    try {
      await rows(content, format);
    } catch (error) {
      if (error instanceof ValidationError) return error.issues[0]?.code;
      throw error;
    }
    return undefined;
  };

  it('refuses a CSV whose one cell is 30 MB before buffering it (the row limit)', async () => {
    expect(await codeOf(hugeCellCsv(30), 'csv')).toBe('row_too_long');
  });

  it('refuses a CSV cell longer than Excel allows, naming the row and the limit', async () => {
    const content = Buffer.from(`姓名,身份证号\n张三,${'a'.repeat(UPLOAD_LIMITS.cellCharacters + 1)}\n`);
    await expect(rows(content, 'csv')).rejects.toThrow(/Row 2: .*32,767 characters/);
  });

  it('refuses more rows than the limit (the header counts)', async () => {
    expect(await codeOf(manyRowsCsv(UPLOAD_LIMITS.rows), 'csv')).toBe('too_many_rows');
  });

  it('refuses an XLSX of 0.5 MB whose shared strings inflate to 150 MB', async () => {
    const bomb = await sharedStringsBombXlsx(150);
    expect(bomb.length).toBeLessThan(600 * 1024);
    expect(await codeOf(bomb, 'xlsx')).toBe('shared_strings_too_large');
  });

  it('refuses an XLSX whose one shared string is 40 MB', async () => {
    expect(await codeOf(await sharedStringsBombXlsx(40, true), 'xlsx')).toBe('cell_too_long');
  });

  it('still reads the same kind of workbook when its shared strings are small', async () => {
    const read = await rows(await sharedStringsBombXlsx(1), 'xlsx');
    expect(read[0]?.cells).toEqual(['张三', '长汀县汀州镇']);
  });
});
