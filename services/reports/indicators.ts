/**
 * The one place where every indicator of the dashboard, the reports and the API is defined: what it
 * counts, from which tables, as of when, in which unit. services/reports/README.md carries the same
 * table, generated from this list (`npx tsx services/reports/definitions-table.ts`).
 * Change a definition → bump DEFINITIONS_VERSION, so stored reports say which rules made them.
 */

import { type IndicatorDefinition, type ReportGroup } from './indicator-definition.ts';
import { EMPLOYMENT_INDICATORS } from './employment-indicators.ts';
import { FRESHNESS_INDICATORS } from './freshness-indicators.ts';
import { GRADUATE_INDICATORS } from './graduate-indicators.ts';
import { INSURANCE_INDICATORS } from './insurance-indicators.ts';
import { TALENT_INDICATORS } from './talent-indicators.ts';
import { TECH_SCHOOL_INDICATORS } from './tech-school-indicators.ts';
import { SKILLS_INDICATORS } from './skills-indicators.ts';

export * from './indicator-definition.ts';

const COOP_SOURCES = {
  fairs: 'Fair.agreementId',
  transfers: 'TransferMember.arrivedAt',
  household_placements: 'HouseholdReferral.status',
  trainings: 'TrainingRecord.agreementId',
} as const;

export const INDICATORS: readonly IndicatorDefinition[] = [
  ...EMPLOYMENT_INDICATORS,
  ...FRESHNESS_INDICATORS,
  {
    id: 'trainings_completed',
    group: 'skills',
    nameZh: '完成培训人次',
    nameEn: 'Trainings completed',
    counts: 'Training records of labourers of the region ending within the period.',
    clause: '§3(2) 开展贫困劳动力职业技能培训',
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
    clause: '§3(2) 开展贫困劳动力职业技能培训',
    sources: ['TrainingRecord.passed'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'certificates_issued',
    group: 'skills',
    nameZh: '新取得职业资格证书或职业技能等级证书',
    nameEn: 'Vocational qualification or skill-level certificates issued',
    counts:
      'Certificates of labourers of the region issued within the period whose kind is a vocational qualification or a skill level (CertificateKind.category); health certificates, operating and driving licences, special-ability and training certificates are not counted.',
    clause: '§3(1) 取得职业资格证书、职业技能等级证书',
    sources: ['LabourerCertificate.issuedOn', 'CertificateKind.category', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'labourers_certified',
    group: 'skills',
    nameZh: '持职业资格或职业技能等级证书人数',
    nameEn: 'Holding a qualification or skill-level certificate',
    counts:
      'Labourers of the region holding at least one certificate of the kinds counted in certificates_issued, issued by the period end (or undated).',
    clause: '§3(1) 职业资格证书、职业技能等级证书',
    sources: ['LabourerCertificate', 'CertificateKind.category', 'Labourer.regionCode'],
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
    clause: '§1(2) 实现法定人员参加基本养老保险全覆盖; §4(1) 应保尽保',
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
    clause: '§4(1) 推进贫困人口社会保险应保尽保',
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
    clause: '§1(2) 实现法定人员参加基本养老保险全覆盖',
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
    clause: '§4(3) 防范因工伤、失业致贫返贫',
    sources: ['Labourer.unemploymentInsurance'],
    asOf: 'current',
    unit: 'people',
  },
  ...INSURANCE_INDICATORS,
  // Two lists of graduates, two sets of figures: these two read the labourer registry's own
  // graduates-of-the-year field; grad_* (graduate-indicators.ts) read the graduates module's records.
  {
    id: 'graduates',
    group: 'talent',
    nameZh: '劳动力台账中本年度毕业的贫困劳动力（台账毕业年份）',
    nameEn: 'Registry: labourers graduating this year (registry’s graduation year)',
    counts:
      'From the labourer registry, not the graduates module: registered labourers whose registry record gives the calendar year of the period end as their graduation year (Labourer.graduationYear, the registry’s graduates-of-the-year flag, set on registration or the poverty office’s import) and whose education level is technical school (vocational: 技工院校高级工班、预备技师班 included), college or university. People of earlier years and those whose year is not recorded are not counted. The graduates module’s list (grad_registered: school lists and officers’ registrations, with their own status) is a separate count; a person may be on one and not the other.',
    clause: '§5(4) 全日制普通高校、技工院校高级工班、预备技师班……毕业年度内……建档立卡贫困家庭毕业生',
    sources: ['Labourer.educationLevel', 'Labourer.graduationYear'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'graduates_employed',
    group: 'talent',
    nameZh: '其中台账就业状态为已就业',
    nameEn: 'Of whom employed by registry status',
    counts:
      'Of those (the registry’s graduates of the year), the labourers whose registry employment status (Labourer.employmentStatus, through its status history for a past period end) is one of the employed statuses at the period end. Not the graduates module’s status (grad_status_employed), which officers, school lists and hires through the platform set on the graduate record.',
    clause: '§5(4) 帮助尽快实现就业',
    sources: ['Labourer.educationLevel', 'Labourer.employmentStatus', 'LabourerStatusChange'],
    asOf: 'period_end',
    unit: 'people',
  },
  ...GRADUATE_INDICATORS,
  ...TALENT_INDICATORS,
  ...TECH_SCHOOL_INDICATORS,
  ...SKILLS_INDICATORS,
  {
    id: 'coop_agreements',
    group: 'employment',
    nameZh: '协作协议数',
    nameEn: 'Cooperation agreements',
    counts: 'East-west cooperation agreements of the region (home side) for the years of the period.',
    clause: '§2(5) 深化扶贫劳务协作',
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
      group: 'employment',
      nameZh: `${zh}目标`,
      nameEn: `Target: ${en}`,
      counts: `Sum of the agreements' target for ${en}.`,
      clause: '§2(5) 深化扶贫劳务协作',
      sources: ['CooperationAgreement'],
      asOf: 'year',
      unit: 'count',
    },
    {
      id: `coop_${key}_done`,
      group: 'employment',
      nameZh: `${zh}完成`,
      nameEn: `Done: ${en}`,
      counts,
      clause: '§2(5) 深化扶贫劳务协作',
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
