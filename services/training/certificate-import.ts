import type { FieldIssue } from '../platform/errors/domain-errors.ts';

/** The appraisal system's columns, by the header words it uses (Chinese or English). */
const HEADERS: Record<string, readonly string[]> = {
  idNumber: ['身份证号', '身份证号码', '证件号码', 'idnumber'],
  kind: ['证书种类', '证书名称', '证书', 'kind'],
  level: ['等级', '证书等级', '级别', 'level'],
  issuer: ['发证机构', '发证单位', '鉴定机构', 'issuer'],
  issuedOn: ['发证日期', '取证日期', 'issuedon'],
  number: ['证书编号', '编号', 'number'],
};
export const REQUIRED_COLUMNS = ['idNumber', 'kind', 'issuer', 'issuedOn', 'number'] as const;
export type Column = keyof typeof HEADERS;

/** Where each column is in the header row, and the required ones it lacks. */
export function mapHeaders(cells: string[]) {
  const columns: Partial<Record<Column, number>> = {};
  cells.forEach((cell, i) => {
    const word = cell.replace(/\s+/g, '').toLowerCase();
    for (const [column, names] of Object.entries(HEADERS)) if (names.includes(word)) columns[column] ??= i;
  });
  return { columns, missing: REQUIRED_COLUMNS.filter((c) => columns[c] === undefined) };
}

export interface RowValues {
  idNumber: string;
  /** A code of the certificate reference, found by code or Chinese name. */
  kind: string;
  level: string | null;
  issuer: string;
  issuedOn: string;
  number: string;
}

const issue = (field: string, code: string, message: string): FieldIssue => ({ field, code, message });

/** One row's values as written, checked for form (the registry and the numbers are checked after). */
export function readRow(
  cells: string[],
  columns: Partial<Record<Column, number>>,
  kindOf: (word: string) => string | undefined,
  today: string,
): { ok: true; value: RowValues } | { ok: false; issues: FieldIssue[] } {
  const cell = (c: Column) => (columns[c] === undefined ? '' : (cells[columns[c]!] ?? '').trim());
  const issues: FieldIssue[] = [];
  const idNumber = cell('idNumber').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) issues.push(issue('idNumber', 'id_number', 'must be an 18-character ID number'));
  const kind = kindOf(cell('kind'));
  if (!kind) issues.push(issue('kind', 'unknown_kind', 'is not a known certificate'));
  const level = cell('level') || null;
  if (level && level.length > 20) issues.push(issue('level', 'too_long', 'must be at most 20 characters'));
  const issuer = cell('issuer');
  if (!issuer || issuer.length > 80) issues.push(issue('issuer', 'required', 'is required (at most 80 characters)'));
  const issuedOn = cell('issuedOn').replace(/[/.]/g, '-');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn) || Number.isNaN(Date.parse(issuedOn)))
    issues.push(issue('issuedOn', 'date', 'must be a date like 2026-06-01'));
  else if (issuedOn > today) issues.push(issue('issuedOn', 'future', 'must not be in the future'));
  const number = cell('number');
  if (!number || number.length > 60) issues.push(issue('number', 'required', 'is required (at most 60 characters)'));
  return issues.length
    ? { ok: false, issues }
    : { ok: true, value: { idNumber, kind: kind!, level, issuer, issuedOn, number } };
}
