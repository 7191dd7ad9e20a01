/** One judged query and what the search returned for it, in order (vacancy keys). */
export interface QueryOutcome {
  q: string;
  kind?: string | undefined;
  relevant: string[];
  hits: string[];
}

export interface SearchMetrics {
  queries: number;
  /** Queries with at least one right answer: recall, precision and MRR are means over these. */
  answerable: number;
  /** Right answers among the first 20, over min(20, number of right answers). */
  recallAt20: number;
  /** Right answers among the first 10 returned, over the number returned (at most 10); 0 when nothing was returned. */
  precisionAt10: number;
  /** Mean of 1 / rank of the first right answer (0 when none is returned). */
  mrr: number;
  /** Queries whose answer is "nothing", and how many of them returned nothing. */
  noAnswer: number;
  noAnswerEmpty: number;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

export function searchMetrics(outcomes: QueryOutcome[]): SearchMetrics {
  const answerable = outcomes.filter((o) => o.relevant.length > 0);
  const none = outcomes.filter((o) => o.relevant.length === 0);
  const recall: number[] = [];
  const precision: number[] = [];
  const reciprocal: number[] = [];
  for (const o of answerable) {
    const right = new Set(o.relevant);
    const found20 = o.hits.slice(0, 20).filter((k) => right.has(k)).length;
    recall.push(found20 / Math.min(20, right.size));
    const top10 = o.hits.slice(0, 10);
    precision.push(top10.length ? top10.filter((k) => right.has(k)).length / top10.length : 0);
    const first = o.hits.findIndex((k) => right.has(k));
    reciprocal.push(first === -1 ? 0 : 1 / (first + 1));
  }
  return {
    queries: outcomes.length,
    answerable: answerable.length,
    recallAt20: mean(recall),
    precisionAt10: mean(precision),
    mrr: mean(reciprocal),
    noAnswer: none.length,
    noAnswerEmpty: none.filter((o) => o.hits.length === 0).length,
  };
}

/** The metrics over all queries, then per query `kind` (queries without one are counted only overall). */
export function searchMetricsByKind(outcomes: QueryOutcome[]): {
  overall: SearchMetrics;
  byKind: Record<string, SearchMetrics>;
} {
  const kinds = [...new Set(outcomes.flatMap((o) => (o.kind ? [o.kind] : [])))].sort();
  return {
    overall: searchMetrics(outcomes),
    byKind: Object.fromEntries(kinds.map((kind) => [kind, searchMetrics(outcomes.filter((o) => o.kind === kind))])),
  };
}
