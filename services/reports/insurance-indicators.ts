import { CASE_KINDS, type InsuranceFigures } from '../insurance/index.ts';
import type { IndicatorDefinition } from './indicator-definition.ts';
import type { Area } from '../platform/access/area.ts';

const KIND_NAMES: Record<(typeof CASE_KINDS)[number], [string, string]> = {
  uninsured: ['未参保', 'uninsured'],
  pension_60_plus: ['60周岁以上未领待遇', 'aged 60+ not receiving'],
  government_paid: ['代缴', 'government-paid premium'],
  home_visit: ['上门服务', 'home visit'],
  missing_papers: ['证件缺失', 'missing papers'],
  unemployment_insurance: ['失业保险待遇', 'unemployment benefit'],
  work_injury: ['工伤保险', 'work-injury insurance'],
};

/**
 * Social-insurance casework (全民参保计划, plan §4): the values come from the insurance module
 * (services/insurance/coverage-figures.ts), which keeps the person's standing (benefit, 代缴) and the cases.
 * Pension coverage of the legally covered itself is pension_coverage (indicators.ts).
 */
export const INSURANCE_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'pension_60_plus',
    group: 'social_security',
    nameZh: '60周岁以上贫困人口',
    nameEn: 'Aged 60 or more',
    counts: 'Registered labourers aged 60 or more today.',
    clause: '§4(1) 组织年满60周岁但未参保的贫困人口，参加城乡居民基本养老保险',
    sources: ['Labourer.birthDate'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'pension_60_plus_receiving',
    group: 'social_security',
    nameZh: '其中已领取养老保险待遇',
    nameEn: 'Of whom receiving the pension',
    counts:
      'Of those, the ones recorded as receiving the pension (InsuranceStanding.receivingBenefitSince: a pension_60_plus case reached receiving_benefit).',
    clause: '§4(1) 补办相关手续，尽快领取待遇',
    sources: ['Labourer.birthDate', 'InsuranceStanding.receivingBenefitSince'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'pension_60_plus_receiving_share',
    group: 'social_security',
    nameZh: '60周岁以上待遇领取率',
    nameEn: 'Aged 60+ receiving the pension',
    counts: 'pension_60_plus_receiving ÷ pension_60_plus × 100, one decimal; 0 when nobody is 60 or more.',
    clause: '§4(1) 尽快领取待遇',
    sources: ['Labourer.birthDate', 'InsuranceStanding.receivingBenefitSince'],
    asOf: 'current',
    unit: 'percent',
  },
  {
    id: 'pension_government_paid',
    group: 'social_security',
    nameZh: '政府代缴养老保险费人数',
    nameEn: 'Premium paid by the government (代缴)',
    counts:
      'Registered labourers whose resident pension premium the government pays, at a recorded contribution grade (a government_paid case reached paid).',
    clause: '§4(2) 继续落实为困难群体代缴城乡居民基本养老保险费政策',
    sources: ['InsuranceStanding.governmentPaidGrade'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'insurance_cases_open',
    group: 'social_security',
    nameZh: '在办社保经办个案',
    nameEn: 'Open insurance cases',
    counts: 'Insurance cases of people of the region not yet closed, every kind.',
    clause: '§4(1) 全面实施全民参保计划，排查未参加基本养老保险贫困人口名单，精准开展扩面工作',
    sources: ['InsuranceCase.closedAt', 'InsuranceCase.regionCode'],
    asOf: 'current',
    unit: 'count',
  },
  ...CASE_KINDS.map((kind): IndicatorDefinition => ({
    id: `insurance_cases_open_${kind}`,
    group: 'social_security',
    nameZh: `在办个案：${KIND_NAMES[kind][0]}`,
    nameEn: `Open cases: ${KIND_NAMES[kind][1]}`,
    counts: `Of those, the cases of kind ${kind}.`,
    clause:
      kind === 'unemployment_insurance' || kind === 'work_injury'
        ? '§4(3) 防范因工伤、失业致贫返贫'
        : kind === 'government_paid'
          ? '§4(2) 代缴城乡居民基本养老保险费'
          : '§4(1) 推进贫困人口社会保险应保尽保',
    sources: ['InsuranceCase.kind', 'InsuranceCase.closedAt'],
    asOf: 'current',
    unit: 'count',
  })),
];

const IDS = new Set(INSURANCE_INDICATORS.map((d) => d.id));

/** The insurance figures of an area, only those defined here (pension coverage is the reports' own). */
export function insuranceValues(figures: InsuranceFigures) {
  return async (area: Area): Promise<Record<string, number>> =>
    Object.fromEntries(Object.entries(await figures(area)).filter(([id]) => IDS.has(id)));
}
