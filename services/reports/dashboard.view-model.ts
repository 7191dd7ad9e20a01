import { translate } from '../platform/i18n/i18n.ts';
import { GRADUATE_INDICATORS } from './graduate-indicators.ts';
import { EMPLOYMENT_STATUSES, INDICATOR_BY_ID } from './indicators.ts';
import type { AreaFigures, IndicatorSet } from './indicators.service.ts';

const COOP_KEYS = ['fairs', 'transfers', 'household_placements', 'trainings'] as const;
/** The yearly training targets (skills-indicators.ts): each drawn as its target beside what was done this year. */
const TARGET_KINDS = ['upgrading_trainings', 'people_trained', 'people_certified'] as const;

export interface Item {
  label: string;
  value: number;
  unit?: string;
}

/** An indicator's name in the reader's language, from the definitions. */
export function indicatorName(locale: string, id: string): string {
  const d = INDICATOR_BY_ID.get(id);
  if (!d) return id;
  return locale === 'en' ? d.nameEn : d.nameZh;
}

const items = (locale: string, values: Record<string, number>, ids: string[]): Item[] =>
  ids.map((id) => ({ label: indicatorName(locale, id), value: values[id] ?? 0 }));

/** Scripts can not be inline (CSP): the data rides in a JSON block; `<` is escaped so it can not end it. */
export function jsonBlock(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function areaName(locale: string, area: Pick<AreaFigures, 'name' | 'nameEn'>) {
  return locale === 'en' ? area.nameEn : area.name;
}

/**
 * The dashboard's item sections: each a list of indicators drawn as bars with a table. Graduates
 * (plan §5(4)) and 人事人才/挂钩 (§5, §6) are counted by their modules; insurance casework by the
 * insurance module (insurance-indicators.ts).
 */
const SECTIONS = {
  transfers: [
    'status_transferred_in_province',
    'status_transferred_out_province',
    'transfers_in_province_new',
    'transfers_out_province_new',
  ],
  coverage: ['willing', 'pushed'],
  hiring: ['applications', 'hires', 'starts'],
  fairs: ['fairs_held', 'fair_registrations', 'fair_attendance', 'fair_intentions'],
  training: [
    'training_wished',
    'training_wished_reached',
    'training_offered',
    'training_enrolled',
    'training_course_completed',
    'training_certified',
    'training_certified_employed_90d',
    'trainings_completed',
    'trainings_passed',
    'certificates_issued',
    'labourers_certified',
  ],
  trainingSubsidy: [
    'training_subsidy_claims',
    'training_subsidy_paid',
    'training_subsidy_claimed_amount',
    'training_subsidy_paid_amount',
  ],
  graduates: [
    'grad_registered',
    'grad_status_in_school',
    'grad_status_left_without_work',
    'grad_status_employed',
    'grad_status_started_business',
    'grad_status_further_study',
    'grad_paired',
    'grad_paired_employed_3m',
    'grad_paired_employed_6m',
    'grad_employed_3m',
    'grad_employed_6m',
  ],
  talent: [
    'szyf_target_total',
    'szyf_recruited',
    'szyf_target_key_county',
    'szyf_key_county_posts',
    'szyf_placed_key_county',
    'catalogue_posts',
    'catalogue_filled',
    'campaign_posts',
    'campaign_filled',
    'linked_items',
    'linked_items_done',
  ],
  insurance: ['pension_60_plus', 'pension_60_plus_receiving', 'pension_government_paid', 'insurance_cases_open'],
} as const;

/** The graduates module's statuses (grad_status_<status>), in the definitions' order. */
const GRADUATE_STATUS_IDS = GRADUATE_INDICATORS.map((d) => d.id).filter((id) => id.startsWith('grad_status_'));

/** Graduates of the year by status, with the status's short name (the chart's bars on a phone). */
function graduatesByStatus(locale: string, values: Record<string, number>): Item[] {
  return GRADUATE_STATUS_IDS.map((id) => ({
    label: translate(locale, `graduates.status.${id.slice('grad_status_'.length)}`),
    value: values[id] ?? 0,
  }));
}

/** What the dashboard template and its chart script need, derived from one indicator set. */
export function dashboardModel(locale: string, set: IndicatorSet) {
  const v = set.values;
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, `reports.dashboard.${key}`, params);
  const status = EMPLOYMENT_STATUSES.map((s) => ({
    label: translate(locale, `employmentStatus.${s}`),
    value: v[`status_${s}`] ?? 0,
  }));
  const section = (key: keyof typeof SECTIONS) => items(locale, v, [...SECTIONS[key]]);
  const [transfers, coverage, hiring, fairs, training, trainingSubsidy, graduates, talent, insurance] = (
    [
      'transfers',
      'coverage',
      'hiring',
      'fairs',
      'training',
      'trainingSubsidy',
      'graduates',
      'talent',
      'insurance',
    ] as const
  ).map(section);
  const trainingTargets = TARGET_KINDS.map((kind) => ({
    label: t(`trainingTargetKinds.${kind}`),
    target: v[`training_target_${kind}`] ?? 0,
    done: v[`training_done_${kind}`] ?? 0,
    percent: v[`training_progress_${kind}`] ?? 0,
  }));
  const pension = [
    { label: t('pensionCovered'), value: v.pension_covered ?? 0 },
    { label: t('pensionUncovered'), value: (v.pension_eligible ?? 0) - (v.pension_covered ?? 0) },
  ];
  const cooperation = COOP_KEYS.map((key) => ({
    label: t(`coop.${key}`),
    target: v[`coop_${key}_target`] ?? 0,
    done: v[`coop_${key}_done`] ?? 0,
  }));
  const cards = [
    { label: indicatorName(locale, 'labourers'), value: v.labourers ?? 0, unit: '' },
    { label: indicatorName(locale, 'employed_share'), value: v.employed_share ?? 0, unit: '%' },
    { label: indicatorName(locale, 'push_coverage'), value: v.push_coverage ?? 0, unit: '%' },
    { label: indicatorName(locale, 'hires'), value: v.hires ?? 0, unit: '' },
    { label: indicatorName(locale, 'fairs_held'), value: v.fairs_held ?? 0, unit: '' },
    { label: indicatorName(locale, 'pension_coverage'), value: v.pension_coverage ?? 0, unit: '%' },
    { label: indicatorName(locale, 'trainings_completed'), value: v.trainings_completed ?? 0, unit: '' },
    { label: indicatorName(locale, 'subsidy_amount'), value: v.subsidy_amount ?? 0, unit: t('yuan') },
  ];
  const counties = set.counties.map((c, index) => ({ ...c, rank: index + 1, displayName: areaName(locale, c) }));
  const chartData = {
    status,
    trend: {
      months: set.trend.map((p) => p.month),
      employedShare: set.trend.map((p) => p.employedShare),
      employed: set.trend.map((p) => p.employed),
    },
    transfers,
    coverage: { items: coverage, share: v.push_coverage ?? 0 },
    hiring,
    fairs,
    training,
    trainingSubsidy,
    trainingTargets,
    graduates: graduatesByStatus(locale, v),
    talent,
    pension,
    insurance,
    cooperation,
    subsidy: items(locale, v, ['subsidy_claims', 'subsidy_claims_approved', 'subsidy_people_reached']),
    counties: counties
      .slice(0, 30)
      .map((c) => ({ name: c.displayName, employedShare: c.employedShare, pushCoverage: c.pushCoverage })),
    labels: {
      employedShare: indicatorName(locale, 'employed_share'),
      employed: indicatorName(locale, 'employed'),
      pushCoverage: indicatorName(locale, 'push_coverage'),
      target: t('target'),
      done: t('done'),
    },
  };
  return {
    cards,
    status,
    trend: set.trend,
    transfers,
    coverage,
    hiring,
    fairs,
    training,
    trainingSubsidy,
    trainingTargets,
    trainingWishCoverage: v.training_wish_coverage ?? 0,
    graduates,
    talent,
    pension,
    insurance,
    cooperation,
    subsidy: items(locale, v, [
      'subsidy_approved',
      'subsidy_amount',
      'subsidy_claims',
      'subsidy_claims_approved',
      'subsidy_claims_amount',
      'subsidy_claims_paid',
      'subsidy_people_reached',
    ]),
    counties,
    children: set.children.map((c) => ({ ...c, displayName: areaName(locale, c) })),
    chartJson: jsonBlock(chartData),
  };
}

/** The indicators compared between the region and its key counties (dashboard and report page). */
export const KEY_COUNTY_ROWS = [
  'labourers',
  'labour_force',
  'employed',
  'employed_share',
  'transfers_in_province_new',
  'transfers_out_province_new',
  'willing',
  'pushed',
  'push_coverage',
  'hires',
  'trainings_completed',
  'pension_coverage',
  'subsidy_amount',
] as const;

/** The region's figures beside its key counties' totals; null where there is nothing to compare. */
export function keyCountyModel(
  locale: string,
  values: Record<string, number>,
  totals: { codes: string[]; values: Record<string, number> } | null | undefined,
) {
  if (!totals) return null;
  return {
    count: totals.codes.length,
    rows: KEY_COUNTY_ROWS.map((id) => ({
      label: indicatorName(locale, id),
      percent: INDICATOR_BY_ID.get(id)?.unit === 'percent',
      region: values[id] ?? 0,
      keyCounties: totals.values[id] ?? 0,
    })),
  };
}
