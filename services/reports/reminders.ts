import type { Notifier } from '../notifications/index.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { type CycleSettings, daysBetween, reminderRounds } from './cycle.ts';
import type { FilingsRepository } from './filings.repository.ts';
import { HOME_PROVINCE } from './indicators.service.ts';

const groupName = (locale: string, group: string) => translate(locale, `reports.groups.${group}`);

/**
 * Reminds the officers of every county and city that has not filed a report due within the
 * reminder window (REPORT_REMINDER_DAYS before the deadline, the deadline day included): one notice
 * per officer per region and round, sent once — the round's row per region is claimed first.
 */
export async function remindDeadlines(repo: FilingsRepository, notifier: Notifier, settings: CycleSettings, now: Date) {
  const today = chinaDate(now)!;
  let regions = 0;
  let notices = 0;
  for (const round of reminderRounds(today, settings)) {
    const filing = await repo.filingRegions(HOME_PROVINCE);
    const held = await Promise.all(
      round.cycles.map(async (cycle) => {
        const rows = await repo.cycleReports(cycle, HOME_PROVINCE);
        const codes = new Set(
          rows.filter((r) => r.status === 'submitted' || r.status === 'accepted').map((r) => r.regionCode),
        );
        return { cycle, codes };
      }),
    );
    const outstanding = filing
      .map((region) => ({ region, missing: held.filter((h) => !h.codes.has(region.code)).map((h) => h.cycle) }))
      .filter((o) => o.missing.length > 0);
    if (!outstanding.length) continue;
    const officers = await repo.officersOf(outstanding.map((o) => o.region.code));
    const claimed = new Set(
      (
        await repo.claimReminders(
          outstanding.map((o) => ({
            cycle: round.name,
            regionCode: o.region.code,
            dueOn: new Date(`${round.dueOn}T00:00:00Z`),
            recipients: officers.filter((u) => u.regionCode === o.region.code).length,
          })),
        )
      ).map((r) => r.regionCode),
    );
    const left = daysBetween(today, round.dueOn);
    const drafts = outstanding
      .filter((o) => claimed.has(o.region.code))
      .flatMap(({ region, missing }) => {
        const first = missing[0]!;
        const yearly = first.kind === 'yearly';
        const what = yearly
          ? `${first.year}年度人力资源和社会保障扶贫工作情况报告`
          : `${first.year}年第${first.quarter}季度进展报告（${missing.map((c) => groupName('zh-CN', c.group!)).join('、')}）`;
        const whatEn = yearly
          ? `the ${first.year} yearly report`
          : `the Q${first.quarter} ${first.year} reports (${missing.map((c) => groupName('en', c.group!)).join(', ')})`;
        const query = yearly
          ? `kind=yearly&year=${first.year}`
          : `kind=quarterly&year=${first.year}&quarter=${first.quarter}`;
        return officers
          .filter((u) => u.regionCode === region.code)
          .map((u) => ({
            userId: u.id,
            kind: 'report_filing' as const,
            title: `报告报送截止日 ${round.dueOn}`,
            body: `${region.name}${what}尚未报送，请于${round.dueOn}前报送（还有${left}天）。`,
            link: `/reports/filings?${query}`,
            data: { en: `${region.nameEn}: ${whatEn} not submitted yet, due ${round.dueOn} (${left} days left).` },
            dedupeKey: `report_filing:${round.name}:${region.code}:${u.id}`,
          }));
      });
    regions += claimed.size;
    notices += (await notifier.notify(drafts)).length;
  }
  return { regions, notices };
}
