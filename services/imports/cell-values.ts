/**
 * Reads the words and numbers of Chinese government spreadsheets into registry values:
 * 男/女, 是/否, 务工状态 and 文化程度 words, dates in every usual spelling, wages like 4000元 or 3千.
 */
import type {
  EducationLevel,
  EmploymentStatus,
  Mobility,
  PensionInsurance,
  PovertyStatus,
} from '../platform/database/generated/enums.ts';

export type Converted<T> = { ok: true; value: T } | { ok: false; reason: string; item?: string };

const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const fail = <T>(reason: string, item?: string): Converted<T> => ({ ok: false, reason, ...(item ? { item } : {}) });

/** Full-width digits and letters folded, spaces trimmed: １２３ → 123. */
export function fold(text: string): string {
  return text.normalize('NFKC').trim();
}

const compact = (text: string) => fold(text).replace(/\s+/g, '').toLowerCase();

function wordTable<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const table = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as Array<[T, string[]]>) {
    table.set(value.toLowerCase(), value);
    for (const word of words) table.set(compact(word), value);
  }
  return table;
}

const SEX = wordTable<'male' | 'female'>({ male: ['男', '男性', 'm', '1'], female: ['女', '女性', 'f', '2'] });

const YES_NO = wordTable<'true' | 'false'>({
  true: ['是', '有', '愿意', '需要', '同意', '已参保', '参保', '已参加', 'y', 'yes', 'true', '1', '√', '✓'],
  false: ['否', '无', '没有', '不愿意', '不需要', '不同意', '未参保', '未参加', 'n', 'no', 'false', '0', '×', '✗'],
});

const EMPLOYMENT = wordTable<EmploymentStatus>({
  unemployed: ['未就业', '失业', '待业', '无业', '未务工', '在家'],
  employed_local: ['县内务工', '县内就业', '本县务工', '本地务工', '就地就业', '就近就业', '乡内务工', '扶贫车间务工'],
  transferred_in_province: ['省内务工', '省内就业', '县外省内务工', '省内转移就业', '省内县外务工'],
  transferred_out_province: ['省外务工', '省外就业', '省外转移就业', '外省务工', '跨省务工'],
  self_employed: ['自主创业', '创业', '个体经营', '自主经营'],
  public_welfare_post: ['公益性岗位', '公益岗位', '公益性岗位安置', '公益性岗位就业'],
  in_training: ['参加培训', '培训中', '在训', '培训'],
  not_in_labour_force: ['无劳动能力', '丧失劳动能力', '退出劳动力', '不在劳动年龄', '在校生', '在校学生', '服兵役'],
});

const EDUCATION = wordTable<EducationLevel>({
  none: ['文盲', '半文盲', '文盲或半文盲', '文盲半文盲', '无', '未上学', '学龄前'],
  primary: ['小学'],
  junior_secondary: ['初中'],
  senior_secondary: ['高中'],
  vocational: ['中专', '中职', '技校', '职高', '中等职业教育', '中专或中技'],
  college: ['大专', '高职', '专科', '大学专科'],
  bachelor_or_above: ['本科', '大学本科', '本科及以上', '研究生', '硕士', '博士', '硕士研究生', '博士研究生'],
});

const MOBILITY = wordTable<Mobility>({
  township: ['本乡镇', '乡镇内', '乡内', '镇内'],
  county: ['本县', '县内', '县域内', '本县内'],
  city: ['本市', '市内', '本市内'],
  province: ['本省', '省内', '本省内'],
  partner_region: ['协作地区', '东西部协作地区', '东西部协作', '闽宁协作', 'partner'],
  anywhere: ['不限', '省外', '全国', '均可', '都可以', '服从安排'],
});

// The poverty office's list says registered or lifted out; only the registry knows unconfirmed.
const POVERTY = wordTable<Exclude<PovertyStatus, 'unconfirmed'>>({
  lifted_out: ['已脱贫', '脱贫', '脱贫户', '稳定脱贫', '是'],
  registered: ['未脱贫', '贫困户', '在册', '建档立卡', '否'],
});

const PENSION = wordTable<PensionInsurance>({
  urban_rural_resident: [
    '城乡居民养老保险',
    '城乡居民',
    '居民养老保险',
    '居民',
    '城乡居民基本养老保险',
    '是',
    '已参保',
  ],
  employee: ['职工', '城镇职工', '职工养老保险', '企业职工', '城镇职工基本养老保险', '企业职工养老保险'],
  none: ['无', '未参保', '否', '未参加'],
});

