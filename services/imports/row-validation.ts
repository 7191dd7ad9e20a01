/**
 * One row of a file → a validated labourer record or the list of what is wrong with it, cell by
 * cell. The registry's own rules (LabourerCreateSchema, normaliseLabourer) decide; this file only
 * reads the spreadsheet's words into the registry's values and names the offending column.
 */
import { type NormalisedLabourer, normaliseLabourer } from '../labourers/index.ts';
import { type LabourerCreate, LabourerCreateSchema } from '../labourers/index.ts';
import { maskIdNumber, maskName, maskPhone, type PiiCipher } from '../platform/crypto/pii.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import {
  type Converted,
  fold,
  readCodeList,
  readDate,
  readEducation,
  readEmploymentStatus,
  readGrade,
  readMobility,
  readName,
  readPension,
  readPhone,
  readPovertyStatus,
  readRegionCode,
  readSex,
  readWage,
  readYear,
  readYesNo,
  type Taxonomy,
} from './cell-values.ts';
import { type ImportField, PERSONAL_FIELDS, REQUIRED_FIELDS, type ResolvedColumns } from './mapping.ts';
import type { SheetRow } from './parse.ts';

export type ImportInput = Partial<LabourerCreate>;

export interface RowIssue {
  rowNumber: number;
  column: string;
  /** Masked when the column holds personal data. */
  value: string | null;
  /** A reason code, translated when shown (imports.reasons.<code>). */
  reason: string;
}

export interface ValidRow {
  rowNumber: number;
  input: ImportInput;
  value: NormalisedLabourer;
  idHash: string;
  /** The fields the row gives a value for: only these are compared and written. */
  fields: Set<ImportField>;
}

export type RowResult = { ok: true; row: ValidRow } | { ok: false; issues: RowIssue[] };

export interface RowContext {
  ref: ReferenceNames;
  taxonomy: Taxonomy;
  pii: PiiCipher;
  /** Region prefix the rows must lie in ('' for everywhere). */
  scope: string;
}

/**
 * A cell as it may be shown back. Personal columns are masked; so is anything in any other column
 * that looks like an ID or mobile number, since a shifted row puts them anywhere.
 */
export function maskValue(field: ImportField | undefined, value: string): string {
  const kind = field ? (PERSONAL_FIELDS as Partial<Record<ImportField, string>>)[field] : undefined;
  if (kind === 'id') return maskIdNumber(value);
  if (kind === 'phone') return maskPhone(value.replace(/\s/g, ''));
  if (kind === 'name') return maskName(value.trim());
  if (kind === 'address') return `${Array.from(value.trim()).slice(0, 6).join('')}…`;
  return value
    .replace(/\d{17}[\dXx]|\d{15}/g, (id) => maskIdNumber(id))
    .replace(/(?<!\d)1\d{10}(?!\d)/g, (phone) => maskPhone(phone));
}

/** The ID number as written, for spotting the same person twice in one file before validating. */
export function idKey(raw: string): string {
  return fold(raw).replace(/\s/g, '').toUpperCase();
}

// A zod failure on these fields has one plain reason; everything else is "invalid".
const ZOD_REASONS: Partial<Record<string, string>> = {
  name: 'name_format',
  idNumber: 'id_format',
  phone: 'phone_format',
  regionCode: 'region_format',
  currentRegionCode: 'region_format',
  currentAddress: 'text_too_long',
  povertyHouseholdNo: 'text_too_long',
  povertyYear: 'year_range',
  disabilityGrade: 'grade_format',
  expectedWage: 'wage_range',
  skills: 'too_many_items',
  desiredOccupations: 'too_many_items',
  trainingWishes: 'too_many_items',
};

const YES_NO_FIELDS = [
  'disability',
  'hardToEmploy',
  'wantsJob',
  'needsAccommodation',
  'unemploymentInsurance',
  'consentContact',
  'consentShowEmployer',
] as const;

type Reader = (raw: string) => Converted<unknown>;
const WORD_READERS: Partial<Record<ImportField, Reader>> = {
  sex: readSex,
  birthDate: readDate,
  availableFrom: readDate,
  educationLevel: readEducation,
  povertyStatus: readPovertyStatus,
  povertyYear: readYear,
  disabilityGrade: readGrade,
  employmentStatus: readEmploymentStatus,
  mobility: readMobility,
  expectedWage: readWage,
  pensionInsurance: readPension,
  ...Object.fromEntries(YES_NO_FIELDS.map((field) => [field, readYesNo])),
};

