import { parseIdNumber } from '../platform/crypto/id-number.ts';
import { maskIdNumber } from '../platform/crypto/pii.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import {
  type ColumnField,
  type ColumnMap,
  DETAIL_FIELDS,
  ID_HEADER_EXAMPLES,
  mapColumns,
  REQUIRED_ANY,
} from './comparison.columns.ts';
import { CHECKS, type ComparisonKind } from './comparison.kinds.ts';
import {
  classifyEmployment,
  classifyPension,
  classifyPoverty,
  type ExternalEmployment,
  type ExternalPension,
  type ExternalPoverty,
  isoDay,
  isPensionInsurance,
} from './comparison.vocabulary.ts';
import type { RawRow } from './external-list.ts';

export const PROBLEM_REASONS = [
  'id_missing',
  'id_stored_as_number',
  'id_legacy_15_digits',
  'id_format',
  'id_birth_date',
  'id_checksum',
  'duplicate_id',
  'value_not_understood',
] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];

/** A row the comparison could not use, or a value it could not read. ID numbers in it are masked. */
export interface InputProblem {
  row: number;
  column: string;
  reason: ProblemReason;
  value: string;
  name: string | null;
}

/** Rows of these reasons are left out of the comparison; the others are used, only a value is unread. */
export const UNMATCHED_REASONS: ReadonlySet<ProblemReason> = new Set(
  PROBLEM_REASONS.filter((r) => r !== 'value_not_understood'),
);

interface Stated<S> {
  state: S;
  text: string;
}

/** One person of the external list, several rows merged, known only by the keyed hash of the ID number. */
export interface ExternalPerson {
  idHash: string;
  idMasked: string;
  name: string | null;
  /** The list's own region column where it holds a code, else the region that issued the ID number. */
  regionCode: string;
  rows: number[];
  employment?: Stated<ExternalEmployment>;
  poverty?: Stated<ExternalPoverty>;
  pension?: Stated<ExternalPension>;
  /** What the list says about the person, for the report. */
  detail: string;
}

export interface ExternalList {
  headerRow: number;
  /** The header each field was read from. */
  columns: Partial<Record<ColumnField, string>>;
  dataRows: number;
  people: Map<string, ExternalPerson>;
  problems: InputProblem[];
}

const HEADER_SEARCH_ROWS = 5;

function findHeader(rows: RawRow[]): { index: number; map: ColumnMap } {
  // Exports often open with a title row (长汀县就业登记花名册) above the real header.
  for (const [index, row] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const map = mapColumns(row.cells);
    if (map.idNumber !== undefined) return { index, map };
  }
  const message = `No ID number column: the header row must name one, e.g. ${ID_HEADER_EXAMPLES.join(', ')}`;
  throw new ValidationError(message, [{ field: 'file', code: 'no_id_column', message }]);
}

function assertRequiredColumns(kind: ComparisonKind, map: ColumnMap) {
  const anyOf = REQUIRED_ANY[kind];
  if (anyOf.length === 0 || anyOf.some((field) => map[field] !== undefined)) return;
  const message = `This kind of list needs one of the columns: ${anyOf.join(', ')}`;
  throw new ValidationError(message, [{ field: 'file', code: `missing_columns_${kind}`, message }]);
}

interface Accumulator {
  person: ExternalPerson;
  employmentDay: string;
  details: Map<ColumnField, Set<string>>;
  otherInsurances: Set<string>;
}

/**
 * Turns the rows of a list into people keyed by the hash of their ID number. Several rows for one
 * person are normal in most lists (one per course, certificate, insurance or registration) and are
 * merged; the poverty office's export holds each person once, so a repeat there is a problem.
 */
