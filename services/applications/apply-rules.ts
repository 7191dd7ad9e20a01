import type { VacancyStatus } from '../platform/database/generated/enums.ts';

/** Why nobody may apply (or be invited) to a vacancy now; pages translate applications.refusals.<code>. */
export type ApplyRefusal = 'vacancy_not_open' | 'vacancy_expired' | 'employer_unverified' | 'public_welfare_only';

export interface VacancyForApply {
  status: VacancyStatus;
  expiresAt: Date | null;
  publicWelfarePost: boolean;
  employer: { verifiedAt: Date | null };
}

/**
 * Only open vacancies of verified employers take applications, and not past their expiry (the
 * expiry job may not have run yet). A public-welfare post (公益性岗位) is only for people an officer
 * marked hard to employ.
 */
export function applyRefusal(
  vacancy: VacancyForApply,
  labourer: { hardToEmploy: boolean },
  now: Date,
): ApplyRefusal | null {
  if (vacancy.status === 'expired') return 'vacancy_expired';
  if (vacancy.status !== 'open') return 'vacancy_not_open';
  if (vacancy.expiresAt && vacancy.expiresAt <= now) return 'vacancy_expired';
  if (!vacancy.employer.verifiedAt) return 'employer_unverified';
  if (vacancy.publicWelfarePost && !labourer.hardToEmploy) return 'public_welfare_only';
  return null;
}

export const REFUSAL_MESSAGES: Record<ApplyRefusal, string> = {
  vacancy_not_open: 'The vacancy is not open for applications',
  vacancy_expired: 'The vacancy has expired',
  employer_unverified: 'The employer has not been verified yet',
  public_welfare_only: 'Public-welfare posts are only for people an officer marked as hard to employ',
};
