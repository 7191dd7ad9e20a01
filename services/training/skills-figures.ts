import type { RangeCounts } from './skills-figures.repository.ts';

/**
 * What a yearly training target counts (plan §3(2)): 农民工技能提升培训 (人次, ≥ 200,000 a year
 * province-wide), registered poor people trained, registered poor people certified.
 */
export const TARGET_KINDS = ['upgrading_trainings', 'people_trained', 'people_certified'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** A share in percent with one decimal; 0 for an empty or missing denominator. */
export const percentOf = (part: number, whole: number | null) =>
  whole && whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;

/**
 * A region's target of one kind: its own row when its officers set one, otherwise the sum of the
 * targets of the regions one level under it (each found the same way), so a province without a
 * row of its own adds up its cities, a city its counties. Null when nothing under it has one.
 */
export function effectiveTarget(
  rows: ReadonlyArray<{ regionCode: string; value: number }>,
  code: string,
): number | null {
  const own = rows.find((r) => r.regionCode === code);
  if (own) return own.value;
  const children = new Set(
    rows
      .filter((r) => r.regionCode.length > code.length && r.regionCode.startsWith(code))
      .map((r) => r.regionCode.slice(0, code.length + 2)),
  );
  let total: number | null = null;
  for (const child of children) {
    const value = effectiveTarget(rows, child);
    if (value !== null) total = (total ?? 0) + value;
  }
  return total;
}

/** What each target kind's year-to-date figure is, from the range counts. */
export const DONE: Record<TargetKind, (c: RangeCounts) => number> = {
  upgrading_trainings: (c) => c.trainings,
  people_trained: (c) => c.trained,
  people_certified: (c) => c.certified,
};

/**
 * The skills indicators (definitions and clauses: services/reports/skills-indicators.ts) from the
 * period's counts, the year-to-date counts, today's wishes and the year's targets.
 */
export function skillsValues(input: {
  period: RangeCounts;
  yearToDate: RangeCounts;
  wishes: { wished: number; reached: number };
  targets: Record<TargetKind, number | null>;
}): Record<string, number> {
  const { period, yearToDate, wishes, targets } = input;
  const values: Record<string, number> = {
    training_wished: wishes.wished,
    training_wished_reached: wishes.reached,
    training_wish_coverage: percentOf(wishes.reached, wishes.wished),
    training_offered: period.offered,
    training_enrolled: period.enrolled,
    training_course_completed: period.completed,
    training_certified: period.certified,
    training_certified_employed_90d: period.certifiedEmployed90d,
  };
  for (const kind of TARGET_KINDS) {
    const done = DONE[kind](yearToDate);
    values[`training_target_${kind}`] = targets[kind] ?? 0;
    values[`training_done_${kind}`] = done;
    values[`training_progress_${kind}`] = percentOf(done, targets[kind]);
  }
  return values;
}
