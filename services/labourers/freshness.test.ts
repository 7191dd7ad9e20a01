import { describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config/config.ts';
import { figuresOf, freshnessConfig, freshnessCutoffs, monthsBefore } from './freshness.ts';

const rulesFrom = (env: NodeJS.ProcessEnv) => loadConfig(env, [freshnessConfig]).section(freshnessConfig);

describe('record freshness rules (动态管理)', () => {
  it('reads FRESHNESS_MONTHS, 6 by default, and refuses nonsense', () => {
    expect(rulesFrom({})).toEqual({ months: 6 });
    expect(rulesFrom({ FRESHNESS_MONTHS: '' })).toEqual({ months: 6 });
    expect(rulesFrom({ FRESHNESS_MONTHS: '12' })).toEqual({ months: 12 });
    expect(() => rulesFrom({ FRESHNESS_MONTHS: '0' })).toThrow(/FRESHNESS_MONTHS/);
  });

  it('counts calendar months back from the day of reckoning', () => {
    const asOf = new Date('2026-10-25T04:00:00Z');
    expect(monthsBefore(asOf, 6).toISOString()).toBe('2026-04-25T04:00:00.000Z');
    expect(freshnessCutoffs(asOf, { months: 6 })).toEqual({
      freshSince: new Date('2026-04-25T04:00:00Z'),
      contactSince: new Date('2025-10-25T04:00:00Z'),
    });
  });

  it('derives stale records and the fresh share with one decimal', () => {
    expect(figuresOf({ records: 3, fresh: 2, verified: 1, noContactYear: 1 })).toEqual({
      records: 3,
      fresh: 2,
      verified: 1,
      noContactYear: 1,
      stale: 1,
      freshShare: 66.7,
    });
    expect(figuresOf({ records: 0, fresh: 0, verified: 0, noContactYear: 0 }).freshShare).toBe(0);
  });
});
