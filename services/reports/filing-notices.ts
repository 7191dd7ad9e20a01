import type { Notifier } from '../notifications/index.ts';
import { filesTo } from './cycle.ts';
import type { FilingsRepository } from './filings.repository.ts';

interface FiledReport {
  id: string;
  title: string;
  regionCode: string;
  submittedById: string | null;
}

/** Tells the officers of the level above that a report awaits their review. */
export async function noticeToParents(repo: FilingsRepository, notifier: Notifier | undefined, row: FiledReport) {
  const parent = filesTo(row.regionCode);
  if (!notifier || !parent) return;
  const officers = await repo.officersOf([parent]);
  await notifier.notify(
    officers.map((o) => ({
      userId: o.id,
      kind: 'report_filing' as const,
      title: '下级报告已报送，待审核',
      body: `${row.title}已报送，请审核后接收或退回。`,
      link: `/reports/${row.id}`,
      data: { en: `${row.title} was submitted and awaits your review.` },
    })),
  );
}

/** Tells whoever submitted a report that it was accepted, or returned and why. */
export async function noticeOfDecision(
  notifier: Notifier | undefined,
  row: FiledReport,
  decision: 'accept' | 'return',
  why: string,
) {
  if (!notifier || !row.submittedById) return;
  const returned = decision === 'return';
  await notifier.notify([
    {
      userId: row.submittedById,
      kind: 'report_filing',
      title: returned ? '报告被退回' : '报告已接收',
      body: returned ? `${row.title}被退回：${why}` : `${row.title}已被上级接收。`,
      link: `/reports/${row.id}`,
      data: { en: returned ? `${row.title} was returned: ${why}` : `${row.title} was accepted.` },
    },
  ]);
}
