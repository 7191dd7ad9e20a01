import type { IndicatorDefinition } from './indicator-definition.ts';

const WISH = '§1(2) 努力使有参加职业培训意愿的贫困劳动力都有机会接受职业培训';
const TRAIN = '§3(2) 对有职业技能培训意愿的贫困劳动力，加大培训力度，增强培训实效性';
const CERTIFICATES = '§3(1) 取得结业证书、职业资格证书、职业技能等级证书、专项能力证书';
const SUBSIDIES = '§3(1) 符合条件的给予职业培训补贴和职业技能鉴定补贴';
const POOR =
  'Registered poor labourers of the region (the one population of labourers’ registered-poor.ts: confirmed, lifted out during the plan included, erased excluded)';
/** The plan's four certificate kinds, as the training module reads them (training/claim-kinds.ts). */
const FOUR_KINDS =
  'a certificate of the plan’s four kinds (CertificateKind.category vocational_qualification, skill_level or special_ability, or the completion certificate CERT-TRAINING)';

/** The three yearly targets (TrainingTarget.kind) and what each one's progress counts, 1 January to the period end. */
const TARGETS = [
  {
    kind: 'upgrading_trainings',
    zh: '农民工技能提升培训（人次）',
    en: 'migrant workers’ upgrading trainings',
    unit: 'count',
    clause: '§3(2) 持续实施“春潮行动”……每年开展农民工技能提升培训20万人次以上',
    done: 'Course completions (TrainingEnrolment completed, passed or not) plus training records ended (TrainingRecord.endedOn), of everyone registered in the region whatever their poverty status (人次: a person trained twice counts twice).',
    sources: ['TrainingEnrolment.completedAt', 'TrainingRecord.endedOn', 'Labourer.regionCode'],
  },
  {
    kind: 'people_trained',
    zh: '贫困劳动力培训人数',
    en: 'registered poor people trained',
    unit: 'people',
    clause: '§3(2) 开展贫困劳动力职业技能培训',
    done: `${POOR} who completed a course or whose training record ended, each once.`,
    sources: ['TrainingEnrolment.completedAt', 'TrainingRecord.endedOn', 'Labourer'],
  },
  {
    kind: 'people_certified',
    zh: '贫困劳动力取证人数',
    en: 'registered poor people certified',
    unit: 'people',
    clause: CERTIFICATES,
    done: `${POOR} issued ${FOUR_KINDS}, each once.`,
    sources: ['LabourerCertificate.issuedOn', 'CertificateKind.category', 'Labourer'],
  },
] as const;

/**
 * Skills-upgrading figures (技能提升扶贫, plan §3): from a training wish to a course, a certificate and
 * work; the training and appraisal subsidies; the yearly targets and progress against them. Counted
 * by the training module (training/skills-figures.ts) and, for the subsidies, from the claim engine's
 * figures (subsidies' claims-figures.repository.ts).
 */
