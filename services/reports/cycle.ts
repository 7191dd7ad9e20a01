/**
 * The plan's reporting cycle (方案七): every special group reports quarterly in writing, and the
 * yearly report reaches the province by 25 October. A county's report goes to its city, a city's to
 * the province. Pure rules: keys, deadlines, who may take which step.
 */
import { z } from 'zod';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';
import { REPORT_GROUPS, type ReportGroup } from './indicators.ts';

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatusCode = (typeof REPORT_STATUSES)[number];

/** The plan's yearly deadline: 每年10月25日前. */
export const YEARLY_DEADLINE = '10-25';

export interface CycleSettings {
  /** A quarter's reports are due this many days after the quarter ends. */
  quarterDeadlineDays: number;
  /** Reminders go out this many days before a deadline (and until it). */
  reminderDays: number;
}

export const DEFAULT_CYCLE_SETTINGS: CycleSettings = { quarterDeadlineDays: 10, reminderDays: 7 };

/** The reports module's settings (REPORT_*), read through `config.section(cycleConfig)`. */
export const cycleConfig: ConfigSection<CycleSettings> = {
  name: 'reports-cycle',
  schema: z
    .object({
      REPORT_QUARTER_DEADLINE_DAYS: wholeSetting(1, 80, DEFAULT_CYCLE_SETTINGS.quarterDeadlineDays),
      REPORT_REMINDER_DAYS: wholeSetting(0, 60, DEFAULT_CYCLE_SETTINGS.reminderDays),
    })
    .transform((c) => ({ quarterDeadlineDays: c.REPORT_QUARTER_DEADLINE_DAYS, reminderDays: c.REPORT_REMINDER_DAYS })),
};

/** One round of filing: the yearly report of a year, or one group's report of a quarter. */
export interface Cycle {
  kind: 'quarterly' | 'yearly';
  year: number;
  quarter: number | null;
  group: ReportGroup | null;
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** Last day of quarter q of a year (YYYY-MM-DD). */
export const quarterEnd = (year: number, quarter: number) =>
  new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);

/** The deadline of a cycle, a Beijing calendar day (the report is on time when submitted on it). */
export function deadlineOf(cycle: Pick<Cycle, 'kind' | 'year' | 'quarter'>, settings: CycleSettings): string {
  if (cycle.kind === 'yearly') return `${cycle.year}-${YEARLY_DEADLINE}`;
  return addDays(quarterEnd(cycle.year, cycle.quarter!), settings.quarterDeadlineDays);
}

/** `yearly:2026`, `quarterly:2026:3:employment`. */
export function cycleName(cycle: Cycle): string {
  return cycle.kind === 'yearly' ? `yearly:${cycle.year}` : `quarterly:${cycle.year}:${cycle.quarter}:${cycle.group}`;
}

/** What makes a report the one of its cycle and region (held while submitted or accepted). */
export const cycleKey = (cycle: Cycle, regionCode: string) => `${cycleName(cycle)}:${regionCode}`;

/** Counties (6 digits) report to their city, cities (4) to the province; nothing else is filed here. */
export function filesTo(regionCode: string): string | null {
  return regionCode.length === 6 || regionCode.length === 4 ? regionCode.slice(0, -2) : null;
}

interface Actor {
  role: string;
  regionCode: string | null;
}

/** Submitting is the region's own officers' act: a county's officers file the county's report. */
export const maySubmit = (actor: Actor, regionCode: string) =>
  actor.role === 'officer' && actor.regionCode === regionCode && filesTo(regionCode) !== null;

/** Accepting or returning falls to the level the report goes to (admins act for any level). */
export const mayDecide = (actor: Actor, regionCode: string) =>
  actor.role === 'admin' || (actor.role === 'officer' && actor.regionCode === filesTo(regionCode));

/**
 * The reminder rounds open on a day: the yearly cycle in the `reminderDays` before 25 October, and
 * the last quarter's (all groups together) before its deadline. Deadline day included.
 */
export function reminderRounds(today: string, settings: CycleSettings) {
  const year = Number(today.slice(0, 4));
  const rounds: Array<{ name: string; dueOn: string; cycles: Cycle[] }> = [];
  const inWindow = (dueOn: string) => today <= dueOn && addDays(today, settings.reminderDays) >= dueOn;
  const yearly: Cycle = { kind: 'yearly', year, quarter: null, group: null };
  if (inWindow(deadlineOf(yearly, settings))) {
    rounds.push({ name: cycleName(yearly), dueOn: deadlineOf(yearly, settings), cycles: [yearly] });
  }
  // The quarter that ended last (Q4 of last year in the first quarter).
  const month = Number(today.slice(5, 7));
  const current = Math.ceil(month / 3);
  const [qYear, quarter] = current === 1 ? [year - 1, 4] : [year, current - 1];
  const dueOn = deadlineOf({ kind: 'quarterly', year: qYear, quarter }, settings);
  if (inWindow(dueOn)) {
    rounds.push({
      name: `quarterly:${qYear}:${quarter}`,
      dueOn,
      cycles: REPORT_GROUPS.map((group) => ({ kind: 'quarterly', year: qYear, quarter, group })),
    });
  }
  return rounds;
}

/** Whole days from one Beijing day to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY_MS);
