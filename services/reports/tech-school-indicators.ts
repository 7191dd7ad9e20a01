import type { IndicatorDefinition } from './indicator-definition.ts';

const TARGET =
  '§1(2) 使有就读技工院校意愿的建档立卡贫困家庭应往届初、高中毕业未能继续升学的学生都有机会接受技工教育；§3(3) 开展技能扶贫技工教育';

const AID =
  '§3(3) 进一步落实资助政策，实施精准助学……优先落实免学费、助学金、奖学金等助学政策；§7(2) 加强技工院校学籍、资助管理……确保符合条件的贫困家庭学生都能够享受到资助政策';

const JOBS = '§3(3) 各技工院校要对贫困家庭学生优先招生……优先安排实习，优先推荐就业';

/**
 * Technical-school places for children of registered poor families (技能提升扶贫). Counted by the
 * training module (services/training/tech-school-figures.ts) from its place records; the intake year
 * is the calendar year of the period's end. Aid coverage (tech_school_in_school … aid_coverage) counts
 * the students in school at the period's end and the aid (TechSchoolAid) granted within the period.
 * Graduates (tech_school_graduated … graduate_placement_rate) count the students who graduated within
 * the period and the jobs they were placed in (TechSchoolPlacement) by the period's end.
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
  {
    id: 'tech_school_in_school',
    group: 'skills',
    nameZh: '在校技工院校贫困家庭学生',
    nameEn: 'Poor families’ students in technical schools',
    counts:
      'Places of the region enrolled on or before the period’s last day, of the intake years from the period end’s year − 2 to that year (three school years; TechSchoolPlace.state = enrolled, or graduated after the period’s last day).',
    clause: AID,
    sources: [
      'TechSchoolPlace.state',
      'TechSchoolPlace.enrolledAt',
      'TechSchoolPlace.graduatedOn',
      'TechSchoolPlace.year',
      'TechSchoolPlace.regionCode',
    ],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'tech_school_fee_waived',
    group: 'skills',
    nameZh: '其中享受免学费',
    nameEn: 'Of whom granted the fee waiver',
    counts: 'Of those in school, the students with a fee waiver (免学费) granted within the period.',
    clause: AID,
    sources: ['TechSchoolAid.kind', 'TechSchoolAid.grantedOn'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'tech_school_aided',
    group: 'skills',
    nameZh: '其中享受资助',
    nameEn: 'Of whom aided',
    counts:
      'Of those in school, the students with any aid (fee waiver, state grant, scholarship or other) granted within the period.',
    clause: AID,
    sources: ['TechSchoolAid.kind', 'TechSchoolAid.grantedOn'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'tech_school_aid_coverage',
    group: 'skills',
    nameZh: '技工院校贫困家庭学生资助覆盖率',
    nameEn: 'Aid coverage of poor families’ technical-school students',
    counts:
      'tech_school_aided ÷ tech_school_in_school × 100, one decimal; 0 when nobody is in school. The plan’s aim is 100.',
    clause: AID,
    sources: ['TechSchoolPlace.state', 'TechSchoolAid.grantedOn'],
    asOf: 'period',
    unit: 'percent',
  },
  {
    id: 'tech_school_graduated',
    group: 'skills',
    nameZh: '技工院校贫困家庭学生毕业人数',
    nameEn: 'Poor families’ technical-school students graduated',
    counts:
      'Places of the region that graduated within the period (TechSchoolPlace.state = graduated, graduatedOn between the period’s first and last day).',
    clause: JOBS,
    sources: ['TechSchoolPlace.state', 'TechSchoolPlace.graduatedOn', 'TechSchoolPlace.regionCode'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'tech_school_graduates_placed',
    group: 'skills',
    nameZh: '其中已推荐就业',
    nameEn: 'Of whom placed in a job',
    counts:
      'Of those graduated, the students with a job recorded on graduation (TechSchoolPlacement) starting on or before the period’s last day.',
    clause: JOBS,
    sources: ['TechSchoolPlacement.startOn', 'TechSchoolPlacement.placeId'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'tech_school_graduate_placement_rate',
    group: 'skills',
    nameZh: '技工院校贫困家庭毕业生就业率',
    nameEn: 'Job placement rate of poor families’ technical-school graduates',
    counts: 'tech_school_graduates_placed ÷ tech_school_graduated × 100, one decimal; 0 when nobody graduated.',
    clause: JOBS,
    sources: ['TechSchoolPlace.graduatedOn', 'TechSchoolPlacement.startOn'],
    asOf: 'period',
    unit: 'percent',
  },
];
