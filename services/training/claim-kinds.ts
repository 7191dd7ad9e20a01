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
const COMPLETION_CODES = new Set(['CERT-TRAINING']);

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
