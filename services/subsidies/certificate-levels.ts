/**
 * The certificate levels a training or appraisal subsidy is priced by (plan §3(1): 结业证书、职业资格
 * 证书、职业技能等级证书、专项能力证书). The five grades of a vocational qualification or skill-level
 * certificate (职业技能等级: 五级/初级工 … 一级/高级技师), and the two kinds that carry no grade: a
 * special-ability certificate (专项能力证书) and a completion certificate (结业证书). The training
 * module reads a certificate's level from what LabourerCertificate records (training/claim-kinds.ts).
 */
export const CERTIFICATE_LEVELS = [
  'junior',
  'intermediate',
  'senior',
  'technician',
  'senior_technician',
  'special_ability',
  'completion',
] as const;
export type CertificateLevel = (typeof CERTIFICATE_LEVELS)[number];

/** Yuan per level a region set for a programme; a level missing is paid the programme's base amount. */
export type LevelAmounts = Partial<Record<CertificateLevel, number>>;

const isLevel = (key: string): key is CertificateLevel => (CERTIFICATE_LEVELS as readonly string[]).includes(key);

/** The level amounts as stored (JSON): whole non-negative yuan of known levels only, in the list's order. */
export function levelAmountsOf(stored: unknown): LevelAmounts {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const entries = Object.entries(stored as Record<string, unknown>).filter(
    (e): e is [CertificateLevel, number] => isLevel(e[0]) && Number.isInteger(e[1]) && (e[1] as number) >= 0,
  );
  const byLevel = new Map(entries);
  return Object.fromEntries(CERTIFICATE_LEVELS.filter((l) => byLevel.has(l)).map((l) => [l, byLevel.get(l)!]));
}

/**
 * The amount a claim on a certificate of `level` starts from: the region's amount for the level
 * when it set one, its base amount otherwise (no level given, or none set for it).
 */
export function amountForLevel(
  setting: { amount: number; levelAmounts: LevelAmounts },
  level: CertificateLevel | null | undefined,
): { amount: number; byLevel: boolean } {
  const own = level ? setting.levelAmounts[level] : undefined;
  return own === undefined ? { amount: setting.amount, byLevel: false } : { amount: own, byLevel: true };
}
