/**
 * The first worksheet of an uploaded XLSX file, read row by row with ExcelJS's streaming reader
 * — but with the archive opened by its central directory (unzipper's `Open.buffer`) instead of
 * ExcelJS's single streaming pass over the zip.
 *
 * That streaming pass loses an entry now and then under load (exceljs#3064): a workbook whose
 * `xl/workbook.xml` is stored after its sheets — as ExcelJS itself, and so our own error reports,
 * write them — then fails with "Cannot read properties of undefined (reading 'sheets')". Measured
 * here: 36 of 3,000 reads of a two-row sheet on a busy 2-core machine. Read through the directory,
 * the relations, the workbook, the shared strings and the styles are parsed before any sheet, and
 * the sheets in the workbook's own order. The compressed file is held (it is already, as an
 * upload); parts are still inflated as streams, behind the guards of `upload-limits.ts`.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { guardWorkbookReader } from './upload-limits.ts';

/** ExcelJS's reader as this module drives it (its parts' parsers; not in its type declarations). */
interface ReaderParts {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  parse: () => AsyncGenerator<{ eventType: string; value: unknown }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ eventType: string; value: unknown }>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** Sheet numbers in the workbook's order (the tab order people see); unlisted ones after, by number. */
function sheetOrder(parts: ReaderParts, present: Map<string, unzipper.File>): string[] {
  const numbers = [...present.keys()].sort((a, b) => Number(a) - Number(b));
  const byRel = new Map((parts.workbookRels ?? []).map((rel) => [rel.Id, rel.Target.replace(/^\/?(xl\/)?/, '')]));
  const ordered = (parts.model?.sheets ?? [])
    .map((sheet) => SHEET_PATH.exec(`xl/${byRel.get(sheet.rId) ?? ''}`)?.[1])
    .filter((no): no is string => no !== undefined && present.has(no));
  return [...new Set([...ordered, ...numbers])];
}

/**
 * The worksheets of an XLSX file in the workbook's order, each an ExcelJS streaming worksheet
 * reader (iterate its rows). Only iterate one sheet at a time, as with ExcelJS's own reader.
 */
export function readWorkbook(content: Buffer): AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(content as unknown as Readable, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  guardWorkbookReader(reader);
  const parts = reader as unknown as ReaderParts;
  parts.parse = async function* () {
    const directory = await unzipper.Open.buffer(content);
    const files = new Map(directory.files.map((file) => [file.path, file]));
    const open = (path: string) => files.get(path)?.stream();
    const rels = open('xl/_rels/workbook.xml.rels');
    if (rels) await parts._parseRels(rels);
    const workbook = open('xl/workbook.xml');
    if (workbook) await parts._parseWorkbook(workbook);
    const sharedStrings = open('xl/sharedStrings.xml');
    if (sharedStrings) yield* parts._parseSharedStrings(sharedStrings);
    const styles = open('xl/styles.xml');
    if (styles) await parts._parseStyles(styles);
    parts.model ??= {};
    const sheets = new Map<string, unzipper.File>();
    for (const file of directory.files) {
      const no = SHEET_PATH.exec(file.path)?.[1];
      if (no) sheets.set(no, file);
    }
    for (const no of sheetOrder(parts, sheets)) yield* parts._parseWorksheet(sheets.get(no)!.stream(), no);
  };
  return reader;
}
