import type { IndicatorDefinition } from './indicator-definition.ts';

const TARGET =
  '§1(2) 使有就读技工院校意愿的建档立卡贫困家庭应往届初、高中毕业未能继续升学的学生都有机会接受技工教育；§3(3) 开展技能扶贫技工教育';

/**
 * Technical-school places for children of registered poor families (技能提升扶贫). Counted by the
 * training module (services/training/tech-school-figures.ts) from its place records; the intake year
 * is the calendar year of the period's end.
 */
export const TECH_SCHOOL_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'tech_school_wished',
    group: 'skills',
    nameZh: '有意愿就读技工院校的贫困家庭子女',
    nameEn: 'Poor families’ children wishing a technical-school place',
    counts:
      'Children of registered poor families of the region recorded for the intake year (TechSchoolPlace.year = the period end’s year), except those who withdrew.',
    clause: TARGET,
    sources: ['TechSchoolPlace.year', 'TechSchoolPlace.state', 'TechSchoolPlace.regionCode'],
    asOf: 'year',
    unit: 'people',
  },
  {
    id: 'tech_school_placed',
    group: 'skills',
    nameZh: '其中已落实技工院校学位',
    nameEn: 'Of whom placed',
    counts: 'Of those, the children offered a place (state placed) or already enrolled.',
    clause: TARGET,
    sources: ['TechSchoolPlace.state'],
    asOf: 'year',
    unit: 'people',
  },
  {
    id: 'tech_school_enrolled',
    group: 'skills',
    nameZh: '其中已入学',
    nameEn: 'Of whom enrolled',
    counts: 'Of those, the children enrolled.',
    clause: '§3(3) 招收贫困家庭学生到技工院校就读',
    sources: ['TechSchoolPlace.state', 'TechSchoolPlace.enrolledAt'],
    asOf: 'year',
    unit: 'people',
  },
  {
    id: 'tech_school_placement_rate',
    group: 'skills',
    nameZh: '技工院校学位落实率',
    nameEn: 'Technical-school placement rate',
    counts:
      'tech_school_placed ÷ tech_school_wished × 100, one decimal; 0 when nobody wished. The plan’s target is 100.',
    clause: TARGET,
    sources: ['TechSchoolPlace.state'],
    asOf: 'year',
    unit: 'percent',
  },
];
