import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorkbook } from './xlsx-workbook.ts';

/** A workbook as ExcelJS writes it: its sheets stored before `xl/workbook.xml` and the shared strings. */
async function workbook(sheets: Record<string, string[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function rowsOf(content: Buffer): Promise<{ sheet: string; cells: unknown[] }[]> {
  const rows: { sheet: string; cells: unknown[] }[] = [];
  for await (const sheet of readWorkbook(content)) {
    // The reader names a sheet from the workbook (not in ExcelJS's type declarations).
    const { name } = sheet as unknown as { name: string };
    for await (const row of sheet) rows.push({ sheet: name, cells: (row.values as unknown[]).slice(1) });
  }
  return rows;
}

describe('readWorkbook', () => {
  const tmpdir = process.env.TMPDIR;
  afterEach(() => {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  });

  it('reads every sheet in tab order, shared strings resolved, without writing to the temp directory', async () => {
    const content = await workbook({
      劳动力: [
        ['姓名', '联系电话'],
        ['林秀英', '13900000001'],
      ],
      说明: [['本表由县就业局导出']],
    });
    // ExcelJS's own streaming pass parks sheets stored before the shared strings in temp files, and
    // loses an entry now and then while it waits on them (exceljs#3064). A read-only or missing temp
    // directory (a hardened container) made that path fail every time; read by the zip's directory
    // it is never taken.
    process.env.TMPDIR = path.join(os.tmpdir(), 'workbridge-no-such-directory');
    expect(await rowsOf(content)).toEqual([
      { sheet: '劳动力', cells: ['姓名', '联系电话'] },
      { sheet: '劳动力', cells: ['林秀英', '13900000001'] },
      { sheet: '说明', cells: ['本表由县就业局导出'] },
    ]);
  });

  it('refuses a file that is not a zip archive with an error, not a hang', async () => {
    await expect(rowsOf(Buffer.from('PK\u0003\u0004 but not really a zip'))).rejects.toThrow();
  });
});
