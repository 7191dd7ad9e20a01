import type { FieldIssue } from '../platform/errors/domain-errors.ts';
import type { TechSchoolAidKind } from '../platform/database/generated/enums.ts';
import { normaliseTerm } from './tech-school-aid.contract.ts';

/** The columns of a school's student-status and aid list (学籍、资助名单), by the header words schools use. */
const HEADERS: Record<string, readonly string[]> = {
  name: ['姓名', '学生姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', '证件号码', '学生身份证号', 'idnumber'],
  school: ['学校', '学校名称', '院校', '院校名称', '技工院校', '就读学校', 'school'],
  programme: ['专业', '专业名称', '就读专业', 'programme'],
  term: ['学期', '资助学期', 'term'],
  aid: ['资助项目', '已享受资助', '享受资助', '资助类别', '资助', 'aid'],
};
export const REQUIRED_COLUMNS = ['name', 'idNumber', 'school', 'term', 'aid'] as const;
export const COLUMNS = Object.keys(HEADERS) as Column[];
export type Column = 'name' | 'idNumber' | 'school' | 'programme' | 'term' | 'aid';

/** The words of the aid column, each naming a kind; 无 and a dash name none. */
const AID_WORDS: Record<string, TechSchoolAidKind | null> = {
  免学费: 'fee_waiver',
  免除学费: 'fee_waiver',
  学费减免: 'fee_waiver',
  减免学费: 'fee_waiver',
  fee_waiver: 'fee_waiver',
  国家助学金: 'state_grant',
  助学金: 'state_grant',
  state_grant: 'state_grant',
  奖学金: 'scholarship',
  国家奖学金: 'scholarship',
  scholarship: 'scholarship',
  其他: 'other',
  其它: 'other',
  其他资助: 'other',
  other: 'other',
  无: null,
  '-': null,
  '—': null,
};

/** Where each column is in the header row, and the required ones it lacks. */
export function mapHeaders(cells: string[]) {
  const columns: Partial<Record<Column, number>> = {};
  cells.forEach((cell, i) => {
    const word = cell.replace(/\s+/g, '').toLowerCase();
    for (const [column, names] of Object.entries(HEADERS)) if (names.includes(word)) columns[column as Column] ??= i;
  });
  return { columns, missing: REQUIRED_COLUMNS.filter((c) => columns[c] === undefined) };
}

export interface ListRow {
  name: string;
  idNumber: string;
  school: string;
  programme: string | null;
  /** Normalised: 2026秋. */
  term: string;
  /** The kinds of aid the list shows the student receiving in the term. */
  aid: TechSchoolAidKind[];
}

const issue = (field: Column, code: string, message: string, params?: FieldIssue['params']): FieldIssue => ({
  field,
  code,
  message,
  ...(params ? { params } : {}),
});

/** The kinds an aid cell names (免学费、国家助学金), or the first word it does not know. */
export function readAidCell(text: string): { kinds: TechSchoolAidKind[] } | { unknown: string } {
  const kinds = new Set<TechSchoolAidKind>();
  for (const word of text.split(/[、,，;；/|\s]+/).filter(Boolean)) {
    const kind = AID_WORDS[word] ?? AID_WORDS[word.toLowerCase()];
    if (kind === undefined) return { unknown: word };
    if (kind) kinds.add(kind);
  }
  return { kinds: [...kinds] };
}

/** One row's values as written, checked for form (the registry is looked up after). */
export function readListRow(
  cells: string[],
  columns: Partial<Record<Column, number>>,
): { ok: true; value: ListRow } | { ok: false; issues: FieldIssue[] } {
  const cell = (c: Column) => (columns[c] === undefined ? '' : (cells[columns[c]!] ?? '').trim());
  const issues: FieldIssue[] = [];
  const name = cell('name');
  if (!name || name.length > 40) issues.push(issue('name', 'required', 'is required (at most 40 characters)'));
  const idNumber = cell('idNumber').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) issues.push(issue('idNumber', 'id_number', 'must be an 18-character ID number'));
  const school = cell('school');
  if (!school || school.length > 80) issues.push(issue('school', 'required', 'is required (at most 80 characters)'));
  const programme = cell('programme') || null;
  if (programme && programme.length > 60) issues.push(issue('programme', 'too_long', 'must be at most 60 characters'));
  const term = normaliseTerm(cell('term'));
  if (!term) issues.push(issue('term', 'term', 'must be a term like 2026秋 or 2027春'));
  const aid = readAidCell(cell('aid'));
  if ('unknown' in aid) {
    const word = aid.unknown.slice(0, 20);
    issues.push(issue('aid', 'unknown_aid', `does not know “${word}”`, { word }));
  }
  return issues.length
    ? { ok: false, issues }
    : { ok: true, value: { name, idNumber, school, programme, term: term!, aid: 'kinds' in aid ? aid.kinds : [] } };
}
