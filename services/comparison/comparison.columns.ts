import type { ComparisonKind } from './comparison.kinds.ts';

/** What a column of an external list means to the comparison. */
export type ColumnField =
  | 'idNumber'
  | 'name'
  | 'regionCode'
  | 'employmentStatus'
  | 'employer'
  | 'registeredOn'
  | 'course'
  | 'trainedOn'
  | 'certificate'
  | 'occupation'
  | 'level'
  | 'insuranceType'
  | 'pension'
  | 'insuranceStatus'
  | 'povertyStatus';

/**
 * Headers seen in the exports of the systems compared (就业登记, 培训, 技能鉴定, 社保, 扶贫办),
 * compared after normalising (no spaces or asterisks, ASCII brackets, lower case).
 */
const ALIASES: Record<ColumnField, string[]> = {
  idNumber: [
    '身份证号',
    '身份证号码',
    '身份证',
    '公民身份号码',
    '公民身份证号码',
    '身份证件号码',
    '证件号码',
    '证件号',
    '社会保障号码',
    '社会保障卡号',
    'idnumber',
  ],
  name: ['姓名', '人员姓名', '劳动力姓名', '参保人姓名', '学员姓名', '参保人', 'name'],
  regionCode: [
    '户籍区划',
    '户籍区划代码',
    '户籍地区划代码',
    '区划代码',
    '行政区划',
    '行政区划代码',
    '所在地区划代码',
    '所在地区代码',
    'regioncode',
  ],
  employmentStatus: [
    '就业状态',
    '就业登记状态',
    '登记状态',
    '就业情况',
    '是否就业',
    '务工状态',
    '是否务工',
    '务工就业状态',
  ],
  employer: ['就业单位', '用工单位', '工作单位', '就业单位名称', '单位名称'],
  registeredOn: ['登记日期', '就业登记日期', '登记时间', '办理日期'],
  course: ['培训项目', '培训工种', '培训专业', '培训名称', '培训职业', '培训项目名称'],
  trainedOn: ['培训时间', '培训日期', '结业日期', '结业时间', '培训结束日期'],
  certificate: ['证书', '证书名称', '证书类型'],
  occupation: ['职业', '工种', '职业(工种)', '鉴定职业', '鉴定工种', '职业名称'],
  level: ['等级', '技能等级', '职业技能等级', '鉴定等级', '证书等级'],
  insuranceType: ['参保险种', '险种', '险种类型', '险种名称'],
  pension: [
    '养老保险',
    '养老保险参保情况',
    '是否参加养老保险',
    '是否参加城乡居民基本养老保险',
    '城乡居民养老保险',
    '参加养老保险情况',
  ],
  insuranceStatus: ['参保状态', '缴费状态', '参保情况', '人员参保状态', '参保缴费状态'],
  povertyStatus: ['脱贫状态', '贫困户状态', '贫困状态', '是否脱贫', '脱贫属性'],
};

export function normaliseHeader(header: string): string {
  return header
    .replace(/[\s*＊]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const FIELD_BY_HEADER = new Map<string, ColumnField>(
  (Object.entries(ALIASES) as Array<[ColumnField, string[]]>).flatMap(([field, aliases]) =>
    aliases.map((alias) => [normaliseHeader(alias), field] as const),
  ),
);

/** Column index of each field found in a header row; the first column wins when two mean the same. */
export type ColumnMap = Partial<Record<ColumnField, number>>;

export function mapColumns(headers: string[]): ColumnMap {
  const map: ColumnMap = {};
  headers.forEach((header, index) => {
    const field = FIELD_BY_HEADER.get(normaliseHeader(header));
    if (field && map[field] === undefined) map[field] = index;
  });
  return map;
}

/** The fields that describe a person's entry in each kind of list (shown for people on the list only). */
export const DETAIL_FIELDS: Record<ComparisonKind, ColumnField[]> = {
  employment_registration: ['employmentStatus', 'employer', 'registeredOn'],
  training_records: ['course', 'trainedOn'],
  skills_appraisal: ['certificate', 'occupation', 'level'],
  social_insurance: ['insuranceType', 'pension', 'insuranceStatus'],
  poverty_office: ['povertyStatus', 'employmentStatus', 'pension'],
};

/**
 * Besides the ID number, the columns a kind cannot do without: any one of each group. Training
 * and appraisal lists need none: being on the list is the fact compared.
 */
export const REQUIRED_ANY: Record<ComparisonKind, ColumnField[]> = {
  employment_registration: ['employmentStatus', 'employer'],
  training_records: [],
  skills_appraisal: [],
  social_insurance: ['insuranceType', 'pension', 'insuranceStatus'],
  poverty_office: [],
};

export const ID_HEADER_EXAMPLES = ALIASES.idNumber.slice(0, 4);
