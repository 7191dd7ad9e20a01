import { describe, expect, it } from 'vitest';
import { searchMetrics, searchMetricsByKind } from './search-metrics.ts';

describe('search metrics (issue 18, item 9)', () => {
  it('computes recall@20, precision@10, MRR and empty no-answer queries as defined', () => {
    const outcomes = [
      // 2 right answers, both found at ranks 2 and 3 among 4 hits: recall 2/2, precision 2/4, RR 1/2.
      { q: '电工', kind: 'inside-word', relevant: ['a', 'b'], hits: ['x', 'a', 'b', 'y'] },
      // 25 right answers, 12 of them in the first 20 (ranks 1..12 right, 13..20 wrong, more after):
      // recall 12/min(20,25) = 0.6; precision 10/10 = 1; RR 1.
      {
        q: '普工',
        kind: 'alias',
        relevant: Array.from({ length: 25 }, (_, i) => `r${i}`),
        hits: [...Array.from({ length: 12 }, (_, i) => `r${i}`), ...Array.from({ length: 8 }, (_, i) => `w${i}`)],
      },
      // A right answer and nothing returned: recall 0, precision 0, RR 0.
      { q: '月嫂', kind: 'alias', relevant: ['c'], hits: [] },
      // No answer expected: one returns nothing (counted), one returns a job (not counted).
      { q: '飞行员', kind: 'no-answer', relevant: [], hits: [] },
      { q: '律师', kind: 'no-answer', relevant: [], hits: ['x'] },
    ];
    const m = searchMetrics(outcomes);
    expect(m.queries).toBe(5);
    expect(m.answerable).toBe(3);
    expect(m.recallAt20).toBeCloseTo((1 + 0.6 + 0) / 3, 10);
    expect(m.precisionAt10).toBeCloseTo((0.5 + 1 + 0) / 3, 10);
    expect(m.mrr).toBeCloseTo((0.5 + 1 + 0) / 3, 10);
    expect(m.noAnswer).toBe(2);
    expect(m.noAnswerEmpty).toBe(1);

    const { byKind } = searchMetricsByKind(outcomes);
    expect(Object.keys(byKind)).toEqual(['alias', 'inside-word', 'no-answer']);
    expect(byKind.alias!.recallAt20).toBeCloseTo(0.3, 10);
    expect(byKind.alias!.precisionAt10).toBeCloseTo(0.5, 10);
    expect(byKind['inside-word']!.mrr).toBe(0.5);
    expect(byKind['no-answer']!.answerable).toBe(0);
  });

  it('counts only the first 10 hits for precision and the first 20 for recall', () => {
    const hits = ['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'a', 'b'];
    const m = searchMetrics([{ q: 'x', relevant: ['a', 'b'], hits }]);
    expect(m.precisionAt10).toBe(0);
    expect(m.recallAt20).toBe(1);
    expect(m.mrr).toBeCloseTo(1 / 11, 10);
  });
});
