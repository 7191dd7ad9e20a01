import { describe, expect, it } from 'vitest';
import { birthdayCutoff, periodOf, quarterPeriod, sixteenthBirthdayCutoff, yearlyPeriod } from './period.ts';
import { splitPeriod } from './snapshots.ts';

const split = (from: string, to: string, current: string) => {
  const { months, live } = splitPeriod(periodOf(from, to), current);
  return { months, live: live.map((p) => `${p.from}…${p.to}`) };
};

describe('splitPeriod', () => {
  it('reads whole completed months from the snapshots and the current month live', () => {
    expect(split('2026-01-01', '2026-11-27', '2026-11-01')).toEqual({
      months: [
        '2026-01-01',
        '2026-02-01',
        '2026-03-01',
        '2026-04-01',
        '2026-05-01',
        '2026-06-01',
        '2026-07-01',
        '2026-08-01',
        '2026-09-01',
        '2026-10-01',
      ],
      live: ['2026-11-01…2026-11-27'],
    });
  });

  it('counts the odd days at both ends live', () => {
    expect(split('2026-01-15', '2026-03-10', '2026-11-01')).toEqual({
      months: ['2026-02-01'],
      live: ['2026-01-15…2026-01-31', '2026-03-01…2026-03-10'],
    });
  });

  it('keeps a period within one month entirely live', () => {
    expect(split('2026-02-03', '2026-02-20', '2026-11-01')).toEqual({ months: [], live: ['2026-02-03…2026-02-20'] });
  });

  it('takes a whole quarter from the snapshots', () => {
    const { months, live } = splitPeriod(quarterPeriod(2026, 1), '2026-11-01');
    expect(months).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(live).toEqual([]);
  });
});

describe('periods', () => {
  it('bounds a period by Beijing midnights', () => {
    const period = periodOf('2026-04-01', '2026-06-30');
    expect(period.fromInstant.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(period.toExclusive.toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('ends the yearly report on 30 September, before the 25 October deadline', () => {
    expect(yearlyPeriod(2026)).toMatchObject({ from: '2026-01-01', to: '2026-09-30' });
    expect(quarterPeriod(2026, 4)).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('finds who is 16 at a date, 29 February included', () => {
    expect(sixteenthBirthdayCutoff('2026-06-30')).toBe('2010-06-30');
    // Born 29 February 2012 (a leap year): 16 on 29 February 2028.
    expect(sixteenthBirthdayCutoff('2028-02-29')).toBe('2012-02-29');
    // 2011 had no 29 February: whoever was born by 28 February 2011 is 17 on 29 February 2028.
    expect(birthdayCutoff('2028-02-29', 17)).toBe('2011-02-28');
    // Working age 16–59 on 30 June 2026: born 2010-06-30 or earlier, and after 1966-06-30 (60 then).
    expect(birthdayCutoff('2026-06-30', 60)).toBe('1966-06-30');
  });

  it('refuses a period that ends before it starts and impossible dates', () => {
    expect(() => periodOf('2026-06-30', '2026-01-01')).toThrow('Invalid period');
    expect(() => periodOf('2026-02-30', '2026-03-01')).toThrow('Invalid period');
  });
});

describe('README', () => {
  it('carries the definitions table generated from the code', async () => {
    const { definitionsTable } = await import('./definitions-table.ts');
    const fs = await import('node:fs/promises');
    const readme = await fs.readFile(new URL('./README.md', import.meta.url), 'utf8');
    expect(readme).toContain(definitionsTable());
  });
});
