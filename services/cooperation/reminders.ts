import { chinaDate } from '../platform/time/china-time.ts';
import type { Notifier } from '../notifications/index.ts';
import type { CooperationRepository } from './cooperation.repository.ts';
import { calendarDay } from './follow-ups.ts';

/**
 * Tells officers that follow-ups fell due: one notice per officer per day with the count, to every
 * officer whose region covers the batch's destination or the agreement's home side. A follow-up is
 * reminded once (remindedAt); the day's dedupe key keeps a second run that day from repeating.
 */
export async function remindDueFollowUps(repo: CooperationRepository, notifier: Notifier, now: Date) {
  const due = await repo.dueFollowUps(calendarDay(now), '', { unreminded: true });
  if (!due.length) return { followUps: 0, notices: 0 };
  const officers = await repo.officers();
  const counts = new Map<string, number>();
  for (const followUp of due) {
    const places = [followUp.member.batch.toRegionCode, followUp.member.batch.agreement?.homeRegionCode ?? ''];
    for (const officer of officers) {
      const scope = officer.regionCode!;
      if (places.some((place) => place && place.startsWith(scope))) {
        counts.set(officer.id, (counts.get(officer.id) ?? 0) + 1);
      }
    }
  }
  const today = chinaDate(now)!;
  const stored = await notifier.notify(
    [...counts].map(([userId, count]) => ({
      userId,
      kind: 'follow_up_due' as const,
      title: '劳务输出人员就业回访到期',
      body: `有 ${count} 条转移就业人员的回访已到期，请及时记录在岗、换岗或返乡情况。`,
      link: '/cooperation/follow-ups',
      data: { count, en: `${count} employment follow-ups of transferred labourers are due.` },
      dedupeKey: `follow_up_due:${userId}:${today}`,
    })),
  );
  await repo.markReminded(
    due.map((f) => f.id),
    now,
  );
  return { followUps: due.length, notices: stored.length };
}
