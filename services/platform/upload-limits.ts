/**
 * Limits on what an uploaded list may hold, for the readers of imports and comparisons. A file's
 * size on the wire says little about the memory it takes: one 30 MB CSV cell, or an XLSX of
 * 450 KB whose shared strings inflate to 150 MB, each held hundreds of MB. The readers check these
 * limits while streaming, so a hostile file is refused before it is held whole.
 */
import { Readable } from 'node:stream';
import { ValidationError } from './errors/domain-errors.ts';

export const UPLOAD_LIMITS = {
  /** Excel's own limit per cell: no cell saved by Excel holds more. */
  cellCharacters: 32_767,
  /** One CSV row, all its cells together (csv-parse counts bytes). */
  rowBytes: 256 * 1024,
  /** The inflated `xl/sharedStrings.xml` of an XLSX file. */
  sharedStringsBytes: 32 * 1024 * 1024,
  /** Non-empty rows per file, the header included. */
  rows: 200_000,
} as const;

export type UploadLimitCode = 'cell_too_long' | 'row_too_long' | 'shared_strings_too_large' | 'too_many_rows';

const number = (value: number) => value.toLocaleString('en-US');

const MESSAGES: Record<UploadLimitCode, string> = {
  cell_too_long: `A cell holds more than ${number(UPLOAD_LIMITS.cellCharacters)} characters (the limit per cell)`,
  row_too_long: `A row holds more than ${number(UPLOAD_LIMITS.rowBytes)} bytes (the limit per row)`,
  shared_strings_too_large: `The sheet's text (shared strings) inflates to more than ${number(UPLOAD_LIMITS.sharedStringsBytes / 1024 / 1024)} MB (the limit per file)`,
  too_many_rows: `The file has more than ${number(UPLOAD_LIMITS.rows)} rows (the limit per file): split it into several files`,
};

export function uploadLimitError(code: UploadLimitCode, rowNumber?: number): ValidationError {
  const message = rowNumber === undefined ? MESSAGES[code] : `Row ${rowNumber}: ${MESSAGES[code]}`;
  return new ValidationError(message, [{ field: 'file', code, message }]);
}

export function isUploadLimitError(error: unknown): error is ValidationError {
  return error instanceof ValidationError && error.issues.some((issue) => issue.code! in MESSAGES);
}

/** Throws when a row holds a cell longer than the limit. */
export function checkCells(cells: readonly string[], rowNumber: number): void {
  for (const cell of cells)
    if (cell.length > UPLOAD_LIMITS.cellCharacters) throw uploadLimitError('cell_too_long', rowNumber);
}

/** Throws when the file has more rows than the limit; `count` is the rows seen so far. */
export function checkRowCount(count: number): void {
  if (count > UPLOAD_LIMITS.rows) throw uploadLimitError('too_many_rows');
}

/** An XML text run of a cell: UTF-8 takes at most 3 bytes per character Excel can store in a cell. */
const XML_RUN_BYTES = UPLOAD_LIMITS.cellCharacters * 3 + 1024;
const LT = 0x3c;

/**
 * Passes an XML part of an XLSX file through, refusing it when it inflates past `maxBytes` or holds
 * a run of text longer than any cell may be (the XML parser would buffer that run whole).
 */
export function guardXml(source: AsyncIterable<Buffer>, maxBytes: number, onTooLarge: UploadLimitCode): Readable {
  return Readable.from(
    (async function* () {
      let total = 0;
      let run = 0;
      for await (const chunk of source) {
        total += chunk.length;
        if (total > maxBytes) throw uploadLimitError(onTooLarge);
        const first = chunk.indexOf(LT);
        if (first === -1) run += chunk.length;
        else {
          run += first;
          if (run > XML_RUN_BYTES) throw uploadLimitError('cell_too_long');
          // A stretch inside a chunk no longer than the limit cannot pass it: scan only big chunks.
          if (chunk.length > XML_RUN_BYTES && longestRun(chunk, first) > XML_RUN_BYTES)
            throw uploadLimitError('cell_too_long');
          run = chunk.length - chunk.lastIndexOf(LT) - 1;
        }
        if (run > XML_RUN_BYTES) throw uploadLimitError('cell_too_long');
        yield chunk;
      }
    })(),
  );
}

/** The longest stretch without `<` between two `<` of a chunk, from the first one on. */
function longestRun(chunk: Buffer, first: number): number {
  let longest = 0;
  for (let at = first, next = chunk.indexOf(LT, at + 1); next !== -1; at = next, next = chunk.indexOf(LT, at + 1))
    longest = Math.max(longest, next - at - 1);
  return longest;
}

interface ReaderInternals {
  _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): AsyncGenerator<unknown>;
}

/**
 * Puts the guards in front of an ExcelJS streaming WorkbookReader's XML parsers: its shared strings
 * are cached whole and its SAX parser buffers a text run whole, so both are checked as they inflate.
 */
export function guardWorkbookReader(reader: object): void {
  const internals = reader as ReaderInternals;
  const sharedStrings = internals._parseSharedStrings.bind(reader);
  const worksheet = internals._parseWorksheet.bind(reader);
  internals._parseSharedStrings = (entry) =>
    sharedStrings(guardXml(entry, UPLOAD_LIMITS.sharedStringsBytes, 'shared_strings_too_large'));
  internals._parseWorksheet = (iterator, sheetNo) =>
    worksheet(guardXml(iterator, Number.POSITIVE_INFINITY, 'cell_too_long'), sheetNo);
}
