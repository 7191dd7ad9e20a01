/**
 * Dates as people on the platform read them: China Standard Time (UTC+8, no daylight saving).
 * A form's date or date-time without an offset means Beijing time; calendar arithmetic (months in
 * work, three-month retention) runs on the Beijing calendar, whatever the server's zone.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** 2025-03-01 → Beijing midnight; 2025-03-01T09:30 → 09:30 Beijing time; an explicit offset wins. */
export function parseChinaTime(value: string): Date {
  const text = value.trim();
  if (HAS_OFFSET.test(text)) return new Date(text);
  return new Date(`${/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00` : text}+08:00`);
}

const shifted = (date: Date) => new Date(date.getTime() + OFFSET_MS);

/** YYYY-MM-DD on the Beijing calendar. */
export function chinaDate(date: Date | null | undefined): string | null {
  return date ? shifted(date).toISOString().slice(0, 10) : null;
}

/** YYYY-MM-DD HH:mm in Beijing time. */
export function chinaDateTime(date: Date | null | undefined): string | null {
  return date ? shifted(date).toISOString().slice(0, 16).replace('T', ' ') : null;
}

/** Calendar months later on the Beijing calendar, kept within the month (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const local = shifted(date);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  local.setUTCFullYear(year, month, Math.min(local.getUTCDate(), lastDay));
  return new Date(local.getTime() - OFFSET_MS);
}

/** Whole calendar months from one moment to another (0 when the second is not later). */
export function wholeMonthsBetween(from: Date, to: Date): number {
  const a = shifted(from);
  const b = shifted(to);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  while (months > 0 && addMonths(from, months) > to) months -= 1;
  return Math.max(0, months);
}
