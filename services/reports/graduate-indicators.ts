import type { IndicatorDefinition } from './indicator-definition.ts';

/** The plan clause the graduates' figures implement (plan §5(4), 人事人才扶贫). */
export const GRADUATE_PLAN_CLAUSE =
  '§5(4) 面向毕业年度离校未就业的建档立卡贫困家庭高校毕业生，开展“就业红娘”结对帮扶服务，帮助尽快实现就业';

const STATUS_NAMES = [
  ['in_school', '在校', 'in school'],
  ['left_without_work', '离校未就业', 'left school without work'],
  ['employed', '已就业', 'employed'],
  ['started_business', '已创业', 'started a business'],
  ['further_study', '升学', 'in further study'],
] as const;

/**
 * The graduates module's records (services/graduates): poor-family graduates of the graduation year,
 * their status, their matchmakers (就业红娘) and how soon they found work. The values are computed by
 * the graduates module (graduate-figures.ts) for a region and the period's last day.
 */
export const GRADUATE_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'grad_registered',
    group: 'talent',
    nameZh: '毕业生名单中的贫困家庭毕业生（毕业年度）',
    nameEn: 'Graduates module: poor-family graduates on the list (graduation year)',
    counts:
      'Graduates recorded in the graduates module (imported from school lists or registered by officers, linked to a registered poor person of the registry) whose graduation year is the calendar year of the period end, by household region. Not the registry’s graduates of the year (graduates: Labourer.graduationYear on the labourer record); the two lists are kept apart and may differ.',
    clause: GRADUATE_PLAN_CLAUSE,
    sources: ['Graduate.graduationYear', 'Graduate.regionCode'],
    asOf: 'current',
    unit: 'people',
  },
  ...STATUS_NAMES.map(([status, zh, en]): IndicatorDefinition => ({
    id: `grad_status_${status}`,
    group: 'talent',
    nameZh: `其中名单状态为${zh}`,
    nameEn: `Of whom ${en} (list status)`,
    counts: `Of those, the graduates whose current status on the graduates module's record (Graduate.status) is ${status}${status === 'employed' ? '; not the registry employment status of graduates_employed' : ''}.`,
    clause: GRADUATE_PLAN_CLAUSE,
    sources: ['Graduate.status'],
    asOf: 'current',
    unit: 'people',
  })),
  {
    id: 'grad_paired',
    group: 'talent',
    nameZh: '结对就业红娘人数',
    nameEn: 'Paired with a matchmaker',
    counts:
      'Of those, the graduates with a matchmaker pairing begun on or before the period end (ended ones included).',
    clause: GRADUATE_PLAN_CLAUSE,
    sources: ['MatchmakerPairing.startedAt'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'grad_employed_3m',
    group: 'talent',
    nameZh: '离校3个月内就业创业',
    nameEn: 'In work within 3 months of leaving school',
    counts:
      'Of those, the graduates whose first day in work or business (Graduate.workFoundOn, set when the status first becomes employed or started_business, or on a hire through the platform) is on or before the period end and no later than 3 calendar months after the day they left school.',
    clause: GRADUATE_PLAN_CLAUSE,
    sources: ['Graduate.workFoundOn', 'Graduate.leftSchoolOn'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'grad_employed_6m',
    group: 'talent',
    nameZh: '离校6个月内就业创业',
    nameEn: 'In work within 6 months of leaving school',
    counts: 'As the 3-month figure, within 6 calendar months of leaving school.',
    clause: GRADUATE_PLAN_CLAUSE,
    sources: ['Graduate.workFoundOn', 'Graduate.leftSchoolOn'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'grad_paired_employed_3m',
    group: 'talent',
    nameZh: '结对后3个月内就业创业',
    nameEn: 'Paired, in work within 3 months of pairing',
    counts:
      'Of those, the graduates with a matchmaker pairing begun on or before the period end whose status became employed or started_business (GraduateStatusChange, the day of the change) on or after the day their first pairing began, no later than 3 calendar months after it, and on or before the period end. Work found before the pairing is not counted: this measures the 就业红娘 service itself, where grad_employed_3m counts every graduate from the day of leaving school.',
    clause: GRADUATE_PLAN_CLAUSE,
    sources: ['MatchmakerPairing.startedAt', 'GraduateStatusChange.toStatus', 'GraduateStatusChange.on'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'grad_paired_employed_6m',
    group: 'talent',
    nameZh: '结对后6个月内就业创业',
    nameEn: 'Paired, in work within 6 months of pairing',
    counts: 'As the 3-month figure of paired graduates, within 6 calendar months of the pairing’s start.',
    clause: GRADUATE_PLAN_CLAUSE,
    sources: ['MatchmakerPairing.startedAt', 'GraduateStatusChange.toStatus', 'GraduateStatusChange.on'],
    asOf: 'period_end',
    unit: 'people',
  },
];
