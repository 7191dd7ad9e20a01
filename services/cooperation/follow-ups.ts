import { addMonths, chinaDate } from '../platform/time/china-time.ts';
import type { FollowUpState } from '../platform/database/generated/enums.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';

/** Employment is followed up at these months after arrival. */
export const FOLLOW_UP_MONTHS = [1, 3, 6] as const;

/** A calendar day of the Beijing calendar as a @db.Date value (UTC midnight). */
export function calendarDay(at: Date): Date {
  return new Date(`${chinaDate(at)}T00:00:00.000Z`);
}

/** The follow-ups an arrival opens: one per month, due that many calendar months after arrival. */
export function followUpPlan(arrivedAt: Date): Array<{ month: number; dueOn: Date }> {
  return FOLLOW_UP_MONTHS.map((month) => ({ month, dueOn: calendarDay(addMonths(arrivedAt, month)) }));
}

/** A follow-up is due when its day has come and nobody recorded it yet. */
export function isDue(followUp: { dueOn: Date; state: FollowUpState | null }, now: Date): boolean {
  return followUp.state === null && followUp.dueOn <= calendarDay(now);
}

/** Going home has to be explained: the reason feeds the partner area's return-support work. */
export function checkFollowUpRecord(input: { state: FollowUpState; reason?: string | undefined }) {
  const reason = input.reason?.trim() || null;
  if (input.state === 'returned_home' && !reason) {
    throw new ValidationError('A return home needs a reason', [
      { field: 'reason', code: 'required', message: 'is required when the person returned home' },
    ]);
  }
  return { state: input.state, reason };
}
