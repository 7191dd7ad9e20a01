import type { FastifyBaseLogger } from 'fastify';
import type { Notifier } from '../notifications/index.ts';
import type { ScheduledJob } from '../platform/scheduler.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { InsuranceSettings } from './insurance.config.ts';
import type { InsuranceRepository } from './insurance.repository.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Reminds each case's officer when it has had no step for INSURANCE_STALL_DAYS: one notice per case
 * and Beijing day (the case's `remindedOn` is claimed first, and the notice's dedupe key names the day).
 */
export async function remindStalledCases(
  repo: Pick<InsuranceRepository, 'stalled' | 'claimReminder'>,
  notifier: Notifier,
  settings: InsuranceSettings,
  now: Date,
): Promise<number> {
  const dayText = chinaDate(now)!;
  const day = new Date(`${dayText}T00:00:00Z`);
  const stalled = await repo.stalled(new Date(now.getTime() - settings.stallDays * DAY_MS), day);
  const drafts = [];
  for (const c of stalled) {
    if (!c.assignedToId || !(await repo.claimReminder(c.id, day))) continue;
    const days = Math.floor((now.getTime() - c.lastTransitionAt.getTime()) / DAY_MS);
    const kind = translate('zh-CN', `insurance.kinds.${c.kind}`);
    const state = translate('zh-CN', `insurance.states.${c.state}`);
    drafts.push({
      userId: c.assignedToId,
      kind: 'insurance_case' as const,
      title: `社保经办个案已${days}天未推进`,
      body: `${kind}个案（当前：${state}）已${days}天没有新的办理步骤，请跟进。`,
      link: `/insurance/cases/${c.id}`,
      data: {
        en: `${translate('en', `insurance.kinds.${c.kind}`)} case (now: ${translate('en', `insurance.states.${c.state}`)}) has had no step for ${days} days.`,
      },
      dedupeKey: `insurance_case_stalled:${c.id}:${dayText}`,
    });
  }
  return (await notifier.notify(drafts)).length;
}

export function insuranceJobs(
  repo: InsuranceRepository,
  notifier: Notifier,
  settings: InsuranceSettings,
  log: FastifyBaseLogger,
): ScheduledJob[] {
  return [
    {
      name: 'insurance.stalled-case-reminders',
      everyMs: HOUR_MS,
      async run(tick) {
        const sent = await remindStalledCases(repo, notifier, settings, tick?.dueAt ?? new Date());
        if (sent) log.info({ sent }, 'insurance: stalled-case reminders sent');
      },
    },
  ];
}
