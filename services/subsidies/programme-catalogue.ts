import type { SubsidyAmountBasis, SubsidyClaimant, SubsidyKind } from '../platform/database/generated/enums.ts';
import type { SubsidyRules } from './subsidy-settings.ts';

/** The province whose row is every programme's default setting (a city's or county's row overrides it). */
export const PROVINCE_CODE = '35';

export interface ProgrammeSeed {
  code: string;
  kind: SubsidyKind;
  name: string;
  nameEn: string;
  claimant: SubsidyClaimant;
  eligibilityRule: string;
  amountBasis: SubsidyAmountBasis;
  evidence: string[];
  clause: string;
  /** The province's default row. */
  setting: { amount: number; cap: number | null; qualifyingMonths?: number; bonus?: number };
}

/**
 * The plan's programmes (§2(1), §2(3), §3(1), §5(4)), seeded once per database. The migration
 * inserts the programmes; the province's settings are seeded at start, the hiring subsidy's from
 * the old SUBSIDY_* variables when they are set. After that officers own them.
 */
export function programmeCatalogue(hiring: SubsidyRules): ProgrammeSeed[] {
  return [
    {
      code: 'hiring',
      kind: 'hiring',
      name: '吸纳就业补贴',
      nameEn: 'Hiring subsidy',
      claimant: 'employer',
      eligibilityRule: 'hire_of_registered_poor_kept',
      amountBasis: 'per_person',
      evidence: ['labour_contract', 'payroll'],
      clause: '§2(1) 给予企业相应的吸纳就业补贴',
      setting: {
        amount: hiring.amountPerPerson,
        cap: null,
        qualifyingMonths: hiring.qualifyingMonths,
        bonus: hiring.workshopBonus,
      },
    },
    {
      code: 'workshop_award',
      kind: 'workshop_award',
      name: '扶贫车间（基地）吸纳就业奖补',
      nameEn: 'Workshop and base award',
      claimant: 'employer',
      eligibilityRule: 'poor_person_employed_at_workshop',
      amountBasis: 'per_person',
      evidence: ['payroll'],
      clause: '§2(1) 按吸纳就业人数…给予一定奖补',
      setting: { amount: 500, cap: null },
    },
    {
      code: 'startup_support',
      kind: 'startup_support',
      name: '一次性创业扶持补贴',
      nameEn: 'One-off start-up support',
      claimant: 'person',
      eligibilityRule: 'first_business_of_poor_or_returning',
      amountBasis: 'fixed',
      evidence: ['business_licence'],
      clause: '§2(1) 不超过1万元的一次性创业扶持补贴',
      setting: { amount: 10_000, cap: 10_000 },
    },
    {
      code: 'public_welfare_post',
      kind: 'public_welfare_post',
      name: '公益性岗位补贴',
      nameEn: 'Public-welfare post subsidy',
      claimant: 'employer',
      eligibilityRule: 'in_public_welfare_post_in_month',
      amountBasis: 'per_month',
      evidence: ['attendance'],
      clause: '§2(1) 公益性岗位托底安置…落实岗位补贴',
      setting: { amount: 1_200, cap: null },
    },
    {
      code: 'public_welfare_insurance',
      kind: 'public_welfare_insurance',
      name: '公益性岗位社会保险补贴',
      nameEn: 'Public-welfare post social-insurance subsidy',
      claimant: 'employer',
      eligibilityRule: 'in_public_welfare_post_in_month',
      amountBasis: 'per_month',
      evidence: ['insurance_payment'],
      clause: '§2(1) 公益性岗位托底安置…落实社保补贴',
      setting: { amount: 600, cap: null },
    },
    {
      code: 'employment_service',
      kind: 'employment_service',
      name: '就业创业服务补助',
      nameEn: 'Employment-service subsidy',
      claimant: 'employment_service',
      eligibilityRule: 'fair_served_poor',
      amountBasis: 'per_person',
      evidence: ['attendance_list'],
      clause: '§2(3) 针对贫困劳动力开展职业指导、专场招聘等就业服务活动的，给予就业创业服务补助',
      setting: { amount: 50, cap: 20_000 },
    },
    {
      code: 'graduate_job_seeking',
      kind: 'graduate_job_seeking',
      name: '一次性求职创业补贴',
      nameEn: 'Graduate job-seeking subsidy',
      claimant: 'person',
      eligibilityRule: 'poor_family_graduate_in_year',
      amountBasis: 'fixed',
      evidence: ['diploma', 'poverty_certificate'],
      clause: '§5(4) 建档立卡贫困家庭毕业生…每人2000元的一次性求职创业补贴',
      setting: { amount: 2_000, cap: 2_000 },
    },
    {
      code: 'training',
      kind: 'training',
      name: '职业培训补贴',
      nameEn: 'Vocational training subsidy',
      claimant: 'training_provider',
      eligibilityRule: 'certificate_of_poor_person',
      amountBasis: 'per_person',
      evidence: ['certificate'],
      clause: '§3(1) 取得结业证书、职业资格证书…给予职业培训补贴',
      setting: { amount: 1_000, cap: null },
    },
    {
      code: 'appraisal',
      kind: 'appraisal',
      name: '职业技能鉴定补贴',
      nameEn: 'Skills appraisal subsidy',
      claimant: 'person',
      eligibilityRule: 'certificate_of_poor_person',
      amountBasis: 'per_person',
      evidence: ['certificate'],
      clause: '§3(1) 符合条件的给予…职业技能鉴定补贴',
      setting: { amount: 300, cap: null },
    },
  ];
}
