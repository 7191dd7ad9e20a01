/**
 * The first pass over a file: where the header row is (a title row or two, such as
 * 长汀县建档立卡劳动力信息表, may sit above it), how many rows follow, and which ID numbers occur on
 * more than one row, so that every row of such a number is held before anything is written.
 */
import { sliceClock } from '../platform/background.ts';
import { type ColumnMapping, headerScore, type ResolvedColumns, resolveColumns } from './mapping.ts';
import { type FileFormat, type ImportFile, readRows, type SheetRow } from './parse.ts';
import { idKey } from './row-validation.ts';

export interface Survey {
  headerRow: number;
  columns: ResolvedColumns;
  totalRows: number;
  /** Row numbers of each ID number (as written) that occurs more than once. */
  repeated: Map<string, number[]>;
}

const HEADER_SEARCH_ROWS = 10;

export async function surveyFile(
  file: ImportFile,
  format: FileFormat,
  mapping: ColumnMapping,
): Promise<Survey | undefined> {
  const leading: SheetRow[] = [];
  let survey: Omit<Survey, 'repeated'> | undefined;
  const seen = new Map<string, number[]>();

  const count = (row: SheetRow) => {
    survey!.totalRows++;
    const at = survey!.columns.index.get('idNumber');
    const key = at === undefined ? '' : idKey(row.cells[at] ?? '');
    if (!key) return;
    const rows = seen.get(key);
    if (rows) rows.push(row.rowNumber);
    else seen.set(key, [row.rowNumber]);
  };
  // The first row naming at least two known columns, else the first row.
  const settle = () => {
    const header = leading.find((r) => headerScore(r.cells, mapping) >= 2) ?? leading[0]!;
    survey = { headerRow: header.rowNumber, columns: resolveColumns(header.cells, mapping), totalRows: 0 };
    for (const row of leading) if (row.rowNumber > header.rowNumber) count(row);
  };

  const clock = sliceClock();
  for await (const row of readRows(file, format)) {
    await clock.maybeYield();
    if (survey) {
      count(row);
      continue;
    }
    leading.push(row);
    if (headerScore(row.cells, mapping) >= 2 || leading.length === HEADER_SEARCH_ROWS) settle();
  }
  if (!survey && leading.length) settle();
  if (!survey) return undefined;
  return { ...survey, repeated: new Map([...seen].filter(([, rows]) => rows.length > 1)) };
}
