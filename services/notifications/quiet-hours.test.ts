import { describe, expect, it } from 'vitest';
import { chinaMinutes, clockToMinutes, isQuiet, minutesToClock, quietHoursFor, sendAfter } from './quiet-hours.ts';

// 2026-03-02 23:30 China time is 15:30 UTC.
const chinaAt = (clock: string) => new Date(`2026-03-02T${clock}:00+08:00`);
const night = { start: 22 * 60, end: 7 * 60 };

describe('quiet hours', () => {
  it('reads the clock in China time', () => {
    expect(chinaMinutes(chinaAt('23:30'))).toBe(23 * 60 + 30);
    expect(chinaMinutes(new Date('2026-03-02T16:05:00Z'))).toBe(5);
  });

  it('recognises a window that wraps midnight', () => {
    expect(isQuiet(chinaAt('23:30'), night)).toBe(true);
    expect(isQuiet(chinaAt('06:59'), night)).toBe(true);
    expect(isQuiet(chinaAt('07:00'), night)).toBe(false);
    expect(isQuiet(chinaAt('12:00'), night)).toBe(false);
    expect(isQuiet(chinaAt('22:00'), night)).toBe(true);
  });

  it('recognises a window within one day, and none when start equals end', () => {
    const lunch = { start: 12 * 60, end: 14 * 60 };
    expect(isQuiet(chinaAt('13:00'), lunch)).toBe(true);
    expect(isQuiet(chinaAt('14:00'), lunch)).toBe(false);
    expect(isQuiet(chinaAt('13:00'), { start: 600, end: 600 })).toBe(false);
    expect(isQuiet(chinaAt('13:00'), null)).toBe(false);
  });

  it('sends at once outside the window', () => {
    const now = chinaAt('12:00');
    expect(sendAfter(now, night)).toBe(now);
  });

  it('holds a message until the window ends, the next morning when it wraps', () => {
    expect(sendAfter(chinaAt('23:30'), night).toISOString()).toBe(new Date('2026-03-03T07:00:00+08:00').toISOString());
    expect(sendAfter(chinaAt('05:10'), night).toISOString()).toBe(chinaAt('07:00').toISOString());
    expect(sendAfter(new Date('2026-03-02T23:30:42+08:00'), night).toISOString()).toBe(
      new Date('2026-03-03T07:00:00+08:00').toISOString(),
    );
  });

  it('prefers the person’s own hours when both ends are set', () => {
    expect(quietHoursFor({ quietStart: 60, quietEnd: 120 }, night)).toEqual({ start: 60, end: 120 });
    expect(quietHoursFor({ quietStart: 60, quietEnd: null }, night)).toBe(night);
    expect(quietHoursFor(undefined, night)).toBe(night);
  });

  it('converts between clock text and minutes', () => {
    expect(minutesToClock(7 * 60 + 5)).toBe('07:05');
    expect(clockToMinutes('22:30')).toBe(1350);
    expect(clockToMinutes('24:00')).toBeNull();
  });
});