export const SKILLS_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'training_wished',
    group: 'skills',
    nameZh: '有职业培训意愿的贫困劳动力',
    nameEn: 'Registered poor people wishing training',
    counts: `${POOR} with at least one training wish (Labourer.trainingWishes) today: the registry keeps no history of wishes.`,
    clause: WISH,
    sources: ['Labourer.trainingWishes', 'Labourer.regionCode'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'training_wished_reached',
    group: 'skills',
    nameZh: '其中已获推荐或报名培训课程',
    nameEn: 'Of whom offered or enrolled on a course',
    counts:
      'Of those, the people offered a course, enrolled or on its waiting list by the period end (a TrainingEnrolment of any status made before then).',
    clause: WISH,
    sources: ['TrainingEnrolment.offeredAt', 'TrainingEnrolment.enrolledAt'],
    asOf: 'period_end',
    unit: 'people',
  },
  {
    id: 'training_wish_coverage',
    group: 'skills',
    nameZh: '培训意愿覆盖率',
    nameEn: 'Training wishes reached',
    counts:
      'training_wished_reached ÷ training_wished × 100, one decimal; 0 when nobody wishes training. The plan’s aim is 100.',
    clause: WISH,
    sources: ['Labourer.trainingWishes', 'TrainingEnrolment'],
    asOf: 'period_end',
    unit: 'percent',
  },
  {
    id: 'training_offered',
    group: 'skills',
    nameZh: '获推荐培训课程人数',
    nameEn: 'People offered a course',
    counts: `${POOR} offered a course (TrainingEnrolment.offeredAt) within the period, each once.`,
    clause: TRAIN,
    sources: ['TrainingEnrolment.offeredAt', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'training_enrolled',
    group: 'skills',
    nameZh: '报名参加培训课程人数',
    nameEn: 'People enrolled on a course',
    counts: `${POOR} who took a seat on a course within the period (TrainingEnrolment.enrolledAt) and are still on it or completed it (not waiting, not withdrawn), each once.`,
    clause: TRAIN,
    sources: ['TrainingEnrolment.enrolledAt', 'TrainingEnrolment.status', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'training_course_completed',
    group: 'skills',
    nameZh: '完成培训课程人数',
    nameEn: 'People completing a course',
    counts: `${POOR} whose course was completed (passed or not) within the period (TrainingEnrolment.completedAt), each once. Training records entered otherwise are trainings_completed.`,
    clause: TRAIN,
    sources: ['TrainingEnrolment.completedAt', 'TrainingEnrolment.status', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'training_certified',
    group: 'skills',
    nameZh: '取得培训类证书人数',
    nameEn: 'People certified',
    counts: `${POOR} issued ${FOUR_KINDS} within the period (LabourerCertificate.issuedOn: a passed course’s or one imported from the appraisal system), each once.`,
    clause: CERTIFICATES,
    sources: ['LabourerCertificate.issuedOn', 'CertificateKind.category', 'Labourer.regionCode'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'training_certified_employed_90d',
    group: 'skills',
    nameZh: '其中取证后90天内实现就业',
    nameEn: 'Of whom in work within 90 days',
    counts:
      'Of those, the people whose status changed into work (any in-work status of the registry, a hire’s start included: LabourerStatusChange) on the certificate’s issue day or within the 90 days after it (Beijing days). People already in work when certified are not counted; a certificate of the last 90 days may still be followed by work.',
    clause: '§3(2) 增强培训实效性，提高贫困劳动力就业技能',
    sources: ['LabourerCertificate.issuedOn', 'LabourerStatusChange.toStatus', 'LabourerStatusChange.changedAt'],
    asOf: 'period',
    unit: 'people',
  },
  {
    id: 'training_subsidy_claims',
    group: 'skills',
    nameZh: '职业培训和技能鉴定补贴申领笔数',
    nameEn: 'Training and appraisal subsidy claims',
    counts:
      'Claims on the training and appraisal programmes (SubsidyProgramme.code training, appraisal) made within the period whose subject lives in the region (SubsidyClaim.regionCode), whatever became of them.',
    clause: SUBSIDIES,
    sources: ['SubsidyClaim.createdAt', 'SubsidyClaim.regionCode', 'SubsidyProgramme.code'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'training_subsidy_claimed_amount',
    group: 'skills',
    nameZh: '职业培训和技能鉴定补贴申领金额',
    nameEn: 'Training and appraisal subsidies claimed',
    counts: 'The yuan of those claims (SubsidyClaim.amount, as priced per certificate level).',
    clause: SUBSIDIES,
    sources: ['SubsidyClaim.amount'],
    asOf: 'period',
    unit: 'yuan',
  },
  {
    id: 'training_subsidy_paid',
    group: 'skills',
    nameZh: '职业培训和技能鉴定补贴已发放笔数',
    nameEn: 'Training and appraisal subsidy claims paid',
    counts: 'Claims on those two programmes of the region paid within the period (status paid, SubsidyClaim.paidOn).',
    clause: SUBSIDIES,
    sources: ['SubsidyClaim.status', 'SubsidyClaim.paidOn', 'SubsidyClaim.regionCode'],
    asOf: 'period',
    unit: 'count',
  },
  {
    id: 'training_subsidy_paid_amount',
    group: 'skills',
    nameZh: '职业培训和技能鉴定补贴已发放金额',
    nameEn: 'Training and appraisal subsidies paid',
    counts: 'The yuan paid on those claims (SubsidyClaim.paidAmount).',
    clause: SUBSIDIES,
    sources: ['SubsidyClaim.paidAmount'],
    asOf: 'period',
    unit: 'yuan',
  },
  ...TARGETS.flatMap((t): IndicatorDefinition[] => [
    {
      id: `training_target_${t.kind}`,
      group: 'skills',
      nameZh: `年度目标：${t.zh}`,
      nameEn: `Yearly target: ${t.en}`,
      counts: `The region’s target for the year of the period end (TrainingTarget, kind ${t.kind}) as its officers set it, or, without one, the sum of the targets of the regions one level under it (each found the same way); 0 when none is set.`,
      clause: t.clause,
      sources: ['TrainingTarget.regionCode', 'TrainingTarget.year', 'TrainingTarget.value'],
      asOf: 'year',
      unit: t.unit,
    },
    {
      id: `training_done_${t.kind}`,
      group: 'skills',
      nameZh: `本年累计：${t.zh}`,
      nameEn: `Done this year: ${t.en}`,
      counts: `From 1 January of the period end’s year to the period end: ${t.done}`,
      clause: t.clause,
      sources: [...t.sources],
      asOf: 'year',
      unit: t.unit,
    },
    {
      id: `training_progress_${t.kind}`,
      group: 'skills',
      nameZh: `目标完成率：${t.zh}`,
      nameEn: `Progress: ${t.en}`,
      counts: `training_done_${t.kind} ÷ training_target_${t.kind} × 100, one decimal; 0 without a target.`,
      clause: t.clause,
      sources: ['TrainingTarget', ...t.sources],
      asOf: 'year',
      unit: 'percent',
    },
  ]),
];

/** The training and appraisal programmes of the claim engine (subsidies' programme catalogue). */
export const TRAINING_SUBSIDY_PROGRAMMES = ['training', 'appraisal'] as const;
