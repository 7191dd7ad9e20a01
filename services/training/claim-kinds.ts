import type { CertificateLevel } from '../subsidies/index.ts';

/**
 * The plan's four certificate kinds (§3(1): 结业证书、职业资格证书、职业技能等级证书、专项能力证书) and the
 * subsidies a passed person with one may claim. 职业培训补贴 follows every one of them; 职业技能鉴定补贴
 * only the three a person gets through an appraisal or assessment (a completion certificate is the
 * provider's own and no appraisal was taken). Operating licences, health certificates and other
 * kinds are not the plan's: no claim.
 */
export const PLAN_CERTIFICATE_KINDS = ['completion', 'qualification', 'skill_level', 'special_ability'] as const;
export type PlanCertificateKind = (typeof PLAN_CERTIFICATE_KINDS)[number];

export const CLAIM_PROGRAMMES = ['training', 'appraisal'] as const;
export type ClaimProgramme = (typeof CLAIM_PROGRAMMES)[number];

/** The certificate kind reference's codes of the completion certificate (`other` category otherwise). */
export const COMPLETION_CODES: ReadonlySet<string> = new Set(['CERT-TRAINING']);

/** The plan's kind of a certificate, from its code and the reference table's category; null when not the plan's. */
export function planKindOf(code: string, category: string | null | undefined): PlanCertificateKind | null {
  if (COMPLETION_CODES.has(code)) return 'completion';
  switch (category) {
    case 'vocational_qualification':
      return 'qualification';
    case 'skill_level':
      return 'skill_level';
    case 'special_ability':
      return 'special_ability';
    default:
      return null;
  }
}

/** The subsidy programmes a certificate of the kind may be claimed on. */
export function programmesFor(kind: PlanCertificateKind | null): ClaimProgramme[] {
  if (!kind) return [];
  return kind === 'completion' ? ['training'] : ['training', 'appraisal'];
}

/** The five grades of 职业技能等级 and the words a certificate's level is written in, as recorded. */
export const GRADES = ['junior', 'intermediate', 'senior', 'technician', 'senior_technician'] as const;
export type Grade = (typeof GRADES)[number];

/** How a course's completion writes a grade on the certificate (the national wording, as the imports carry it). */
export const GRADE_TEXTS: Record<Grade, string> = {
  junior: '五级/初级工',
  intermediate: '四级/中级工',
  senior: '三级/高级工',
  technician: '二级/技师',
  senior_technician: '一级/高级技师',
};

/**
 * The grade in a certificate's recorded level, which is free text (the profile form, the appraisal
 * system's files: 初级, 五级/初级工, 高级工, 二级/技师, senior…); 高级技师 is tried before 技师 and 高级.
 * Null when the words name no grade.
 */
export function gradeOf(level: string | null | undefined): Grade | null {
  const text = level?.trim().toLowerCase();
  if (!text) return null;
  if ((GRADES as readonly string[]).includes(text)) return text as Grade;
  if (/高级技师|一级|senior[ _]technician|level 1\b/.test(text)) return 'senior_technician';
  if (/技师|二级|technician|level 2\b/.test(text)) return 'technician';
  if (/高级|三级|senior|level 3\b/.test(text)) return 'senior';
  if (/中级|四级|intermediate|level 4\b/.test(text)) return 'intermediate';
  if (/初级|五级|junior|level 5\b/.test(text)) return 'junior';
  return null;
}

/**
 * The level a training or appraisal subsidy on the certificate is priced at: a completion or a
 * special-ability certificate is its own level; a qualification or skill-level certificate is its
 * grade, when its recorded level names one (null otherwise: the programme's base amount applies).
 */
export function claimLevelOf(
  kind: PlanCertificateKind | null,
  level: string | null | undefined,
): CertificateLevel | null {
  if (kind === 'completion' || kind === 'special_ability') return kind;
  if (kind === 'qualification' || kind === 'skill_level') return gradeOf(level);
  return null;
}
