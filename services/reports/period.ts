import { chinaDate } from '../platform/time/china-time.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import type { Period } from './indicators.repository.ts';
import { birthdayCutoff } from './working-age.ts';

export { birthdayCutoff } from './working-age.ts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today on the Beijing calendar. */
export function today(now = new Date()): string {
  return chinaDate(now)!;
}

function valid(date: string): boolean {
  return ISO_DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}

/** A period of Beijing calendar days; by default from 1 January of this year to today. */
export function periodOf(from: string | undefined, to: string | undefined, now = new Date()): Period {
  const end = to ?? today(now);
  const start = from ?? `${end.slice(0, 4)}-01-01`;
  const issues = [
    ...(valid(start) ? [] : [{ field: 'from', message: 'must be a date like 2026-01-01', code: 'date' }]),
    ...(valid(end) ? [] : [{ field: 'to', message: 'must be a date like 2026-03-31', code: 'date' }]),
  ];
  if (issues.length === 0 && start > end) {
    issues.push({ field: 'to', message: 'must not be before from', code: 'period_order' });
  }
  if (issues.length) throw new ValidationError('Invalid period', issues);
  const fromInstant = new Date(`${start}T00:00:00+08:00`);
  return {
    from: start,
    to: end,
    fromInstant,
    toExclusive: new Date(new Date(`${end}T00:00:00+08:00`).getTime() + DAY_MS),
  };
}

/** Calendar quarter q (1-4) of a year. */
export function quarterPeriod(year: number, quarter: number): Period {
  const firstMonth = (quarter - 1) * 3;
  const from = new Date(Date.UTC(year, firstMonth, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(year, firstMonth + 3, 0)).toISOString().slice(0, 10);
  return periodOf(from, to);
}

/**
 * The yearly report is due by 25 October: it covers 1 January to 30 September, the last complete
 * quarter before the deadline.
 */
export function yearlyPeriod(year: number): Period {
  return periodOf(`${year}-01-01`, `${year}-09-30`);
}

/** The date a person born on it turns 16 is on or before `date` when born on or before this. */
export function sixteenthBirthdayCutoff(date: string): string {
  return birthdayCutoff(date, 16);
}

/** First days of the `count` months ending with the month of `date`, oldest first (YYYY-MM-01). */
export function monthsEndingAt(date: string, count: number): string[] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - (count - 1 - i), 1)).toISOString().slice(0, 10),
  );
}

/** Midnight (Beijing) at the start of the month after `month` (YYYY-MM-01): a month's end, exclusive. */
export function monthEndExclusive(month: string): Date {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  return new Date(`${next}T00:00:00+08:00`);
}

/** Last day of the month of `month` (YYYY-MM-DD). */
export function lastDayOf(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** First day of the month after `month` (YYYY-MM-01). */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
}
