/**
 * Reading a school's list of graduates (a CSV or XLSX sheet, first row the headers): which column is
 * which field, and the words schools write for kinds, wishes and statuses. Pure: the service reads the
 * file with the imports module's readers and checks each row against the registry.
 */
import type { FieldIssue } from '../platform/errors/domain-errors.ts';
import { zodIssues } from '../platform/validation/field-issues.ts';
import { type GraduateInput, GraduateInputSchema } from './graduates.contract.ts';

export const IMPORT_COLUMNS = [
  'idNumber',
  'schoolName',
  'schoolKind',
  'major',
  'graduationYear',
  'leftSchoolOn',
  'wish',
  'status',
  'occupations',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

/** Headers as schools write them (zh-CN first), compared without spaces and case. */
const HEADERS: Record<Column, string[]> = {
  idNumber: ['身份证号', '身份证号码', '公民身份号码', 'idnumber'],
  schoolName: ['学校', '学校名称', '毕业院校', 'schoolname', 'school'],
  schoolKind: ['学校类别', '院校类别', '类别', 'schoolkind'],
  major: ['专业', '所学专业', 'major'],
  graduationYear: ['毕业年度', '毕业年份', 'graduationyear'],
  leftSchoolOn: ['离校日期', 'leftschoolon'],
  wish: ['意愿', '毕业去向意愿', 'wish'],
  status: ['状态', '就业状态', 'status'],
  occupations: ['意向职业', '职业', 'occupations'],
};

const WORDS: Record<string, Record<string, string>> = {
  schoolKind: {
    高校: 'college',
    普通高校: 'college',
    全日制普通高校: 'college',
    技工院校高级工班: 'technical_senior',
    高级工班: 'technical_senior',
    预备技师班: 'technical_preparatory',
    特殊教育院校职业教育类: 'special_education',
    特殊教育: 'special_education',
  },
  wish: { 就业: 'job', 求职: 'job', 创业: 'start_up', 升学: 'further_study', 深造: 'further_study' },
  status: {
    在校: 'in_school',
    离校未就业: 'left_without_work',
    已就业: 'employed',
    就业: 'employed',
    已创业: 'started_business',
    创业: 'started_business',
    升学: 'further_study',
  },
};

const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Column index of each field found in the header row; problems name the fields with no column. */
export function mapHeaders(cells: string[]): { columns: Partial<Record<Column, number>>; missing: Column[] } {
  const columns: Partial<Record<Column, number>> = {};
  cells.forEach((cell, index) => {
    const key = squash(cell);
    const field = IMPORT_COLUMNS.find((c) => HEADERS[c].some((h) => squash(h) === key));
    if (field && columns[field] === undefined) columns[field] = index;
  });
  const required: Column[] = ['idNumber', 'schoolName', 'schoolKind', 'major', 'graduationYear', 'wish'];
  return { columns, missing: required.filter((c) => columns[c] === undefined) };
}

const word = (field: string, value: string) => WORDS[field]?.[value.replace(/\s+/g, '')] ?? value;

/** One row's cells as the registration input, or its problems (field, code, message). */
export function readRow(
  cells: string[],
  columns: Partial<Record<Column, number>>,
): { ok: true; value: GraduateInput } | { ok: false; issues: FieldIssue[] } {
  const cell = (c: Column) => {
    const at = columns[c];
    return at === undefined ? undefined : (cells[at] ?? '').trim();
  };
  const raw = {
    idNumber: cell('idNumber'),
    schoolName: cell('schoolName'),
    schoolKind: word('schoolKind', cell('schoolKind') ?? ''),
    major: cell('major'),
    graduationYear: cell('graduationYear'),
    leftSchoolOn: cell('leftSchoolOn')?.replace(/[/.]/g, '-'),
    wish: word('wish', cell('wish') ?? ''),
    status: cell('status') ? word('status', cell('status')!) : undefined,
    occupations: (cell('occupations') ?? '').split(/[、,，;；\s]+/).filter(Boolean),
  };
  const parsed = GraduateInputSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: zodIssues(parsed.error, raw) };
}
