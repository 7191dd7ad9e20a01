import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readFixture } from '../../services/matching/eval/fixture.ts';
import { runEval } from '../../services/matching/eval/run-eval.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/matching/fixture.json');

describe('matching quality on the shipped fixture', () => {
  it('breaks no hard rule and ranks the judged jobs well', async () => {
    const fixture = readFixture(FIXTURE);
    expect(fixture.judgments.length).toBeGreaterThanOrEqual(60);
    const { metrics, rankings } = await runEval({
      fixture,
      meiliUrl: inject('meiliUrl'),
      meiliKey: inject('meiliKey'),
    });
    expect(metrics.violationDetails).toEqual([]);
    expect(metrics.violations).toBe(0);
    expect(metrics.judgedPeople).toBe(fixture.judgments.length);
    expect(metrics.successAt10).toBe(1);
    expect(metrics.precisionAt3).toBeGreaterThanOrEqual(0.9);
    expect(metrics.ndcgAt10).toBeGreaterThanOrEqual(0.95);
    expect(rankings.every((r) => r.ranking.every((m) => m.reasons.length > 0))).toBe(true);

    // Issue #18 item 7: a second run of the same fixture gives the very same rankings.
    const again = await runEval({ fixture, meiliUrl: inject('meiliUrl'), meiliKey: inject('meiliKey') });
    expect(again.rankings).toEqual(rankings);
  }, 240_000);
});
