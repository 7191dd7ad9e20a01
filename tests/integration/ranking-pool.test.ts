import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed/demo.ts';
import type { JobSnapshot } from '../../services/matching/job-snapshot.search.ts';
import { createMatchingApi, type MatchingApi } from '../../services/matching/matching.api.ts';
import { createMatcher, type Matcher } from '../../services/matching/matcher.ts';
import { createMatchingRepository, type PersonRow } from '../../services/matching/matching.repository.ts';
import { createMatchingSearch } from '../../services/matching/matching.search.ts';
import { createRankingPool, type RankingPool } from '../../services/matching/ranking-pool.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * Push campaigns rank in worker threads (RANKING_THREADS). On a demo province (200 people, 800
 * vacancies) the workers must give the same answers as ranking in the app's thread: the same
 * jobs in the same order with the same scores and reasons, from the snapshot and from Meilisearch.
 */
describe('batch ranking in worker threads', () => {
  let ctx: TestContext;
  let pool: RankingPool;
  let inThread: { matcher: Matcher; api: MatchingApi };
  let inWorkers: { matcher: Matcher; api: MatchingApi };
  let rows: PersonRow[];
  let snapshot: JobSnapshot;
  const at = new Date();

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.db, { employers: 40, vacancies: 800, labourers: 200, piiKey: ctx.config.piiKey });
    await ctx.drain.drainAll();
    const repo = createMatchingRepository(ctx.db);
    const reference = ReferenceNames.load(createReferenceRepository(ctx.db));
    pool = createRankingPool(2);
    const engine = (withPool: RankingPool | undefined) => {
      const matcher = createMatcher({
        repo,
        search: createMatchingSearch(ctx.meili, ctx.config.meili.indexPrefix),
        reference: () => reference,
        partnerRegions: () => ['6404'],
        now: () => at,
        pool: withPool,
      });
      return { matcher, api: createMatchingApi(matcher, repo) };
    };
    inThread = engine(undefined);
    inWorkers = engine(pool);
    rows = await repo.people((await ctx.db.labourer.findMany({ select: { id: true } })).map((l) => l.id));
    snapshot = (await inThread.matcher.jobSnapshot(100_000))!;
  }, 600_000);
  afterAll(async () => {
    await pool?.close();
    await ctx?.close();
  });

  const search = () => ({ at, perRequest: 40, concurrency: 4, cache: new Map() });

  it('pushes the same jobs with the same scores and reasons, from the snapshot', async () => {
    const expected = await inThread.api.rankJobsForPeople(rows, 10, { ...search(), snapshot });
    const got = await inWorkers.api.rankJobsForPeople(rows, 10, { ...search(), snapshot });
    expect(expected.filter((p) => p.matches.length > 0).length).toBeGreaterThan(60);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
    expect(pool.workers.length).toBe(2);
  });

  it('ranks the same candidates the same, when Meilisearch answers the queries', async () => {
    const tax = await inThread.matcher.taxonomy();
    const signals = await createMatchingRepository(ctx.db).personSignals(rows.map((r) => r.id));
    const page = (matcher: Matcher) =>
      rows.slice(0, 120).map((row) => ({
        person: matcher.profileOf(row, tax, at),
        feedback: matcher.feedbackOf(row.id, signals),
      }));
    const expected = await inThread.matcher.rankedCandidatesMany(page(inThread.matcher), 10, { tax, ...search() });
    const got = await inWorkers.matcher.rankedCandidatesMany(page(inWorkers.matcher), 10, { tax, ...search() });
    expect(expected.flat().length).toBeGreaterThan(300);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
  });
});