function fromTable<T>(table: Map<string, T>, reason: string) {
  return (raw: string): Converted<T> => {
    const key = compact(raw).replace(/(毕业|肄业|在读|文化)$/, '');
    const value = table.get(key) ?? table.get(compact(raw));
    return value === undefined ? fail(reason) : ok(value);
  };
}

export const readSex = fromTable(SEX, 'word_sex');
export const readEmploymentStatus = fromTable(EMPLOYMENT, 'word_employment_status');
export const readEducation = fromTable(EDUCATION, 'word_education');
export const readMobility = fromTable(MOBILITY, 'word_mobility');
export const readPovertyStatus = fromTable(POVERTY, 'word_poverty_status');
export const readPension = fromTable(PENSION, 'word_pension');

export function readYesNo(raw: string): Converted<boolean> {
  const value = YES_NO.get(compact(raw));
  return value === undefined ? fail('word_yes_no') : ok(value === 'true');
}

/** 2024-05-01, 2024/5/1, 2024.5.1, 20240501, 2024年5月1日, 2024-05 (the first of the month). */
export function readDate(raw: string): Converted<string> {
  const text = fold(raw).replace(/日$/, '');
  const match =
    /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? null;
  if (!match) return fail('date_format');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return fail('date_format');
  return ok(date.toISOString().slice(0, 10));
}

/** 4000, 4,000, 4000元, 4000.00, 4千, 0.5万; a range 3000-5000 reads as its lower end (the least accepted). */
export function readWage(raw: string): Converted<number> {
  const text = fold(raw)
    .replace(/[,，\s]/g, '')
    .replace(/(元|元\/月|\/月|每月)$/, '');
  const first = text.split(/[-~至到]/)[0] ?? '';
  const match = /^(\d+(?:\.\d+)?)(千|万)?$/.exec(first);
  if (!match) return fail('number_format');
  const unit = match[2] === '万' ? 10_000 : match[2] === '千' ? 1000 : 1;
  return ok(Math.round(Number(match[1]) * unit));
}

export function readYear(raw: string): Converted<number> {
  const match = /^(\d{4})(年|年度)?$/.exec(fold(raw));
  return match ? ok(Number(match[1])) : fail('year_format');
}

const GRADES: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** 一级, 二级, 3级, 4 → 1..4. */
export function readGrade(raw: string): Converted<number> {
  const match = /^([一二三四1-4])级?$/.exec(compact(raw));
  return match ? ok(GRADES[match[1]!]!) : fail('grade_format');
}

/** A mobile number as people write it: spaces, dashes, +86; of several numbers the first. */
export function readPhone(raw: string): string {
  const first = fold(raw).split(/[,，;；/、]/)[0] ?? '';
  return first.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function readRegionCode(raw: string): string {
  return fold(raw).replace(/\s/g, '');
}

/** Names keep their characters; stray spaces between Chinese characters are typing noise. */
export function readName(raw: string): string {
  return raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
}

export interface Taxonomy {
  /** The code of a skill given by its code or its exact Chinese name. */
  skill(text: string): string | undefined;
  occupation(text: string): string | undefined;
}

/** A name key: names are matched exactly after trimming and folding full-width brackets. */
export const taxonomyKey = (text: string) => fold(text);

/** Looks skills and occupations up by code or by exact Chinese name. */
export function buildTaxonomy(data: {
  skills: Array<{ code: string; nameZh: string }>;
  occupations: Array<{ code: string; nameZh: string }>;
}): Taxonomy {
  const index = (items: Array<{ code: string; nameZh: string }>) => {
    const map = new Map<string, string>();
    for (const item of items) {
      map.set(item.code, item.code);
      map.set(taxonomyKey(item.nameZh), item.code);
    }
    return (text: string) => map.get(text) ?? map.get(text.toUpperCase()) ?? map.get(taxonomyKey(text));
  };
  return { skill: index(data.skills), occupation: index(data.occupations) };
}

function splitOutsideBrackets(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * A list of taxonomy items by code or Chinese name, separated by commas, 、, semicolons or spaces.
 * A slash separates items too, unless it is part of a name (厨房帮工（切配/打荷）).
 */
export function readCodeList(
  raw: string,
  lookup: (text: string) => string | undefined,
): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const token of fold(raw)
    .split(/[,，、;；|\n\s]+/)
    .filter(Boolean)) {
    const direct = lookup(token);
    if (direct) {
      codes.push(direct);
      continue;
    }
    const parts = splitOutsideBrackets(token, '/');
    const found = parts.map((part) => lookup(part));
    if (parts.length > 1 && found.every(Boolean)) codes.push(...(found as string[]));
    else unknown.push(token);
  }
  return { codes: [...new Set(codes)], unknown };
}
