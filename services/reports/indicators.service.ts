import type { Area } from '../platform/access/area.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { IndicatorsRepository, Period, Row } from './indicators.repository.ts';
import { DEFINITIONS_VERSION, type IndicatorValues, percent } from './indicators.ts';
import { monthsEndingAt, nextMonth, today } from './period.ts';
import type { SubsidyFigureRow } from '../subsidies/index.ts';
import { type AgreementProgress, employedOf, registryValues, sum } from './registry-values.ts';
import {
  addRows,
  FLOW_INDICATORS,
  fillFlowSnapshots,
  fillSnapshots,
  SNAPSHOT_INDICATORS,
  splitPeriod,
} from './snapshots.ts';

const currentMonth = () => `${today().slice(0, 7)}-01`;

/** The demo and the plan are Fujian's: an admin without a region sees this province. */
export const HOME_PROVINCE = '35';
const TREND_MONTHS = 12;
const REGION_CODE = /^\d{2}(\d{2}){0,2}$/;

export type Actor = Pick<SessionUser, 'role' | 'regionCode'>;

export type { AgreementProgress } from './registry-values.ts';

export interface AreaFigures {
  code: string;
  name: string;
  nameEn: string;
  keyCounty: boolean;
  labourers: number;
  employed: number;
  labourForce: number;
  employedShare: number;
  willing: number;
  pushed: number;
  pushCoverage: number;
  pensionCoverage: number;
}

export interface TrendPoint {
  month: string;
  labourers: number;
  employed: number;
  labourForce: number;
  employedShare: number;
}

export interface IndicatorSet {
  regionCode: string;
  regionName: string;
  regionNameEn: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
  period: { from: string; to: string };
  /** live: stocks from the registry's current state; history: from the dated status history. */
  source: 'live' | 'history';
  definitionsVersion: string;
  computedAt: string;
  values: IndicatorValues;
  /** The next level down (cities of a province, counties of a city); empty for a county. */
  children: AreaFigures[];
  /** Every county in the region, ranked by employed share (highest first). */
  counties: AreaFigures[];
  trend: TrendPoint[];
  agreements: AgreementProgress[];
  /** Every subsidy programme's figures; the subsidy_claims* and subsidy_people_reached values are their sums. */
  programmes: SubsidyFigureRow[];
}

export type Timer = (name: string, ms: number) => void;

async function timed<T>(timer: Timer | undefined, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  timer?.(name, performance.now() - started);
  return result;
}

function areaFigures(
  code: string,
  rows: Row[],
  names: Map<string, { name: string; nameEn: string; keyCounty: boolean }>,
): AreaFigures {
  const inArea = rows.filter((r) => r.county.startsWith(code));
  const labourers = sum(inArea, 'labourers');
  const employed = inArea.reduce((total, r) => total + employedOf(r), 0);
  const labourForce = sum(inArea, 'labour_force');
  const willing = sum(inArea, 'willing');
  const pushedCount = sum(inArea, 'pushed');
  return {
    code,
    name: names.get(code)?.name ?? code,
    nameEn: names.get(code)?.nameEn ?? code,
    keyCounty: names.get(code)?.keyCounty ?? false,
    labourers,
    employed,
    labourForce,
    employedShare: percent(sum(inArea, 'labour_force_employed'), labourForce),
    willing,
    pushed: pushedCount,
    pushCoverage: percent(pushedCount, willing),
    pensionCoverage: percent(sum(inArea, 'pension_covered'), sum(inArea, 'pension_eligible')),
  };
}