export function collectPeople(kind: ComparisonKind, rows: RawRow[], hash: (idNumber: string) => string): ExternalList {
  const { index: headerIndex, map } = findHeader(rows);
  assertRequiredColumns(kind, map);
  const header = rows[headerIndex]!;
  const headerOf = (field: ColumnField) => header.cells[map[field]!] ?? field;
  const columns: ExternalList['columns'] = {};
  for (const field of Object.keys(map) as ColumnField[]) columns[field] = headerOf(field);

  // Each kind reads only the states its checks compare; other columns are shown, not interpreted.
  const reads = {
    employment: CHECKS[kind].includes('status_disagreement'),
    poverty: kind === 'poverty_office',
    pension: CHECKS[kind].includes('no_pension_60_plus'),
  };
  const people = new Map<string, Accumulator>();
  const problems: InputProblem[] = [];
  const dataRows = rows.slice(headerIndex + 1);

  for (const row of dataRows) {
    const cell = (field: ColumnField) => (map[field] === undefined ? '' : (row.cells[map[field]!] ?? '').trim());
    const name = cell('name') || null;
    const problem = (field: ColumnField, reason: ProblemReason, value: string) =>
      problems.push({ row: row.rowNumber, column: headerOf(field), reason, value, name });

    const rawId = cell('idNumber');
    if (!rawId) {
      problem('idNumber', 'id_missing', '');
      continue;
    }
    // A number cell keeps 15 significant digits; Excel writes one to CSV as 3.50821E+17.
    const digits = rawId.replace(/\D/g, '');
    const asNumber = (row.numeric?.has(map.idNumber!) && digits.length >= 16) || /^\d(\.\d+)?e\+\d+$/i.test(rawId);
    if (asNumber) {
      problem('idNumber', 'id_stored_as_number', maskIdNumber(rawId));
      continue;
    }
    const parsed = parseIdNumber(rawId);
    if (!parsed.ok) {
      problem('idNumber', `id_${parsed.problem}` as ProblemReason, maskIdNumber(rawId));
      continue;
    }
    const idHash = hash(parsed.value.idNumber);
    let entry = people.get(idHash);
    if (entry && kind === 'poverty_office') {
      problem('idNumber', 'duplicate_id', maskIdNumber(rawId));
      continue;
    }
    if (!entry) {
      const region = cell('regionCode');
      entry = {
        person: {
          idHash,
          idMasked: maskIdNumber(parsed.value.idNumber),
          name,
          regionCode: /^\d{6}(\d{3}){0,2}$/.test(region) ? region : parsed.value.regionCode,
          rows: [],
          detail: '',
        },
        employmentDay: '',
        details: new Map(),
        otherInsurances: new Set(),
      };
      people.set(idHash, entry);
    }
    const { person } = entry;
    person.rows.push(row.rowNumber);
    person.name ??= name;

    for (const field of DETAIL_FIELDS[kind]) {
      const value = cell(field);
      if (!value) continue;
      if (!entry.details.has(field)) entry.details.set(field, new Set());
      entry.details.get(field)!.add(value);
    }

    if (reads.employment) readEmployment(entry, cell, problem);
    const povertyText = reads.poverty ? cell('povertyStatus') : '';
    if (povertyText) {
      const state = classifyPoverty(povertyText);
      if (state) person.poverty = { state, text: povertyText };
      else problem('povertyStatus', 'value_not_understood', povertyText);
    }
    if (reads.pension) readPension(entry, map, cell, problem);
  }

  const out = new Map<string, ExternalPerson>();
  for (const [idHash, entry] of people) {
    const { person } = entry;
    if (!person.pension && entry.otherInsurances.size)
      person.pension = { state: 'not_enrolled', text: [...entry.otherInsurances].join('、') };
    person.detail = [...entry.details.values()]
      .map((values) => [...values].join('、'))
      .join(' · ')
      .slice(0, 200);
    out.set(idHash, person);
  }
  return { headerRow: header.rowNumber, columns, dataRows: dataRows.length, people: out, problems };
}

type CellReader = (field: ColumnField) => string;
type ProblemSink = (field: ColumnField, reason: ProblemReason, value: string) => void;

/**
 * Employment evidence of one row: the status word, else a named employer means employed. Of
 * several registrations the one with the latest date counts (the later row when undated).
 */
function readEmployment(entry: Accumulator, cell: CellReader, problem: ProblemSink) {
  const statusText = cell('employmentStatus');
  const employer = cell('employer');
  const classified = classifyEmployment(statusText);
  if (statusText && !classified) problem('employmentStatus', 'value_not_understood', statusText);
  const state = classified ?? (employer ? 'employed' : undefined);
  const day = isoDay(cell('registeredOn')) ?? '';
  if (!state || day < entry.employmentDay) return;
  entry.employmentDay = day;
  entry.person.employment = { state, text: [statusText, employer].filter(Boolean).join(' · ') };
}

/**
 * Pension evidence of one row. With an insurance-type column, only 养老 rows count (others are
 * remembered to say what the person does have); the 养老保险 column, else the status column, says
 * whether the enrolment is active; a 养老 row with neither counts as enrolled. Enrolled in any row wins.
 */
function readPension(entry: Accumulator, map: ColumnMap, cell: CellReader, problem: ProblemSink) {
  const type = cell('insuranceType');
  if (map.insuranceType !== undefined && !isPensionInsurance(type)) {
    if (type) entry.otherInsurances.add(type);
    return;
  }
  const field: ColumnField | undefined = cell('pension')
    ? 'pension'
    : cell('insuranceStatus')
      ? 'insuranceStatus'
      : undefined;
  let state: ExternalPension | undefined;
  if (field) {
    state = classifyPension(cell(field));
    if (!state) problem(field, 'value_not_understood', cell(field));
  } else if (type) {
    state = 'enrolled';
  }
  if (!state) return;
  const text = [type, field ? cell(field) : ''].filter(Boolean).join(' · ');
  const current = entry.person.pension;
  if (!current || (current.state === 'not_enrolled' && state === 'enrolled')) entry.person.pension = { state, text };
}
