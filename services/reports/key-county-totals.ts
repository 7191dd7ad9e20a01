/**
 * Key-county aggregates: the same indicators as the region's, over the provincial key counties
 * (省级扶贫开发工作重点县, the list an administrator keeps at /admin/key-counties) within it, counted
 * together: counts over all of them, a share from those counts, never an average of the counties'.
 */
import type { IndicatorsRepository, Period } from './indicators.repository.ts';
import type { Actor, IndicatorsService } from './indicators.service.ts';
import type { IndicatorValues } from './indicators.ts';

export interface KeyCountyTotals {
  /** The key counties summed (codes), none when the region holds none. */
  codes: string[];
  values: IndicatorValues;
}

/**
 * The key-county totals of a province or city for a period; null for a county (its own figures
 * say it). The key counties are counted together in one pass, with the same definitions as the
 * region: counts over all of them, shares from those counts.
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
  if (codes.length === 0) return { codes, values: {} };
  return { codes, values: await indicators.countiesTogether(actor, codes, input.period) };
}
