import type { EmploymentStatus } from '../platform/database/generated/enums.ts';
import type { ApplicationStatus } from './application-states.ts';
import { addMonths } from '../platform/time/china-time.ts';

const PROVINCE = '35';
/** Leaving within this many months of the start counts as an early leave (retention). */
export const RETENTION_MONTHS = 3;

/**
 * The employment status a hire gives: a public-welfare post (公益性岗位, plan §2(1)) is
 * `public_welfare_post` wherever it is; otherwise work in the person's home county is local
 * employment, work elsewhere in the province a transfer within it, and anything else a transfer
 * out of it.
 */
export function employmentStatusForHire(
  vacancy: { regionCode: string; publicWelfarePost: boolean },
  householdRegion: string,
): EmploymentStatus {
  if (vacancy.publicWelfarePost) return 'public_welfare_post';
  const workRegion = vacancy.regionCode;
  if (workRegion.slice(0, 6) === householdRegion.slice(0, 6)) return 'employed_local';
  if (workRegion.startsWith(PROVINCE) && householdRegion.startsWith(PROVINCE)) return 'transferred_in_province';
  return 'transferred_out_province';
}

/** Statuses a hire sets; leaving undoes only these (an officer's later correction stays). */
export const HIRE_STATUSES: readonly EmploymentStatus[] = [
  'employed_local',
  'transferred_in_province',
  'transferred_out_province',
  'public_welfare_post',
];

export interface HireDates {
  status: ApplicationStatus;
  hiredAt: Date | null;
  startedAt: Date | null;
  leftAt: Date | null;
}

/** A leave within RETENTION_MONTHS of the start (or of the hire, for someone who never started). */
export function isEarlyLeave(hire: HireDates): boolean {
  const start = hire.startedAt ?? hire.hiredAt;
  if (hire.status !== 'left' || !hire.leftAt || !start) return false;
  return hire.leftAt < addMonths(start, RETENTION_MONTHS);
}

export interface RetentionTotals {
  /** Everyone ever hired. */
  hires: number;
  /** Hired or started and not left. */
  stillInWork: number;
  /** Left within three months of the start. */
  earlyLeaves: number;
  /** Hires whose three months are over, or who left early: the base of the rate. */
  decided: number;
  retained: number;
  /** retained / decided, or null while no hire has had three months yet. */
  retentionRate: number | null;
}

/**
 * Three-month retention. A hire counts towards the rate once their three months are over (or they
 * left before); people hired last week do not inflate it.
 */
export function retentionTotals(hires: HireDates[], now: Date): RetentionTotals {
  let stillInWork = 0;
  let earlyLeaves = 0;
  let decided = 0;
  let counted = 0;
  for (const hire of hires) {
    if (!hire.hiredAt) continue;
    counted += 1;
    if (hire.status === 'hired' || hire.status === 'started') stillInWork += 1;
    const early = isEarlyLeave(hire);
    if (early) earlyLeaves += 1;
    const start = hire.startedAt ?? hire.hiredAt;
    if (early || addMonths(start, RETENTION_MONTHS) <= now) decided += 1;
  }
  const retained = decided - earlyLeaves;
  return {
    hires: counted,
    stillInWork,
    earlyLeaves,
    decided,
    retained,
    retentionRate: decided ? Math.round((retained / decided) * 1000) / 1000 : null,
  };
}
