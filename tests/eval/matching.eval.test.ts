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
    expect(metrics.breachDetails).toEqual([]);
    expect(metrics.forbiddenDetails).toEqual([]);
    expect(metrics.violations).toBe(0);
    expect(metrics.judgedPeople).toBe(fixture.judgments.length);
    expect(metrics.successAt10).toBe(1);
    expect(metrics.precisionAt3).toBeGreaterThanOrEqual(0.9);
    expect(metrics.ndcgAt10).toBeGreaterThanOrEqual(0.95);
    expect(rankings.every((r) => r.ranking.every((m) => m.reasons.length > 0))).toBe(true);
    // Issue #18 item 8: the figures per group; the hard-to-employ people get their posts first.
    expect(metrics.groups.hardToEmploy.judgedPeople).toBeGreaterThanOrEqual(3);
    expect(metrics.groups.hardToEmploy.precisionAt3).toBeGreaterThanOrEqual(0.95);
    expect(metrics.groups.moves.judgedPeople + metrics.groups.staysLocal.judgedPeople).toBe(metrics.judgedPeople);
    // The male cook with a health certificate: cook jobs first, no nanny or maternity work, and
    // the kitchen helper's job in the next district (same subcategory) is found.
    const cook = rankings.find((r) => r.labourer === 'l2-p1')!.ranking.map((m) => m.vacancy);
    expect(cook.slice(0, 2).sort()).toEqual(['l2-v1', 'l2-v2']);
    expect(cook).toContain('l2-v6');
    expect(cook.some((v) => ['l2-v3', 'l2-v4', 'l2-v5'].includes(v))).toBe(false);

    // Issue #18 item 7: a second run of the same fixture gives the very same rankings.
    const again = await runEval({ fixture, meiliUrl: inject('meiliUrl'), meiliKey: inject('meiliKey') });
    expect(again.rankings).toEqual(rankings);
  }, 240_000);
});
