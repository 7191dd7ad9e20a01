/**
 * Key-county aggregates: the same indicators as the region's, summed over the provincial key
 * counties (省级扶贫开发工作重点县, the list an administrator keeps at /admin/key-counties) within it.
 * Counts add up; a share is recomputed from its summed parts, never averaged.
 */
import type { IndicatorsRepository, Period } from './indicators.repository.ts';
import type { Actor, IndicatorsService } from './indicators.service.ts';
import { INDICATOR_BY_ID, type IndicatorValues, percent } from './indicators.ts';
import { SKILLS_RATIOS } from './skills-indicators.ts';

/** Each share as numerator ÷ denominator, by indicator id. A share missing here is left out of the totals. */
const RATIOS: Record<string, readonly [string, string]> = {
  employed_share: ['employed', 'labour_force'],
  push_coverage: ['pushed', 'willing'],
  pension_coverage: ['pension_covered', 'pension_eligible'],
  tech_school_placement_rate: ['tech_school_placed', 'tech_school_wished'],
  tech_school_aid_coverage: ['tech_school_aided', 'tech_school_in_school'],
  tech_school_graduate_placement_rate: ['tech_school_graduates_placed', 'tech_school_graduated'],
  ...SKILLS_RATIOS,
};

export interface KeyCountyTotals {
  /** The key counties summed (codes), none when the region holds none. */
  codes: string[];
  values: IndicatorValues;
}

/** Adds up indicator sets of several counties: counts summed, shares recomputed from their parts. */
export function sumIndicatorValues(sets: IndicatorValues[]): IndicatorValues {
  const totals: IndicatorValues = {};
  for (const values of sets) {
    for (const [id, value] of Object.entries(values)) {
      if (INDICATOR_BY_ID.get(id)?.unit === 'percent') continue;
      totals[id] = (totals[id] ?? 0) + value;
    }
  }
  for (const [id, [part, whole]] of Object.entries(RATIOS)) {
    if (sets.length && part in totals && whole in totals) totals[id] = percent(totals[part]!, totals[whole]!);
  }
  return totals;
}

const BATCH = 4;

/**
 * The key-county totals of a province or city for a period; null for a county (its own figures
 * say it). Each key county is computed with the same definitions as the region, a few at a time.
 */
export async function keyCountyTotals(
  indicators: IndicatorsService,
  repo: IndicatorsRepository,
  actor: Actor,
  input: { regionCode: string; period: Period },
): Promise<KeyCountyTotals | null> {
  if (input.regionCode.length >= 6) return null;
  const codes = (await repo.regionsUnder(input.regionCode))
    .filter((r) => r.level === 'county' && r.keyCounty)
    .map((r) => r.code);
  const sets: IndicatorValues[] = [];
  for (let i = 0; i < codes.length; i += BATCH) {
    const batch = await Promise.all(
      codes
        .slice(i, i + BATCH)
        .map((code) =>
          indicators.compute(actor, { regionCode: code, period: input.period, trend: false }).then((set) => set.values),
        ),
    );
    sets.push(...batch);
  }
  return { codes, values: sumIndicatorValues(sets) };
}