/** Values a row implies without a cell of their own (training in the trade sought, lifted out, disabled). */
function completeImplied(
  input: Record<string, unknown>,
  columns: ResolvedColumns,
  add: (field: ImportField, reason: string) => void,
) {
  if (input.trainingWishes === null) {
    const desired = input.desiredOccupations as string[] | undefined;
    if (desired?.length) input.trainingWishes = desired;
    else {
      delete input.trainingWishes;
      add('trainingWishes', 'training_yes_without_occupation');
    }
  }
  // A year out of poverty says the household is out of it; a disability grade says there is one.
  if (input.povertyYear !== undefined && !columns.index.has('povertyStatus')) input.povertyStatus = 'lifted_out';
  if (input.disabilityGrade !== undefined && input.disability === undefined) input.disability = true;
}

export function validateRow(row: SheetRow, columns: ResolvedColumns, ctx: RowContext): RowResult {
  const found: Array<RowIssue & { at: number }> = [];
  const input: Record<string, unknown> = {};
  const fields = new Set<ImportField>();
  // Reported left to right, as the officer reads the row.
  const issues = () => found.sort((a, b) => a.at - b.at).map(({ at: _at, ...issue }) => issue);
  const raw = (field: ImportField) => {
    const at = columns.index.get(field);
    return at === undefined ? '' : (row.cells[at] ?? '').trim();
  };
  const reported = new Set<string>();
  const add = (field: ImportField, reason: string, value?: string) => {
    const text = value ?? raw(field);
    const key = `${field}:${reason}:${value ?? ''}`;
    if (reported.has(key)) return;
    reported.add(key);
    reported.add(field);
    found.push({
      at: columns.index.get(field) ?? -1,
      rowNumber: row.rowNumber,
      column: columns.header.get(field) ?? field,
      value: text ? maskValue(field, text) : null,
      reason,
    });
  };

  for (const field of columns.index.keys()) {
    const text = raw(field);
    if (!text) {
      if (REQUIRED_FIELDS.includes(field)) add(field, 'required');
      continue;
    }
    fields.add(field);
    const reader = WORD_READERS[field];
    if (reader) {
      const read = reader(text);
      if (read.ok) input[field] = read.value;
      else add(field, read.reason);
      continue;
    }
    switch (field) {
      case 'name':
        input.name = readName(text);
        break;
      case 'idNumber': {
        const at = columns.index.get('idNumber')!;
        if (row.numeric?.has(at) && text.replace(/\D/g, '').length >= 15) add(field, 'id_stored_as_number');
        else input.idNumber = idKey(text);
        break;
      }
      case 'phone':
        input.phone = readPhone(text);
        break;
      case 'regionCode':
      case 'currentRegionCode':
        input[field] = readRegionCode(text);
        break;
      case 'currentAddress':
      case 'povertyHouseholdNo':
        input[field] = fold(text);
        break;
      case 'skills':
      case 'desiredOccupations':
      case 'trainingWishes': {
        const lookup = field === 'skills' ? ctx.taxonomy.skill : ctx.taxonomy.occupation;
        const yes = field === 'trainingWishes' ? readYesNo(text) : undefined;
        if (yes?.ok) {
          // 培训意愿 = 是: training in the trade the person seeks; 否: none.
          input[field] = yes.value ? null : [];
          break;
        }
        const { codes, unknown } = readCodeList(text, lookup);
        for (const item of unknown) add(field, field === 'skills' ? 'skill_unknown' : 'occupation_unknown', item);
        input[field] = codes;
        break;
      }
    }
  }

  completeImplied(input, columns, add);
  if (REQUIRED_FIELDS.some((field) => reported.has(field))) return { ok: false, issues: issues() };

  let parsed = LabourerCreateSchema.safeParse(input);
  if (!parsed.success) {
    const failed = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as ImportField;
      failed.add(field);
      if (!reported.has(field)) add(field, ZOD_REASONS[field] ?? 'invalid');
    }
    // The other cells still get the registry's checks, so one pass reports everything wrong.
    parsed = LabourerCreateSchema.safeParse(Object.fromEntries(Object.entries(input).filter(([k]) => !failed.has(k))));
    if (!parsed.success) return { ok: false, issues: issues() };
  }
  const normalised = normaliseLabourer(parsed.data, ctx.ref, ctx.pii, 'create');
  if (!normalised.ok) {
    for (const issue of normalised.issues) {
      const field = issue.field.split('.')[0] as ImportField;
      add(field, issue.code ?? 'invalid');
    }
    return { ok: false, issues: issues() };
  }
  const regionCode = normalised.value.scalars.regionCode as string;
  if (!regionCode.startsWith(ctx.scope)) add('regionCode', 'out_of_scope');
  if (found.length) return { ok: false, issues: issues() };
  return {
    ok: true,
    row: {
      rowNumber: row.rowNumber,
      input: parsed.data,
      value: normalised.value,
      idHash: normalised.value.scalars.idNumberHash as string,
      fields,
    },
  };
}
