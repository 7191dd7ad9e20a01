import { brokenRules } from './hard-rules.ts';
import type { Matcher } from './matcher.ts';
import type { MatchingRepository } from './matching.repository.ts';
import type { Ranked } from './rerank.ts';
import type { JobFacts, PersonProfile } from './types.ts';

export interface BatchOptions {
  limit?: number;
  /** Candidate requests to Meilisearch in flight at once. */
  concurrency?: number;
  /** Queries sent to Meilisearch in one request. */
  perRequest?: number;
  pageSize?: number;
  /** Stop after this many people. */
  max?: number;
  /** Open jobs up to which the candidate queries are answered from a snapshot in memory (0: search each). */
  snapshotMax?: number;
  onResult?: (person: PersonProfile, matches: Ranked<JobFacts>[]) => void;
}

type Page = Awaited<ReturnType<typeof loadPage>>;

async function loadPage(repo: MatchingRepository, after: { regionCode: string; id: string } | null, take: number) {
  if (take <= 0) return { rows: [], signals: null };
  const rows = await repo.willingPage(after, take);
  return { rows, signals: rows.length ? await repo.personSignals(rows.map((r) => r.id)) : null };
}

/**
 * Ranks every person who wants work, page by page (people of one place together), for pushing
 * jobs. A page's candidate queries are answered together, each distinct query once, from a
 * snapshot of the open jobs (as push campaigns do) or by Meilisearch; the database works
 * alongside: the next page is read and the previous page's matches are confirmed (one light read)
 * while the current page's candidates are found.
 */
export async function rankEveryoneWilling(matcher: Matcher, repo: MatchingRepository, options: BatchOptions = {}) {
  const limit = options.limit ?? 10;
  const concurrency = options.concurrency ?? 4;
  const perRequest = options.perRequest ?? 40;
  const pageSize = options.pageSize ?? 500;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const tax = await matcher.taxonomy();
  const at = matcher.now();
  const snapshotMax = options.snapshotMax ?? 200_000;
  const snapshot = snapshotMax > 0 ? await matcher.jobSnapshot(snapshotMax) : null;
  let people = 0;
  let confirming: Promise<void> = Promise.resolve();
  let next: Promise<Page> = loadPage(repo, null, Math.min(pageSize, max));

  async function confirm(ranked: Array<{ person: PersonProfile; head: Ranked<JobFacts>[] }>) {
    const ids = [...new Set(ranked.flatMap((r) => r.head.map((m) => m.item.id)))];
    const states = new Map((await repo.vacancyStates(ids)).map((state) => [state.id, state]));
    for (const { person, head } of ranked) {
      const valid = head.filter((m) => {
        const state = states.get(m.item.id);
        return state !== undefined && brokenRules(person, state, at, tax).length === 0;
      });
      options.onResult?.(person, valid.slice(0, limit));
    }
  }

  for (;;) {
    const { rows, signals } = await next;
    if (rows.length === 0 || !signals) break;
    people += rows.length;
    const last = rows.at(-1)!;
    next = loadPage(repo, { regionCode: last.regionCode, id: last.id }, Math.min(pageSize, max - people));
    const page = rows.map((row) => ({
      person: matcher.profileOf(row, tax, at),
      feedback: matcher.feedbackOf(row.id, signals),
    }));
    const heads = await matcher.rankedCandidatesMany(page, limit, { tax, at, perRequest, concurrency, snapshot });
    const ranked = page.map(({ person }, i) => ({ person, head: heads[i]! }));
    await confirming;
    confirming = confirm(ranked);
  }
  await confirming;
  return { people };
}
