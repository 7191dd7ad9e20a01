import type { FastifyBaseLogger } from 'fastify';
import type { Notifier } from '../notifications/index.ts';
import type { ScheduledJob } from '../platform/scheduler.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import type { GraduateRules } from './graduate-settings.ts';
import type { PairingsRepository } from './pairings.repository.ts';
import { thisYear } from './graduates.service.ts';

const DAY_MS = 86_400_000;

/**
 * Reminds matchmakers of pairings with no contact for `reminderDays`: one notice per matchmaker per
 * Beijing day (the dedupe key makes a second run that day send nothing), naming how many are quiet.
 */
export async function remindQuietPairings(
  repo: PairingsRepository,
  notifier: Notifier,
  rules: GraduateRules,
  now: Date,
) {
  const quiet = await repo.quiet(new Date(now.getTime() - rules.reminderDays * DAY_MS));
  const counts = new Map<string, number>();
  for (const pairing of quiet) counts.set(pairing.matchmakerId, (counts.get(pairing.matchmakerId) ?? 0) + 1);
  const today = chinaDate(now)!;
  const stored = await notifier.notify(
    [...counts].map(([userId, count]) => ({
      userId,
      kind: 'follow_up_due' as const,
      title: '就业红娘：结对毕业生待联系',
      body: `您结对帮扶的 ${count} 名毕业生已超过 ${rules.reminderDays} 天没有联系记录，请尽快联系并记录。`,
      link: '/matchmaker/pairings',
      data: { count, en: `${count} graduates you are paired with have had no contact for ${rules.reminderDays} days.` },
      dedupeKey: `pairing_quiet:${userId}:${today}`,
    })),
  );
  return { pairings: quiet.length, notices: stored.length };
}

export const graduatesJobs = (deps: {
  repo: PairingsRepository;
  notifier: Notifier;
  rules: GraduateRules;
  log: FastifyBaseLogger;
}): ScheduledJob[] => [
  {
    name: 'graduates.pairing-reminders',
    everyMs: 60 * 60_000,
    run: async () => {
      const now = new Date();
      // A graduation year's pairings end with the year (plan §5(4): 毕业年度离校未就业).
      const ended = await deps.repo.endYearOver(thisYear(now), now);
      const sent = await remindQuietPairings(deps.repo, deps.notifier, deps.rules, now);
      if (ended.count || sent.notices) deps.log.info({ ...sent, yearOver: ended.count }, 'graduates: pairings checked');
    },
  },
];
