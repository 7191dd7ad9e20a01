import type { FastifyBaseLogger } from 'fastify';
import type { Notifier } from '../notifications/index.ts';
import type { ScheduledJob } from '../platform/scheduler.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import type { GraduateRules } from './graduate-settings.ts';
import type { GraduatesRepository } from './graduates.repository.ts';
import type { PairingsRepository } from './pairings.repository.ts';
import { thisYear, todayIn } from './graduates.service.ts';

const DAY_MS = 86_400_000;
/** Graduates moved per transaction: each batch is a few statements, never one long transaction. */
const LEAVING_BATCH = 200;

/**
 * In-school graduates whose day of leaving school (Graduate.leftSchoolOn: the list's or officer's
 * day, else GRADUATE_LEAVING_DAY of the graduation year) has come in Beijing become "left without
 * work" as of that day (plan §5(4): 毕业年度离校未就业), so "pair all" finds them. Only in_school
 * moves: employed, started_business and further_study stay. A second run finds nothing to move.
 */
export async function moveLeavers(repo: GraduatesRepository, now: Date, batch = LEAVING_BATCH) {
  const today = todayIn(now);
  let moved = 0;
  for (;;) {
    const due = await repo.leavingDue(today, batch);
    if (!due.length) return { moved };
    const done = await repo.markLeftSchool(due, 'left_school');
    moved += done;
    // Every row of a full batch leaves in_school (moved, or changed by someone meanwhile): the next
    // query sees new rows. A short batch was the last.
    if (due.length < batch) return { moved };
  }
}

/**
 * Reminds matchmakers of pairings with no contact for `reminderDays`: one notice per matchmaker per
 * Beijing day (the dedupe key makes a second run that day send nothing), naming how many are quiet.
 */
export async function remindQuietPairings(
  repo: PairingsRepository,
  notifier: Notifier,
  rules: Pick<GraduateRules, 'reminderDays'>,
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
  graduates: GraduatesRepository;
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
      const left = await moveLeavers(deps.graduates, now);
      // A graduation year's pairings end with the year (plan §5(4): 毕业年度离校未就业).
      const ended = await deps.repo.endYearOver(thisYear(now), now);
      const sent = await remindQuietPairings(deps.repo, deps.notifier, deps.rules, now);
      if (left.moved || ended.count || sent.notices)
        deps.log.info(
          { ...sent, leftSchool: left.moved, yearOver: ended.count },
          'graduates: statuses and pairings checked',
        );
    },
  },
];
