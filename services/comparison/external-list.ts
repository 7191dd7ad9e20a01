import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import {
  checkCells,
  checkRowCount,
  isUploadLimitError,
  UPLOAD_LIMITS,
  uploadLimitError,
} from '../platform/upload-limits.ts';
import { readWorkbook } from '../platform/xlsx-workbook.ts';
import { isoDay } from './comparison.vocabulary.ts';

/** One non-empty row of a list, numbered as the spreadsheet numbers it (the first row is 1). */
export interface RawRow {
  rowNumber: number;
  cells: string[];
  /** Columns whose cell was stored as a number: an 18-digit ID number kept so has lost its last digits. */
  numeric?: Set<number>;
}

export type ListFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function unreadable(code: string, message: string): ValidationError {
  return new ValidationError(message, [{ field: 'file', code, message }]);
}

/** The content decides, not the name or the declared type: officers rename files freely. */
export function sniffFormat(content: Buffer): ListFormat {
  if (content.length === 0) throw unreadable('empty_file', 'The file is empty');
  if (content.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (content.subarray(0, 4).equals(OLE_MAGIC))
    throw unreadable('xls_not_supported', 'The old .xls format is not read: save the sheet as .xlsx or CSV');
  return 'csv';
}

/** UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK, what Excel in China saves). */
export function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

const isBlank = (cells: string[]) => cells.every((cell) => cell === '');

function readCsv(content: Buffer): RawRow[] {
  let records: string[][];
  try {
    records = parse(decodeText(content), {
      delimiter: [',', '\t'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      max_record_size: UPLOAD_LIMITS.rowBytes,
    }) as string[][];
  } catch (error) {
    const csv = error as { code?: string; lines?: number };
    if (csv.code === 'CSV_MAX_RECORD_SIZE') throw uploadLimitError('row_too_long', csv.lines);
    throw unreadable('unreadable_file', `The CSV file could not be read: ${(error as Error).message}`);
  }
  const rows: RawRow[] = [];
  records.forEach((cells, index) => {
    if (isBlank(cells)) return;
    checkCells(cells, index + 1);
    checkRowCount(rows.push({ rowNumber: index + 1, cells }));
  });
  return rows;
}

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value) ?? '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(content: Buffer): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  try {
    let first = true;
    for await (const sheet of readWorkbook(content)) {
      for await (const row of sheet) {
        // Only the first sheet is the list; the others are drained so the reader can finish.
        if (!first) continue;
        const values = (row.values as CellValue[]).slice(1);
        const numeric = new Set<number>();
        const cells = Array.from(values, (value, index) => {
          if (typeof value === 'number') numeric.add(index);
          return cellText(value).trim();
        });
        if (isBlank(cells)) continue;
        checkCells(cells, row.number);
        checkRowCount(rows.push({ rowNumber: row.number, cells, ...(numeric.size ? { numeric } : {}) }));
      }
      first = false;
    }
  } catch (error) {
    if (isUploadLimitError(error)) throw error;
    throw unreadable('unreadable_file', `The XLSX file could not be read: ${(error as Error).message}`);
  }
  return rows;
}

/** Reads the first sheet of an XLSX file or a CSV file into its non-empty rows. */
export async function readExternalList(content: Buffer): Promise<RawRow[]> {
  return sniffFormat(content) === 'xlsx' ? readXlsx(content) : readCsv(content);
}
