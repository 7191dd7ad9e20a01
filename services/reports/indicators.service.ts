import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { IndicatorsRepository, Period, Row } from './indicators.repository.ts';
import {
  DEFINITIONS_VERSION,
  EMPLOYED_STATUSES,
  EMPLOYMENT_STATUSES,
  type IndicatorValues,
  percent,
} from './indicators.ts';
import { monthsEndingAt, nextMonth, today } from './period.ts';
import type { SubsidyFigureRow } from '../subsidies/index.ts';
import { TRAINING_SUBSIDY_PROGRAMMES } from './skills-indicators.ts';
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

export interface AgreementProgress {
  id: string;
  title: string;
  homeRegionCode: string;
  partnerRegionCode: string;
  year: number;
  targets: Record<'fairs' | 'transfers' | 'household_placements' | 'trainings', number>;
  done: Record<'fairs' | 'transfers' | 'household_placements' | 'trainings', number>;
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

const sum = (rows: Row[], key: string) => rows.reduce((total, row) => total + (row[key] ?? 0), 0);
const employedOf = (row: Record<string, number>) =>
  EMPLOYED_STATUSES.reduce((total, s) => total + (row[`status_${s}`] ?? 0), 0);

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
  prefix: string,
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
      repo.snapshotSums(prefix, [...FLOW_INDICATORS], split.months[0]!, nextMonth(split.months.at(-1)!)),
    );
    for (const row of sums) add(row.indicator, row.value);
  };
  const liveRanges = split.live.map((range) =>
    timed(timer, `events ${range.from}…${range.to} (live)`, () => repo.events(prefix, range)).then((rows) => {
      for (const row of rows)
        for (const [key, value] of Object.entries(row)) if (key !== 'county') add(key, Number(value));
    }),
  );
  await Promise.all([fromSnapshots(), ...liveRanges]);
  return totals;
}

type AgreementRow = Awaited<ReturnType<IndicatorsRepository['cooperation']>>[number];

type FigureKey = 'claims' | 'claimedAmount' | 'approvals' | 'amount' | 'people' | 'paid' | 'paidClaims' | 'paidAmount';

/**
 * Every subsidy programme's figures summed (the dashboard and some reports show them per programme), and the
 * training and appraisal programmes' own (plan §3(1), the skills group's).
 */
function subsidyValues(rows: SubsidyFigureRow[]): IndicatorValues {
  const total = (key: FigureKey, of = rows) => of.reduce((t, r) => t + r[key], 0);
  const training = rows.filter((r) => (TRAINING_SUBSIDY_PROGRAMMES as readonly string[]).includes(r.programmeCode));
  return {
    subsidy_claims: total('claims'),
    subsidy_claims_approved: total('approvals'),
    subsidy_claims_amount: total('amount'),
    subsidy_claims_paid: total('paid'),
    subsidy_people_reached: total('people'),
    training_subsidy_claims: total('claims', training),
    training_subsidy_claimed_amount: total('claimedAmount', training),
    training_subsidy_paid: total('paidClaims', training),
    training_subsidy_paid_amount: total('paidAmount', training),
  };
}

/** One agreement's targets and what was done, as the dashboard draws them. */
function agreementProgress(a: AgreementRow): AgreementProgress {
  return {
    id: a.id,
    title: a.title,
    homeRegionCode: a.homeRegionCode,
    partnerRegionCode: a.partnerRegionCode,
    year: a.year,
    targets: {
      fairs: a.coop_fairs_target,
      transfers: a.coop_transfers_target,
      household_placements: a.coop_household_placements_target,
      trainings: a.coop_trainings_target,
    },
    done: {
      fairs: a.coop_fairs_done,
      transfers: a.coop_transfers_done,
      household_placements: a.coop_household_placements_done,
      trainings: a.coop_trainings_done,
    },
  };
}

/** Figures another module counts for a region prefix and period (its indicators are defined here). */
export interface FigureSource {
  readonly name: string;
  values(prefix: string, period: Period): Promise<IndicatorValues>;
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

  /** Every indicator of one region and period, with the breakdowns the dashboard and reports draw. */
  async function compute(
    actor: Actor,
    /** trend: false leaves the 12-month trend out (key-county totals need the values only). */
    input: { regionCode?: string; period: Period; trend?: boolean },
    timer?: Timer,
  ): Promise<IndicatorSet> {
    const region = await resolveRegion(actor, input.regionCode);
    const { period } = input;
    const prefix = region.code;
    const live = period.to >= today();
    const split = splitPeriod(period, currentMonth());
    // One date for every stock, push coverage's two sides included (plan §2(3)).
    const at = { day: period.to, before: period.toExclusive, history: !live };
    const [stocks, certified, flows, fairs, agreements, regions, subsidies] = await Promise.all([
      timed(timer, live ? 'stocks (registry)' : 'stocks (history)', () => repo.stocks(prefix, at)),
      timed(timer, 'certificate holders', () => repo.certifiedByCounty(prefix, period.to)),
      flowsOf(repo, prefix, split, timer),
      timed(timer, 'fairs', () => repo.fairs(prefix, period)),
      timed(timer, 'cooperation', () => repo.cooperation(prefix, period)),
      timed(timer, 'regions', () => repo.regionsUnder(prefix)),
      timed(timer, 'subsidy claims', () => repo.subsidyProgrammes(prefix, period)),
    ]);
    const byCounty = new Map<string, Record<string, number>>();
    addRows(byCounty, stocks);
    addRows(byCounty, certified);
    const rows: Row[] = [...byCounty].map(([county, v]) => ({ ...v, county }) as Row);
    const trend = input.trend === false ? [] : await trendOf(repo, prefix, period, live ? rows : null, timer);

    const values: IndicatorValues = {};
    values.labourers = sum(rows, 'labourers');
    for (const s of EMPLOYMENT_STATUSES) values[`status_${s}`] = sum(rows, `status_${s}`);
    values.labour_force = sum(rows, 'labour_force');
    values.employed = employedOf(values);
    values.labour_force_employed = sum(rows, 'labour_force_employed');
    values.employed_share = percent(values.labour_force_employed, values.labour_force);
    Object.assign(values, flows, fairs, subsidyValues(subsidies));
    values.willing = sum(rows, 'willing');
    values.pushed = sum(rows, 'pushed');
    values.push_coverage = percent(values.pushed, values.willing);
    values.labourers_certified = sum(rows, 'labourers_certified');
    for (const key of [
      'pension_eligible',
      'pension_covered',
      'unemployment_insured',
      'graduates',
      'graduates_employed',
    ]) {
      values[key] = sum(rows, key);
    }
    values.pension_coverage = percent(values.pension_covered!, values.pension_eligible!);
    values.coop_agreements = agreements.length;
    const progress: AgreementProgress[] = agreements.map(agreementProgress);
    for (const key of ['fairs', 'transfers', 'household_placements', 'trainings'] as const) {
      values[`coop_${key}_target`] = progress.reduce((t, a) => t + a.targets[key], 0);
      values[`coop_${key}_done`] = progress.reduce((t, a) => t + a.done[key], 0);
    }
    for (const source of sources)
      Object.assign(values, await timed(timer, source.name, () => source.values(prefix, period)));
    for (const [key, value] of Object.entries(values)) values[key] = Number(value);

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

  return { compute, resolveRegion };
}

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