async function trendOf(
  repo: IndicatorsRepository,
  prefix: string,
  period: Period,
  live: Row[] | null,
  timer?: Timer,
): Promise<TrendPoint[]> {
  const months = monthsEndingAt(period.to, TREND_MONTHS);
  const thisMonth = currentMonth();
  // Completed months come from the snapshots (filled from the history when missing); the
  // current month is read live.
  const completed = months.filter((m) => m < thisMonth);
  await timed(timer, 'trend.fillSnapshots', () => fillSnapshots(repo, completed));
  const sums = await timed(timer, 'trend.snapshots', () =>
    repo.snapshotSums(prefix, [...SNAPSHOT_INDICATORS], months[0]!, thisMonth),
  );
  const byMonth = new Map<string, Record<string, number>>();
  for (const row of sums) {
    const key = row.month.toISOString().slice(0, 10);
    byMonth.set(key, { ...byMonth.get(key), [row.indicator]: Number(row.value) });
  }
  if (live && months.includes(thisMonth)) {
    byMonth.set(thisMonth, {
      labourers: sum(live, 'labourers'),
      labour_force: sum(live, 'labour_force'),
      labour_force_employed: sum(live, 'labour_force_employed'),
      employed: live.reduce((total, r) => total + employedOf(r), 0),
    });
  }
  return months
    .filter((m) => m <= thisMonth)
    .map((month) => {
      const v = byMonth.get(month) ?? {};
      const employed = v.employed ?? 0;
      const labourForce = v.labour_force ?? 0;
      return {
        month: month.slice(0, 7),
        labourers: v.labourers ?? 0,
        employed,
        labourForce,
        employedShare: percent(v.labour_force_employed ?? 0, labourForce),
      };
    });
}

/** The period's events: completed whole months from the snapshots, the days left over live. */
async function flowsOf(
  repo: IndicatorsRepository,
  area: Area,
  split: { months: string[]; live: Period[] },
  timer?: Timer,
) {
  const totals: Record<string, number> = Object.fromEntries(FLOW_INDICATORS.map((id) => [id, 0]));
  const add = (key: string, value: number) => {
    if (key in totals) totals[key] = totals[key]! + Number(value);
  };
  const fromSnapshots = async () => {
    if (split.months.length === 0) return;
    await timed(timer, 'events: fill month snapshots', () => fillFlowSnapshots(repo, split.months));
    const sums = await timed(timer, 'events: month snapshots', () =>
      repo.snapshotSums(area, [...FLOW_INDICATORS], split.months[0]!, nextMonth(split.months.at(-1)!)),
    );
    for (const row of sums) add(row.indicator, row.value);
  };
  const liveRanges = split.live.map((range) =>
    timed(timer, `events ${range.from}…${range.to} (live)`, () => repo.events(area, range)).then((rows) => {
      for (const row of rows)
        for (const [key, value] of Object.entries(row)) if (key !== 'county') add(key, Number(value));
    }),
  );
  await Promise.all([fromSnapshots(), ...liveRanges]);
  return totals;
}

/** Figures another module counts for an area and period (its indicators are defined here). */
export interface FigureSource {
  readonly name: string;
  /** An area is a region prefix, or several counties counted together (the key counties' totals). */
  values(area: Area, period: Period): Promise<IndicatorValues>;
}

