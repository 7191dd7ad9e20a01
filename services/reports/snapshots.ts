import type { IndicatorsRepository, Period, Row } from './indicators.repository.ts';
import { EMPLOYED_STATUSES } from './indicators.ts';
import { lastDayOf, monthEndExclusive, nextMonth, periodOf } from './period.ts';

/** The stocks kept per county at each month's end (IndicatorSnapshot), for the trend charts. */
export const SNAPSHOT_INDICATORS = ['labourers', 'labour_force', 'labour_force_employed', 'employed'] as const;

/** Events counted per county within each completed month, so a period's totals add months up. */
export const FLOW_INDICATORS = [
  'transfers_in_province_new',
  'transfers_out_province_new',
  'applications',
  'hires',
  'starts',
  'subsidy_approved',
  'subsidy_amount',
  'trainings_completed',
  'trainings_passed',
  'certificates_issued',
] as const;

/** A month whose flows were counted, even if nothing happened in it, carries this row. */
const FLOW_MARKER = { regionCode: '000000', indicator: '_flows' } as const;

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Computes the month-end stocks of every county for the months that have none yet, from the dated
 * status history, and stores them. Only completed months are snapshotted: the current month's point
 * is always read live. `months` are first days (YYYY-MM-01).
 */
export async function fillSnapshots(repo: IndicatorsRepository, months: string[]): Promise<string[]> {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const before = nextMonth(sorted.at(-1)!);
  // A month counted under the definitions before 就业率's base (labour_force_employed) is counted again.
  const present = new Set(
    (await repo.snapshotMonths('labour_force_employed', sorted[0]!, before)).map((r) => day(r.month)),
  );
  const missing = sorted.filter((m) => !present.has(m));
  for (const month of missing) {
    const rows = await repo.stocks('', { day: lastDayOf(month), before: monthEndExclusive(month), history: true });
    await repo.deleteSnapshots(month, [...SNAPSHOT_INDICATORS]);
    await repo.writeSnapshots(
      rows.flatMap((row) => {
        const values: Record<(typeof SNAPSHOT_INDICATORS)[number], number> = {
          labourers: row.labourers ?? 0,
          labour_force: row.labour_force ?? 0,
          labour_force_employed: row.labour_force_employed ?? 0,
          employed: EMPLOYED_STATUSES.reduce((sum, s) => sum + (row[`status_${s}`] ?? 0), 0),
        };
        return SNAPSHOT_INDICATORS.map((indicator) => ({
          month,
          regionCode: row.county,
          indicator,
          value: values[indicator],
        }));
      }),
    );
  }
  return missing;
}

/** Counts each missing month's events per county and stores them with the month's marker. */
export async function fillFlowSnapshots(repo: IndicatorsRepository, months: string[]): Promise<string[]> {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const before = nextMonth(sorted.at(-1)!);
  const present = new Set(
    (await repo.snapshotMonths(FLOW_MARKER.indicator, sorted[0]!, before)).map((r) => day(r.month)),
  );
  const missing = sorted.filter((m) => !present.has(m));
  for (const month of missing) {
    const rows = await repo.events('', periodOf(month, lastDayOf(month)));
    await repo.writeSnapshots([
      ...rows.flatMap((row) =>
        FLOW_INDICATORS.filter((indicator) => (row[indicator] ?? 0) !== 0).map((indicator) => ({
          month,
          regionCode: row.county,
          indicator,
          value: row[indicator]!,
        })),
      ),
      { month, ...FLOW_MARKER, value: 1 },
    ]);
  }
  return missing;
}

/**
 * Recounts a completed month: events recorded late (a hire dated last month, entered today) reach
 * the snapshots when the scheduled job recounts the months just past.
 */
export async function refreshMonth(repo: IndicatorsRepository, month: string) {
  await repo.deleteSnapshots(month, [...SNAPSHOT_INDICATORS, ...FLOW_INDICATORS, FLOW_MARKER.indicator]);
  await fillSnapshots(repo, [month]);
  await fillFlowSnapshots(repo, [month]);
}

/**
 * Splits a period into the completed calendar months it covers whole (read from the snapshots)
 * and the days left over at either end (counted live; at most two short ranges).
 */
export function splitPeriod(period: Period, currentMonth: string): { months: string[]; live: Period[] } {
  const months: string[] = [];
  let month = `${period.from.slice(0, 7)}-01`;
  if (month < period.from) month = nextMonth(month);
  while (month < currentMonth && lastDayOf(month) <= period.to) {
    months.push(month);
    month = nextMonth(month);
  }
  if (months.length === 0) return { months, live: [period] };
  const live: Period[] = [];
  const first = months[0]!;
  const last = lastDayOf(months.at(-1)!);
  if (period.from < first) live.push(periodOf(period.from, dayBefore(first)));
  if (period.to > last) live.push(periodOf(dayAfter(last), period.to));
  return { months, live };
}

function dayBefore(date: string): string {
  return day(new Date(new Date(`${date}T00:00:00Z`).getTime() - 86_400_000));
}

function dayAfter(date: string): string {
  return day(new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000));
}

/** Adds rows of per-county figures key by key. */
export function addRows(target: Map<string, Record<string, number>>, rows: Row[]) {
  for (const row of rows) {
    const into = target.get(row.county) ?? {};
    for (const [key, value] of Object.entries(row)) {
      if (key !== 'county') into[key] = (into[key] ?? 0) + Number(value);
    }
    target.set(row.county, into);
  }
}
