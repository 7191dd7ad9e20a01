import type { EmploymentStatus, PovertyStatus, Role } from '../platform/database/generated/enums.ts';

/**
 * THE definition of the plan's population, the registered poor labour force (建档立卡贫困劳动力),
 * used by fairs, subsidies, pushes, indicators and reports (plan §1(2); 脱贫不脱政策):
 * - poverty status `registered`, or `lifted_out` in or after the plan's first year (those lifted
 *   out during the plan period keep the policies; a lifted-out record with no year counts);
 * - set by the poverty office (import, comparison) or confirmed by an officer: a self-registered
 *   job seeker (`unconfirmed`) is outside it until confirmed;
 * - not erased.
 * The SQL and Prisma forms are in registered-poor.repository.ts; both follow these constants.
 */
export const REGISTERED_POOR_STATUSES = ['registered', 'lifted_out'] as const satisfies readonly PovertyStatus[];

/** The plan (扶贫攻坚战三年行动方案) runs 2018–2020: people lifted out before 2018 were no longer poor in it. */
export const PLAN_FIRST_YEAR = 2018;

export interface PovertyFacts {
  povertyStatus: PovertyStatus | string | null;
  povertyYear: number | null;
  erasedAt: Date | null;
}

export function isRegisteredPoor(person: PovertyFacts): boolean {
  if (person.erasedAt) return false;
  if (person.povertyStatus === 'registered') return true;
  return (
    person.povertyStatus === 'lifted_out' && (person.povertyYear === null || person.povertyYear >= PLAN_FIRST_YEAR)
  );
}

/** Statuses counted as in work (就业): every kind of work, the public-welfare fallback post included. */
export const IN_WORK_STATUSES = [
  'employed_local',
  'transferred_in_province',
  'transferred_out_province',
  'self_employed',
  'public_welfare_post',
] as const satisfies readonly EmploymentStatus[];

/** The fields that record an officer's confirmation of a poverty status, now. */
export function officerConfirmation(officerId: string) {
  return { povertyConfirmedAt: new Date(), povertyConfirmedById: officerId, povertyConfirmedVia: 'officer' as const };
}

/** The audit entry of a poverty-status change by an officer. */
export function povertyAudit(
  actor: { id: string; role: Role },
  from: string,
  to: string,
  note?: string,
  requestId?: string,
) {
  return {
    actor,
    action: 'labourer.poverty_status',
    ...(requestId ? { requestId } : {}),
    details: { from, to, note: note ?? null },
  };
}
