/**
 * The registry fields a file may carry, the column headers the poverty office and the household
 * survey (摸底调查) use for them, and the matching of a file's header row against a mapping.
 */
export const IMPORT_FIELDS = [
  'name',
  'idNumber',
  'sex',
  'birthDate',
  'phone',
  'regionCode',
  'currentRegionCode',
  'currentAddress',
  'educationLevel',
  'povertyStatus',
  'povertyHouseholdNo',
  'povertyYear',
  'disability',
  'disabilityGrade',
  'hardToEmploy',
  'employmentStatus',
  'wantsJob',
  'mobility',
  'desiredOccupations',
  'expectedWage',
  'needsAccommodation',
  'availableFrom',
  'skills',
  'trainingWishes',
  'pensionInsurance',
  'unemploymentInsurance',
  'consentContact',
  'consentShowEmployer',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ColumnMapping = Partial<Record<ImportField, string>>;

export const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'idNumber', 'regionCode'];

/** Fields whose cell values are personal: masked wherever a value is shown back (issues, report). */
export const PERSONAL_FIELDS = {
  idNumber: 'id',
  phone: 'phone',
  name: 'name',
  currentAddress: 'address',
} as const satisfies Partial<Record<ImportField, string>>;

/** Headers found in the wild, first the one the office's template uses. */
export const DEFAULT_HEADERS: Record<ImportField, string[]> = {
  name: ['姓名', '人员姓名', '劳动力姓名'],
  idNumber: ['身份证号', '公民身份号码', '身份证号码', '证件号码', '身份证'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月日'],
  phone: ['联系电话', '手机号码', '手机号', '联系方式', '电话号码'],
  regionCode: ['户籍地址区划代码', '村代码', '户籍地区划代码', '户籍所在地区划代码', '行政区划代码', '区划代码'],
  currentRegionCode: ['现居住地区划代码', '现住址区划代码'],
  currentAddress: ['现居住地址', '现住址', '居住地址'],
  educationLevel: ['文化程度', '学历'],
  povertyStatus: ['脱贫状态', '贫困户状态', '是否脱贫'],
  povertyHouseholdNo: ['贫困户编号', '户编号', '户码'],
  povertyYear: ['脱贫年度', '脱贫年份'],
  disability: ['是否残疾', '是否残疾人', '残疾'],
  disabilityGrade: ['残疾等级'],
  hardToEmploy: ['是否就业困难人员', '就业困难人员'],
  employmentStatus: ['就业状态', '务工状态'],
  wantsJob: ['务工意愿', '是否有就业意愿', '就业意愿', '求职意愿', '是否有务工意愿'],
  mobility: ['外出意愿', '流动意愿', '意向务工地域'],
  desiredOccupations: ['意向工种', '意向职业', '求职意向'],
  expectedWage: ['期望月收入', '期望月薪', '期望工资', '期望收入'],
  needsAccommodation: ['是否需要住宿', '需要住宿'],
  availableFrom: ['可到岗日期', '可上岗时间'],
  skills: ['技能', '技能特长', '掌握技能', '专业技能'],
  trainingWishes: ['培训意愿', '意向培训工种', '培训需求'],
  pensionInsurance: ['养老保险', '养老保险参保情况', '参加养老保险'],
  unemploymentInsurance: ['失业保险', '是否参加失业保险'],
  consentContact: ['同意联系'],
  consentShowEmployer: ['同意推荐给用人单位', '同意向用人单位展示'],
};

/**
 * 身份证号（18位）, " 姓名* " and 姓 名 all mean the same column: spaces, required-markers and
 * bracketed hints are dropped, full-width forms folded.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s*:：]/g, '')
    .replace(/^\uFEFF/, '');
}

export interface ResolvedColumns {
  /** Column index of each field found in the file. */
  index: Map<ImportField, number>;
  /** The header text of each field as written in the file (used for issues). */
  header: Map<ImportField, string>;
  /** Required fields with no column. */
  missing: ImportField[];
  /** Fields the saved mapping names but whose column is not in the file. */
  absent: Array<{ field: ImportField; header: string }>;
}

/** The saved mapping wins; every other field falls back to the default headers. */
export function resolveColumns(headers: string[], mapping: ColumnMapping = {}): ResolvedColumns {
  const position = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key && !position.has(key)) position.set(key, i);
  });
  const index = new Map<ImportField, number>();
  const header = new Map<ImportField, string>();
  const absent: ResolvedColumns['absent'] = [];
  const taken = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const saved = mapping[field];
    if (!saved) continue;
    const at = position.get(normaliseHeader(saved));
    if (at === undefined) absent.push({ field, header: saved });
    else {
      index.set(field, at);
      header.set(field, headers[at]!.trim());
      taken.add(at);
    }
  }
  for (const field of IMPORT_FIELDS) {
    if (mapping[field]) continue;
    for (const candidate of DEFAULT_HEADERS[field]) {
      const at = position.get(normaliseHeader(candidate));
      if (at !== undefined && !taken.has(at)) {
        index.set(field, at);
        header.set(field, headers[at]!.trim());
        taken.add(at);
        break;
      }
    }
  }
  const missing = REQUIRED_FIELDS.filter((field) => !index.has(field));
  return { index, header, missing, absent };
}

/** How many fields a row of headers names: picks the header row under a title row or two. */
export function headerScore(cells: string[], mapping: ColumnMapping = {}): number {
  return resolveColumns(cells, mapping).index.size;
}

/** The header shown for a field when its column is missing (the saved one, else the usual one). */
export function expectedHeader(field: ImportField, mapping: ColumnMapping = {}): string {
  return mapping[field] ?? DEFAULT_HEADERS[field][0]!;
}
