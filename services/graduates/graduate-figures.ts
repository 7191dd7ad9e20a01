/**
 * The graduates' figures (plan §5(4)), computed once here for the module's pages, the dashboard and the
 * 人事人才 group's report (definitions: services/reports/graduate-indicators.ts). Pure: rows in, counts out.
 */
import { addMonths } from '../platform/time/china-time.ts';
import { GRADUATE_STATUSES } from './graduates.contract.ts';

export interface FigureRow {
  regionCode: string;
  schoolName: string;
  status: (typeof GRADUATE_STATUSES)[number];
  leftSchoolOn: Date;
  workFoundOn: Date | null;
  /** When the first pairing with a matchmaker began (its Beijing day); null if never paired. */
  pairedAt: Date | null;
  /** The days the status became employed or started_business (status history). */
  workDays: readonly Date[];
}

/** Found work (or started a business) within `months` of leaving school, by `asOf`. */
export function inWorkWithin(row: FigureRow, months: number, asOf: Date): boolean {
  if (!row.workFoundOn || row.workFoundOn > asOf) return false;
  return row.workFoundOn <= addMonths(row.leftSchoolOn, months);
}

/**
 * Paired, and in work or business within `months` of the day the (first) pairing began, by `asOf`:
 * a change to employed or started_business dated from that day on (work found before the pairing is
 * not the matchmaker's). Counts the 就业红娘 service itself, unlike inWorkWithin.
 */
export function pairedInWorkWithin(row: FigureRow, months: number, asOf: Date): boolean {
  const paired = row.pairedAt;
  if (!paired || paired > asOf) return false;
  const until = addMonths(paired, months);
  return row.workDays.some((day) => day >= paired && day <= until && day <= asOf);
}

/**
 * The indicator values for one graduation year's rows, as of `asOf` (the period's last day):
 * grad_registered, grad_status_<status> (the current status), grad_paired (a pairing begun by then),
 * grad_employed_3m and grad_employed_6m (work found by then, within 3 / 6 months of leaving school),
 * grad_paired_employed_3m and grad_paired_employed_6m (within 3 / 6 months of the pairing's start).
 */
export function graduateValues(rows: readonly FigureRow[], asOf: Date): Record<string, number> {
  const values: Record<string, number> = { grad_registered: rows.length };
  for (const status of GRADUATE_STATUSES) values[`grad_status_${status}`] = 0;
  values.grad_paired = 0;
  values.grad_employed_3m = 0;
  values.grad_employed_6m = 0;
  values.grad_paired_employed_3m = 0;
  values.grad_paired_employed_6m = 0;
  for (const row of rows) {
    values[`grad_status_${row.status}`]! += 1;
    if (row.pairedAt && row.pairedAt <= asOf) values.grad_paired += 1;
    if (inWorkWithin(row, 3, asOf)) values.grad_employed_3m += 1;
    if (inWorkWithin(row, 6, asOf)) values.grad_employed_6m += 1;
    if (pairedInWorkWithin(row, 3, asOf)) values.grad_paired_employed_3m += 1;
    if (pairedInWorkWithin(row, 6, asOf)) values.grad_paired_employed_6m += 1;
  }
  return values;
}

export interface Counts {
  total: number;
  byStatus: Record<string, number>;
  paired: number;
}

function countsOf(rows: readonly FigureRow[]): Counts {
  const byStatus = Object.fromEntries(GRADUATE_STATUSES.map((s) => [s, 0]));
  for (const row of rows) byStatus[row.status]! += 1;
  return { total: rows.length, byStatus, paired: rows.filter((r) => r.pairedAt).length };
}

function groupBy<K>(rows: readonly FigureRow[], key: (row: FigureRow) => K): Map<K, FigureRow[]> {
  const groups = new Map<K, FigureRow[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/** Counts in total, per county (the first six digits of the household region) and per school. */
export function breakdown(rows: readonly FigureRow[]) {
  return {
    total: countsOf(rows),
    byCounty: [...groupBy(rows, (r) => r.regionCode.slice(0, 6))]
      .map(([regionCode, group]) => ({ regionCode, ...countsOf(group) }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    bySchool: [...groupBy(rows, (r) => r.schoolName)]
      .map(([schoolName, group]) => ({ schoolName, ...countsOf(group) }))
      .sort((a, b) => b.total - a.total || a.schoolName.localeCompare(b.schoolName)),
  };
}
