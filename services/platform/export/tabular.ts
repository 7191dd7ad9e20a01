import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type ExportFormat = 'csv' | 'xlsx';
export type Cell = string | number | boolean | Date | null | undefined;

export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
  /** Column width in characters, for XLSX. */
  width?: number;
}

export interface Table<T> {
  fileName: string;
  sheetName?: string;
  columns: Column<T>[];
  /** Rows, or pages of rows read one after another (large exports never sit in memory whole). */
  rows: Iterable<T> | AsyncIterable<T[]>;
}

// A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: Cell): string | number | boolean | Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

async function* pages<T>(rows: Iterable<T> | AsyncIterable<T[]>): AsyncGenerator<T[]> {
  if (Symbol.asyncIterator in rows) {
    for await (const page of rows as AsyncIterable<T[]>) yield page;
  } else {
    yield [...(rows as Iterable<T>)];
  }
}

function cellText(value: ReturnType<typeof safeCell>): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Writes a table as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX into a stream. */
export function tableStream<T>(format: ExportFormat, table: Table<T>): PassThrough {
  const out = new PassThrough();
  const fail = (error: unknown) => out.destroy(error as Error);
  if (format === 'csv') {
    out.write('\uFEFF');
    const csv = stringify();
    csv.pipe(out);
    void (async () => {
      csv.write(table.columns.map((c) => c.header));
      for await (const page of pages(table.rows)) {
        for (const row of page) csv.write(table.columns.map((c) => cellText(safeCell(c.value(row)))));
      }
      csv.end();
    })().catch(fail);
    return out;
  }
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet(table.sheetName ?? 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const page of pages(table.rows)) {
      for (const row of page) sheet.addRow(table.columns.map((c) => safeCell(c.value(row)))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch(fail);
  return out;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sends a table as a download; the file name may be Chinese (RFC 5987). */
export function sendTable<T>(reply: FastifyReply, format: ExportFormat, table: Table<T>) {
  const name = `${table.fileName}.${format}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(tableStream(format, table));
}
