/** Minutes after midnight, China time (UTC+8, no daylight saving). */
export interface QuietHours {
  start: number;
  end: number;
}

const DAY = 1440;
const CHINA_OFFSET_MIN = 8 * 60;

export function chinaMinutes(at: Date): number {
  return (Math.floor(at.getTime() / 60_000) + CHINA_OFFSET_MIN) % DAY;
}

/** Inside the window [start, end); a window may wrap midnight (22:00-07:00). start = end: none. */
export function isQuiet(at: Date, quiet: QuietHours | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const m = chinaMinutes(at);
  return quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
}

/** When an SMS may go: now, or when the quiet hours end (on the minute). */
export function sendAfter(now: Date, quiet: QuietHours | null): Date {
  if (!isQuiet(now, quiet)) return now;
  const m = chinaMinutes(now);
  const wait = (quiet!.end - m + DAY) % DAY;
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(minuteStart + wait * 60_000);
}

/** A person's own quiet hours when both ends are set, else the platform's default. */
export function quietHoursFor(
  preference: { quietStart: number | null; quietEnd: number | null } | undefined,
  fallback: QuietHours,
): QuietHours {
  if (preference && preference.quietStart !== null && preference.quietEnd !== null)
    return { start: preference.quietStart, end: preference.quietEnd };
  return fallback;
}

/** "22:00" ↔ 1320 for forms. */
export function minutesToClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function clockToMinutes(clock: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
