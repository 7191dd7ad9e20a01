import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed/demo.ts';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import { createMatcher, type Matcher } from '../../services/matching/matcher.ts';
import { createMatchingRepository, type PersonRow } from '../../services/matching/matching.repository.ts';
import { createMatchingSearch, type MatchingSearch } from '../../services/matching/matching.search.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { buildVacancy } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * One person's matches from the open jobs held in memory (MATCHING_SNAPSHOT_MAX): the same
 * ranking as a Meilisearch search per request, used only while the index has not changed since
 * the jobs were read, so a job posted a moment ago is never missing.
 */
describe('matches from the open jobs in memory', () => {
  let ctx: TestContext;
  let live: Matcher;
  let plain: Matcher;
  let searched = 0;
  let people: PersonRow[];
  const at = new Date();

  const ranking = async (matcher: Matcher, row: PersonRow) =>
    (await matcher.jobsFor(row, 10)).matches.map((m) => [m.item.id, m.score.toFixed(6)]);

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.db, { employers: 20, vacancies: 400, labourers: 60, piiKey: ctx.config.piiKey });
    await ctx.drain.drainAll();
    const repo = createMatchingRepository(ctx.db);
    const real = createMatchingSearch(ctx.meili, ctx.config.meili.indexPrefix);
    // The real search, counted: a person's matches answered from memory send no search.
    const counted: MatchingSearch = {
      ...real,
      jobs: (...args) => {
        searched += 1;
        return real.jobs(...args);
      },
    };
    const reference = () => ReferenceNames.load(createReferenceRepository(ctx.db));
    live = createMatcher({ repo, search: counted, reference, now: () => at, liveSnapshotMax: 10_000 });
    plain = createMatcher({ repo, search: real, reference, now: () => at });
    const ids = await ctx.db.labourer.findMany({ where: { wantsJob: true }, select: { id: true }, take: 25 });
    people = await repo.people(ids.map((l) => l.id));
  });
  afterAll(() => ctx.close());

  it('searches while nothing is held, then answers from memory with the same rankings', async () => {
    const first = await ranking(live, people[0]!);
    expect(searched).toBe(1);
    await live.liveSnapshotSettled();
    const rankedSomething = [];
    for (const row of people) {
      const fromMemory = await ranking(live, row);
      expect(fromMemory).toEqual(await ranking(plain, row));
      rankedSomething.push(fromMemory.length > 0);
    }
    expect(searched).toBe(1);
    expect(await ranking(live, people[0]!)).toEqual(first);
    expect(rankedSomething.filter(Boolean).length).toBeGreaterThanOrEqual(8);
  });

  it('searches again once the index has changed, so a job posted a moment ago is in the matches', async () => {
    const row = people.find((p) => p.desiredOccupations.length > 0)!;
    const employer = await ctx.db.employer.findFirstOrThrow({ where: { verifiedAt: { not: null } } });
    const posted = await ctx.db.vacancy.create({
      data: {
        ...buildVacancy(employer.id, {
          regionCode: row.regionCode.slice(0, 6),
          occupationCode: row.desiredOccupations[0]!,
          wageMin: 30_000,
          wageMax: 31_000,
        }),
        status: 'open',
        publishedAt: at,
      },
    });
    await enqueueIndexing(ctx.db, 'vacancies', [posted.id]);
    await ctx.drain.drainAll();
    const before = searched;
    const after = await ranking(live, row);
    expect(searched).toBe(before + 1);
    expect(after.map(([id]) => id)).toContain(posted.id);
    expect(after).toEqual(await ranking(plain, row));
  });
});
