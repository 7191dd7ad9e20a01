import type { FastifyBaseLogger } from 'fastify';
import type { Notifier } from '../notifications/index.ts';
import type { ScheduledJob } from '../platform/scheduler.ts';
import type { CycleSettings } from './cycle.ts';
import type { FilingsRepository } from './filings.repository.ts';
import { remindDeadlines } from './reminders.ts';
import type { IndicatorsRepository } from './indicators.repository.ts';
import { monthsEndingAt, today } from './period.ts';
import { fillFlowSnapshots, fillSnapshots, refreshMonth } from './snapshots.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Month-end stocks and monthly event counts of the last two years' completed months, so trends and
 * period totals read a few hundred rows instead of the whole history. Months already stored are
 * skipped; the month just past is recounted each run, for events entered late.
 */
export const reportsJobs = (repo: IndicatorsRepository, log: FastifyBaseLogger): ScheduledJob[] => [
  {
    name: 'reports.indicator-snapshots',
    everyMs: 6 * HOUR_MS,
    run: async () => {
      const current = `${today().slice(0, 7)}-01`;
      const months = monthsEndingAt(current, 25).filter((m) => m < current);
      await refreshMonth(repo, months.at(-1)!);
      const filled = [...(await fillSnapshots(repo, months)), ...(await fillFlowSnapshots(repo, months))];
      if (filled.length) log.info({ months: [...new Set(filled)] }, 'reports: indicator snapshots filled');
    },
  },
];

/**
 * Deadline reminders of the reporting cycle, hourly: a run inside a reminder window notifies the
 * officers of each region that has not filed, once per region and round. The tick's due time is
 * the clock (a test passes its own).
 */
export const filingsJobs = (deps: {
  repo: FilingsRepository;
  notifier: Notifier;
  settings: CycleSettings;
  log: FastifyBaseLogger;
}): ScheduledJob[] => [
  {
    name: 'reports.deadline-reminders',
    everyMs: HOUR_MS,
    run: async (tick) => {
      const sent = await remindDeadlines(deps.repo, deps.notifier, deps.settings, tick?.dueAt ?? new Date());
      if (sent.regions) deps.log.info(sent, 'reports: deadline reminders sent');
    },
  },
];