export function createIndicatorsService(
  repo: IndicatorsRepository,
  /** Figures other modules keep (freshness, insurance casework, graduates, talent), merged into the values. */
  sources: readonly FigureSource[] = [],
) {
  /** The region the actor asked for, checked against their scope; defaults to their own. */
  async function resolveRegion(actor: Actor, regionCode?: string) {
    const scope = scopePrefix(actor);
    const code = regionCode ?? (scope || HOME_PROVINCE);
    if (!REGION_CODE.test(code)) {
      throw new ValidationError('Invalid region', [
        { field: 'regionCode', message: 'must be a province, city or county code', code: 'region' },
      ]);
    }
    if (!code.startsWith(scope)) throw new ForbiddenError(`Region ${code} is outside your region`);
    const region = await repo.region(code);
    if (!region || !['province', 'city', 'county'].includes(region.level)) {
      throw new NotFoundError(`Region ${code} not found`);
    }
    return region as typeof region & { level: 'province' | 'city' | 'county' };
  }

  /**
   * Every indicator of an area (one region prefix, or several counties at once) and period, with
   * the per-county rows the breakdowns are drawn from. The scope is the caller's to check.
   */
  async function measure(area: Area, period: Period, timer?: Timer) {
    const live = period.to >= today();
    const split = splitPeriod(period, currentMonth());
    // One date for every stock, push coverage's two sides included (plan §2(3)).
    const at = { day: period.to, before: period.toExclusive, history: !live };
    const [stocks, certified, flows, fairs, agreements, subsidies] = await Promise.all([
      timed(timer, live ? 'stocks (registry)' : 'stocks (history)', () => repo.stocks(area, at)),
      timed(timer, 'certificate holders', () => repo.certifiedByCounty(area, period.to)),
      flowsOf(repo, area, split, timer),
      timed(timer, 'fairs', () => repo.fairs(area, period)),
      timed(timer, 'cooperation', () => repo.cooperation(area, period)),
      timed(timer, 'subsidy claims', () => repo.subsidyProgrammes(area, period)),
    ]);
    const byCounty = new Map<string, Record<string, number>>();
    addRows(byCounty, stocks);
    addRows(byCounty, certified);
    const rows: Row[] = [...byCounty].map(([county, v]) => ({ ...v, county }) as Row);

    const { values, progress } = registryValues(rows, { flows, fairs, agreements, subsidies });
    for (const source of sources)
      Object.assign(values, await timed(timer, source.name, () => source.values(area, period)));
    for (const [key, value] of Object.entries(values)) values[key] = Number(value);
    return { values, rows, live, progress, subsidies };
  }

  /** Every indicator of one region and period, with the breakdowns the dashboard and reports draw. */
  async function compute(
    actor: Actor,
    input: { regionCode?: string; period: Period },
    timer?: Timer,
  ): Promise<IndicatorSet> {
    const region = await resolveRegion(actor, input.regionCode);
    const { period } = input;
    const prefix = region.code;
    const [{ values, rows, live, progress, subsidies }, regions] = await Promise.all([
      measure(prefix, period, timer),
      timed(timer, 'regions', () => repo.regionsUnder(prefix)),
    ]);
    const trend = await trendOf(repo, prefix, period, live ? rows : null, timer);

    const names = new Map(regions.map((r) => [r.code, r]));
    const childLevel = region.level === 'province' ? 'city' : region.level === 'city' ? 'county' : null;
    const children = regions
      .filter((r) => r.level === childLevel && r.parentCode === region.code)
      .map((r) => areaFigures(r.code, rows, names));
    const countyCodes = new Set([
      ...regions.filter((r) => r.level === 'county').map((r) => r.code),
      ...rows.map((r) => r.county).filter((c) => c.length === 6),
    ]);
    const counties = [...countyCodes]
      .map((code) => areaFigures(code, rows, names))
      .filter((c) => c.labourers > 0)
      .sort(
        (a, b) => b.employedShare - a.employedShare || b.pushCoverage - a.pushCoverage || a.code.localeCompare(b.code),
      );

    return {
      regionCode: region.code,
      regionName: region.name,
      regionNameEn: region.nameEn,
      level: region.level,
      parentCode: region.level === 'province' ? null : region.code.slice(0, region.code.length - 2),
      period: { from: period.from, to: period.to },
      source: live ? 'live' : 'history',
      definitionsVersion: DEFINITIONS_VERSION,
      computedAt: new Date().toISOString(),
      values,
      children,
      counties,
      trend,
      agreements: progress,
      programmes: subsidies,
    };
  }

  /**
   * The indicators of several counties counted together in one pass (the key counties' totals):
   * the same definitions as a region's, each county checked against the actor's scope.
   */
  async function countiesTogether(actor: Actor, codes: readonly string[], period: Period, timer?: Timer) {
    const scope = scopePrefix(actor);
    const outside = codes.find((code) => !code.startsWith(scope));
    if (outside) throw new ForbiddenError(`Region ${outside} is outside your region`);
    return (await measure(codes, period, timer)).values;
  }

  return { compute, countiesTogether, resolveRegion };
}

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
