import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { safeCell, tableStream } from './tabular.ts';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

const table = {
  fileName: 'test',
  columns: [
    { header: '姓名', value: (r: { name: string; n: number }) => r.name },
    { header: '数量', value: (r: { name: string; n: number }) => r.n },
  ],
};

describe('tabular export', () => {
  it('writes CSV with a BOM, quoting and neutralised formulas', async () => {
    const csv = (
      await collect(
        tableStream('csv', {
          ...table,
          rows: [
            { name: '张三, 长汀', n: 1 },
            { name: '=HYPERLINK("x")', n: 2 },
          ],
        }),
      )
    ).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF姓名,数量\n"张三, 长汀",1\n"\'=HYPERLINK(""x"")",2\n');
  });

  it('writes XLSX that a spreadsheet reader opens, from pages of rows', async () => {
    async function* rows() {
      yield [{ name: '林秀英', n: 3 }];
      yield [{ name: '王建国', n: 4 }];
    }
    const buffer = await collect(tableStream('xlsx', { ...table, rows: rows() }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '数量']);
    expect(sheet.getRow(3).values).toEqual([undefined, '王建国', 4]);
  });

  it('leaves ordinary values alone', () => {
    expect(safeCell('长汀县')).toBe('长汀县');
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(undefined)).toBeNull();
  });
});
