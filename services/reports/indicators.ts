/**
 * The one place where every indicator of the dashboard, the reports and the API is defined: what it
 * counts, from which tables, as of when, in which unit. services/reports/README.md carries the same
 * table, generated from this list (`npx tsx services/reports/definitions-table.ts`).
 * Change a definition → bump DEFINITIONS_VERSION, so stored reports say which rules made them.
 */

export const DEFINITIONS_VERSION = '2026.11-1';

/** The plan's special working groups (专项组), each reporting quarterly in writing. */
export const REPORT_GROUPS = ['employment', 'skills', 'social_security', 'talent', 'paired_assistance'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export const EMPLOYMENT_STATUSES = [
  'unemployed',
  'employed_local',
  'transferred_in_province',
  'transferred_out_province',
  'self_employed',
  'public_welfare_post',
  'in_training',
  'not_in_labour_force',
] as const;
export type EmploymentStatusCode = (typeof EMPLOYMENT_STATUSES)[number];

/** Statuses counted as employed (就业): every kind of work, the public-welfare fallback post included. */
export const EMPLOYED_STATUSES: readonly EmploymentStatusCode[] = [
  'employed_local',
  'transferred_in_province',
  'transferred_out_province',
  'self_employed',
  'public_welfare_post',
];

/**
 * - period_end: a stock at the end of the period (the registry's current state when the period
 *   ends today or later; the status history otherwise).
 * - period: events dated within the period, both ends included (Beijing calendar days).
 * - current: the registry's present value; the table keeps no history of it.
 * - year: the agreements of the period's calendar year(s), events up to the period's end.
 */
export type AsOf = 'period_end' | 'period' | 'current' | 'year';
export type Unit = 'people' | 'percent' | 'count' | 'yuan';

export interface IndicatorDefinition {
  id: string;
  group: ReportGroup;
  nameZh: string;
  nameEn: string;
  /** What is counted, in English (README, API). */
  counts: string;
  sources: string[];
  asOf: AsOf;
  unit: Unit;
}

const STATUS_NAMES: Record<EmploymentStatusCode, [string, string]> = {
  unemployed: ['未就业', 'Unemployed'],
  employed_local: ['县内就业', 'Employed in the county'],
  transferred_in_province: ['省内转移就业', 'Transferred within the province'],
  transferred_out_province: ['省外转移就业', 'Transferred out of the province'],
  self_employed: ['自主创业', 'Self-employed'],
  public_welfare_post: ['公益性岗位', 'Public-welfare post'],
  in_training: ['参加培训', 'In training'],
  not_in_labour_force: ['无劳动能力或退出劳动力', 'Not in the labour force'],
};

const statusIndicators: IndicatorDefinition[] = EMPLOYMENT_STATUSES.map((status) => ({
  id: `status_${status}`,
  group: 'employment',
  nameZh: STATUS_NAMES[status][0],
  nameEn: STATUS_NAMES[status][1],
  counts: `Registered labourers whose employment status is ${status}.`,
  sources: ['Labourer.employmentStatus', 'LabourerStatusChange'],
  asOf: 'period_end',
  unit: 'people',
}));

const COOP_SOURCES = {
  fairs: 'Fair.agreementId',
  transfers: 'TransferMember.arrivedAt',
  household_placements: 'HouseholdReferral.status',
  trainings: 'TrainingRecord.agreementId',
} as const;

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'labourers',
    group: 'employment',
    nameZh: '登记贫困劳动力',
    nameEn: 'Registered labourers',
    counts:
      'Registered poor labourers (建档立卡) whose household registration lies in the region, erased records included (they stay for anonymous statistics). Before today: those with a status record by the period end.',
    sources: ['Labourer.regionCode', 'LabourerStatusChange'],
    asOf: 'period_end',
    unit: 'people',
  },
  ...statusIndicators,
  {
    id: 'labour_force',
    group: 'employment',
    nameZh: '劳动力人数',
    nameEn: 'In the labour force',
    counts: 'Registered labourers except those not in the labour force (no capacity or withdrawn).',
    sources: ['Labourer.employmentStatus', 'LabourerStatusChange'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'employed',
    group: 'employment',
    nameZh: '已就业人数',
    nameEn: 'Employed',
    counts:
      'Labourers employed in the county, transferred within or out of the province, self-employed or on a public-welfare post.',
    sources: ['Labourer.employmentStatus', 'LabourerStatusChange'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'employed_share',
    group: 'employment',
    nameZh: '就业率',
    nameEn: 'Employed share',
    counts: 'employed ÷ labour_force × 100, one decimal; 0 when nobody is in the labour force.',
    sources: ['Labourer.employmentStatus', 'LabourerStatusChange'],
    asOf: 'period_end',
    unit: 'percent',
  },
  {
    id: 'transfers_in_province_new',
    group: 'employment',
    nameZh: '本期新增省内转移',
    nameEn: 'New transfers within the province',
    counts: 'Status changes to transferred_in_province dated within the period (a person moved twice counts twice).',
    sources: ['LabourerStatusChange.toStatus', 'LabourerStatusChange.changedAt', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'transfers_out_province_new',
    group: 'employment',
    nameZh: '本期新增省外转移',
    nameEn: 'New transfers out of the province',
    counts: 'Status changes to transferred_out_province dated within the period.',
    sources: ['LabourerStatusChange.toStatus', 'LabourerStatusChange.changedAt', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'willing',
    group: 'employment',
    nameZh: '有求职意愿人数',
    nameEn: 'Wanting a job',
    counts: 'Registered labourers marked as wanting a job (wantsJob).',
    sources: ['Labourer.wantsJob'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'pushed',
    group: 'employment',
    nameZh: '已推送岗位人数',
    nameEn: 'Pushed at least one job',
    counts: 'People wanting a job who were pushed at least one job by the period end.',
    sources: ['Labourer.wantsJob', 'JobPush.pushedAt'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'push_coverage',
    group: 'employment',
    nameZh: '岗位推送覆盖率',
    nameEn: 'Push coverage',
    counts: 'pushed ÷ willing × 100, one decimal (the plan: at least one suitable job for every willing person).',
    sources: ['Labourer.wantsJob', 'JobPush'],
    asOf: 'period_end',
    unit: 'percent',
  },
  {
    id: 'applications',
    group: 'employment',
    nameZh: '求职申请',
    nameEn: 'Applications',
    counts: 'Applications (self, officer or accepted invitation) created within the period by labourers of the region.',
    sources: ['Application.createdAt', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'hires',
    group: 'employment',
    nameZh: '录用人次',
    nameEn: 'Hires',
    counts: 'Applications whose hire date lies within the period.',
    sources: ['Application.hiredAt', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'starts',
    group: 'employment',
    nameZh: '上岗人次',
    nameEn: 'Starts',
    counts: 'Applications whose start date lies within the period.',
    sources: ['Application.startedAt', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'fairs_held',
    group: 'employment',
    nameZh: '专场招聘会场次',
    nameEn: 'Fairs held',
    counts:
      'Fairs not cancelled starting within the period, counted for the home region of a cooperation fair, else where held.',
    sources: ['Fair.startsAt', 'Fair.status', 'Fair.homeRegionCode', 'Fair.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'fair_registrations',
    group: 'employment',
    nameZh: '招聘会报名人次',
    nameEn: 'Fair registrations',
    counts: 'Registrations for the fairs counted in fairs_held.',
    sources: ['FairRegistration'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'fair_attendance',
    group: 'employment',
    nameZh: '招聘会到场人次',
    nameEn: 'Fair attendance',
    counts: 'Registrations of those fairs that were checked in.',
    sources: ['FairRegistration.checkedInAt'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'fair_intentions',
    group: 'employment',
    nameZh: '达成就业意向人次',
    nameEn: 'Fair intentions and offers',
    counts: 'Interactions of those fairs with the outcome intention or offer.',
    sources: ['FairInteraction.outcome'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'subsidy_approved',
    group: 'employment',
    nameZh: '吸纳就业补贴笔数',
    nameEn: 'Hiring subsidies approved',
    counts: 'Hiring-subsidy decisions approved within the period, for hires of labourers of the region.',
    sources: ['SubsidyDecision.status', 'SubsidyDecision.decidedAt', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'subsidy_amount',
    group: 'employment',
    nameZh: '吸纳就业补贴金额',
    nameEn: 'Hiring subsidies (yuan)',
    counts: 'Sum of the amounts of the approved decisions counted in subsidy_approved.',
    sources: ['SubsidyDecision.amount'],
    asOf: 'period',
    unit: 'yuan',
  },
  {
    id: 'trainings_completed',
    group: 'skills',
    nameZh: '完成培训人次',
    nameEn: 'Trainings completed',
    counts: 'Training records of labourers of the region ending within the period.',
    sources: ['TrainingRecord.endedOn', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'trainings_passed',
    group: 'skills',
    nameZh: '培训合格人次',
    nameEn: 'Trainings passed',
    counts: 'Of those, the records marked passed.',
    sources: ['TrainingRecord.passed'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'certificates_issued',
    group: 'skills',
    nameZh: '新取得证书',
    nameEn: 'Certificates issued',
    counts: 'Certificates of labourers of the region issued within the period.',
    sources: ['LabourerCertificate.issuedOn', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'labourers_certified',
    group: 'skills',
    nameZh: '持证人数',
    nameEn: 'Holding a certificate',
    counts: 'Labourers of the region holding at least one certificate issued by the period end (or undated).',
    sources: ['LabourerCertificate', 'Labourer.regionCode'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'pension_eligible',
    group: 'social_security',
    nameZh: '应参保人数（16周岁以上）',
    nameEn: 'Due for pension insurance (16+)',
    counts:
      'Registered labourers aged 16 or more at the period end (the plan: every person required by law in basic pension insurance).',
    sources: ['Labourer.birthDate'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'pension_covered',
    group: 'social_security',
    nameZh: '已参加基本养老保险',
    nameEn: 'Covered by basic pension insurance',
    counts: 'Of those, the ones with urban-rural resident or employee pension insurance (current record).',
    sources: ['Labourer.pensionInsurance'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'pension_coverage',
    group: 'social_security',
    nameZh: '养老保险参保率',
    nameEn: 'Pension coverage',
    counts: 'pension_covered ÷ pension_eligible × 100, one decimal.',
    sources: ['Labourer.pensionInsurance', 'Labourer.birthDate'],
    asOf: 'current',
    unit: 'percent',
  },
  {
    id: 'unemployment_insured',
    group: 'social_security',
    nameZh: '参加失业保险',
    nameEn: 'Unemployment insurance',
    counts: 'Registered labourers with unemployment insurance (current record).',
    sources: ['Labourer.unemploymentInsurance'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'graduates',
    group: 'talent',
    nameZh: '大专及以上学历人数',
    nameEn: 'College-educated labourers',
    counts: 'Registered labourers with college or higher education (the poor-family graduates of the plan).',
    sources: ['Labourer.educationLevel'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'graduates_employed',
    group: 'talent',
    nameZh: '其中已就业',
    nameEn: 'Of whom employed',
    counts: 'Of those, employed (statuses as in employed) at the period end.',
    sources: ['Labourer.educationLevel', 'Labourer.employmentStatus', 'LabourerStatusChange'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'coop_agreements',
    group: 'paired_assistance',
    nameZh: '协作协议数',
    nameEn: 'Cooperation agreements',
    counts: 'East-west cooperation agreements of the region (home side) for the years of the period.',
    sources: ['CooperationAgreement.homeRegionCode', 'CooperationAgreement.year'],
    asOf: 'year',
    unit: 'count',
  },
  ...(
    [
      [
        'fairs',
        '协作招聘会',
        'cooperation fairs',
        'Fairs of those agreements, not cancelled, started by the period end.',
      ],
      [
        'transfers',
        '有组织转移输出',
        'organised transfers',
        'Members of transfer batches of those agreements who arrived by the period end.',
      ],
      [
        'household_placements',
        '家政服务对接成功',
        'household-service placements',
        'Household-service referrals of those agreements with status placed.',
      ],
      [
        'trainings',
        '协作培训',
        'cooperation trainings',
        'Training records of those agreements started by the period end.',
      ],
    ] as const
  ).flatMap(([key, zh, en, counts]): IndicatorDefinition[] => [
    {
      id: `coop_${key}_target`,
      group: 'paired_assistance',
      nameZh: `${zh}目标`,
      nameEn: `Target: ${en}`,
      counts: `Sum of the agreements' target for ${en}.`,
      sources: ['CooperationAgreement'],
      asOf: 'year',
      unit: 'count',
    },
    {
      id: `coop_${key}_done`,
      group: 'paired_assistance',
      nameZh: `${zh}完成`,
      nameEn: `Done: ${en}`,
      counts,
      sources: ['CooperationAgreement', COOP_SOURCES[key]],
      asOf: 'year',
      unit: 'count',
    },
  ]),
];

export type IndicatorValues = Record<string, number>;

export const INDICATOR_BY_ID = new Map(INDICATORS.map((d) => [d.id, d]));

export function definitionsOf(group: ReportGroup): IndicatorDefinition[] {
  return INDICATORS.filter((d) => d.group === group);
}

/** A share in percent with one decimal; 0 for an empty denominator. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}
