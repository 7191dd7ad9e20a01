/**
 * Streaming readers for the files officers upload: CSV (UTF-8 or GB18030, comma or tab) and XLSX
 * (first sheet). Rows come one at a time, numbered as the spreadsheet numbers them, so a file of
 * 100,000 rows never sits in memory as records.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { checkCells, checkRowCount, UPLOAD_LIMITS, uploadLimitError } from '../platform/upload-limits.ts';
import { readWorkbook } from '../platform/xlsx-workbook.ts';

export type FileFormat = 'csv' | 'xlsx';

/** A file that can be read more than once (the import reads it twice: survey, then write). */
export interface ImportFile {
  name: string;
  open(): Readable;
  /** The whole file, when it is already held (an upload): an XLSX archive is read from it as it is. */
  content?: Buffer;
  /** Where it lies, when it is read from disk (the command line). */
  path?: string;
}

const SLICE_BYTES = 64 * 1024;

/** In slices, so that no reader takes in the whole file as one chunk (one string of 30 MB). */
function* slices(content: Buffer): Generator<Buffer> {
  for (let at = 0; at < content.length; at += SLICE_BYTES) yield content.subarray(at, at + SLICE_BYTES);
}

export function fileFromBuffer(name: string, content: Buffer): ImportFile {
  return { name, content, open: () => Readable.from(slices(content)) };
}

export function fileFromPath(filePath: string): ImportFile {
  return { name: path.basename(filePath), path: filePath, open: () => fs.createReadStream(filePath) };
}

export interface SheetRow {
  rowNumber: number;
  cells: string[];
  /** Columns whose cell was a number in the sheet: a long ID number stored so has lost digits. */
  numeric?: Set<number>;
}

export interface FileFacts {
  format: FileFormat;
  sha256: string;
  size: number;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function unreadable(code: string, message: string) {
  return new ValidationError(message, [{ field: 'file', code, message }]);
}

/** Hash and format in one pass; the content decides the format, not the name officers gave it. */
export async function inspectFile(file: ImportFile): Promise<FileFacts> {
  const hash = crypto.createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of file.open()) {
    const bytes = chunk as Buffer;
    if (head.length < 4) head = Buffer.concat([head, bytes.subarray(0, 4)]);
    hash.update(bytes);
    size += bytes.length;
  }
  if (size === 0) throw unreadable('empty_file', 'The file is empty');
  if (head.subarray(0, 4).equals(OLE_MAGIC))
    throw unreadable('xls_not_supported', 'The old .xls format cannot be read: save the sheet as .xlsx or CSV');
  return { format: head.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv', sha256: hash.digest('hex'), size };
}

function chooseDecoder(sample: Buffer, complete: boolean): TextDecoder {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return new TextDecoder('utf-8');
  } catch {
    // Excel in China saves CSV as GBK; GB18030 is its superset.
    return new TextDecoder('gb18030');
  }
}

async function* decodeText(stream: Readable): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  const pending: Buffer[] = [];
  let buffered = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    if (decoder) {
      yield decoder.decode(bytes, { stream: true });
      continue;
    }
    pending.push(bytes);
    buffered += bytes.length;
    if (buffered < 64 * 1024) continue;
    const sample = Buffer.concat(pending);
    decoder = chooseDecoder(sample, false);
    yield decoder.decode(sample, { stream: true });
  }
  if (!decoder) {
    const sample = Buffer.concat(pending);
    decoder = chooseDecoder(sample, true);
    yield decoder.decode(sample, { stream: true });
  }
  yield decoder.decode();
}

async function* csvRows(file: ImportFile): AsyncGenerator<SheetRow> {
  const texts = decodeText(file.open());
  const first = await texts.next();
  const head = first.done ? '' : first.value;
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string) => firstLine.split(char).length - 1;
  const parser = parse({
    delimiter: count('\t') > count(',') ? '\t' : ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: UPLOAD_LIMITS.rowBytes,
  });
  const source = Readable.from(
    (async function* () {
      if (head) yield head;
      yield* texts;
    })(),
  );
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.map((cell) => cell.trim());
      if (!cells.some(Boolean)) continue;
      checkCells(cells, info.lines);
      checkRowCount(++rows);
      yield { rowNumber: info.lines, cells };
    }
  } catch (error) {
    const csv = error as { code?: string; lines?: number };
    if (csv.code === 'CSV_MAX_RECORD_SIZE') throw uploadLimitError('row_too_long', csv.lines);
    throw error;
  }
}

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): { text: string; numeric: boolean } {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'string') return { text: value.trim(), numeric: false };
  if (typeof value === 'number') return { text: String(value), numeric: true };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if ('richText' in value)
    return {
      text: value.richText
        .map((part) => part.text)
        .join('')
        .trim(),
      numeric: false,
    };
  if ('result' in value) return cellText((value.result ?? null) as CellValue);
  if ('text' in value && typeof value.text === 'string') return { text: value.text.trim(), numeric: false };
  return { text: '', numeric: false };
}

async function* xlsxRows(file: ImportFile): AsyncGenerator<SheetRow> {
  let count = 0;
  for await (const sheet of readWorkbook(file.content ?? (await buffer(file.open())))) {
    for await (const row of sheet) {
      const values = (row.values ?? []) as CellValue[];
      const cells: string[] = [];
      const numeric = new Set<number>();
      // ExcelJS numbers columns from 1; index 0 is always empty.
      for (let column = 1; column < values.length; column++) {
        const { text, numeric: isNumber } = cellText(values[column]);
        cells.push(text);
        if (isNumber) numeric.add(column - 1);
      }
      if (!cells.some(Boolean)) continue;
      checkCells(cells, row.number);
      checkRowCount(++count);
      yield { rowNumber: row.number, cells, ...(numeric.size ? { numeric } : {}) };
    }
    // Only the first sheet holds the list; later sheets are notes and code tables.
    return;
  }
}

/** Non-empty rows of the file's first sheet, the header row included. */
export function readRows(file: ImportFile, format: FileFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(file) : csvRows(file);
}
