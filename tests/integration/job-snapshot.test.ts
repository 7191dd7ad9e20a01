import type { MultiSearchQuery } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed/demo.ts';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import { type CandidateQuery, candidateQueries, toMeiliQuery } from '../../services/matching/jobs.search.ts';
import type { JobSnapshot } from '../../services/matching/job-snapshot.search.ts';
import { createMatcher } from '../../services/matching/matcher.ts';
import { type Matcher } from '../../services/matching/matcher.ts';
import { createMatchingRepository } from '../../services/matching/matching.repository.ts';
import type { Taxonomy } from '../../services/matching/taxonomy.ts';
import type { PersonProfile } from '../../services/matching/types.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { buildVacancy } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { createMatchingSearch } from '../../services/matching/matching.search.ts';

/**
 * A push campaign answers its candidate queries from a snapshot of the open jobs instead of asking
 * Meilisearch each one. The two must agree exactly: same jobs, same order (ties in pay included),
 * for every query of every person of a demo province.
 */
describe('job snapshot', () => {
  let ctx: TestContext;
  let matcher: Matcher;
  let tax: Taxonomy;
  let people: PersonProfile[];
  let snapshot: JobSnapshot;
  const at = new Date();

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.db, { employers: 60, vacancies: 1500, labourers: 300, piiKey: ctx.config.piiKey });
    // Jobs in a partner area (固原), so people with partner_region mobility have an area of two prefixes.
    const employer = await ctx.db.employer.findFirstOrThrow({ where: { verifiedAt: { not: null } } });
    const partnerJobs = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        ctx.db.vacancy.create({
          data: {
            ...buildVacancy(employer.id, { regionCode: i % 2 ? '640402' : '640422', wageMax: 20_000 + (i % 2) * 500 }),
            status: 'open',
            publishedAt: at,
          },
        }),
      ),
    );
    await enqueueIndexing(
      ctx.db,
      'vacancies',
      partnerJobs.map((v) => v.id),
    );
    await ctx.drain.drainAll();
    const repo = createMatchingRepository(ctx.db);
    matcher = createMatcher({
      repo,
      search: createMatchingSearch(ctx.meili, ctx.config.meili.indexPrefix),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
      partnerRegions: () => ['6404'],
      now: () => at,
    });
    tax = await matcher.taxonomy();
    const rows = await repo.people((await ctx.db.labourer.findMany({ select: { id: true } })).map((l) => l.id));
    people = rows.map((row) => matcher.profileOf(row, tax, at));
    snapshot = (await matcher.jobSnapshot(100_000))!;
  });
  afterAll(() => ctx.close());

  async function fromMeilisearch(queries: CandidateQuery[]): Promise<string[][]> {
    const searches: MultiSearchQuery[] = queries.map((q) => toMeiliQuery(q, at, ctx.config.meili.indexPrefix));
    const answers: string[][] = [];
    for (let i = 0; i < searches.length; i += 200) {
      const { results } = await ctx.meili.multiSearch<{ queries: MultiSearchQuery[] }, { id: string }>({
        queries: searches.slice(i, i + 200),
      });
      answers.push(...results.map((r) => r.hits.map((hit) => hit.id)));
    }
    return answers;
  }

  it('holds exactly the open jobs of verified employers that have not expired', async () => {
    const open = await ctx.db.vacancy.count({
      where: {
        status: 'open',
        employer: { verifiedAt: { not: null } },
        OR: [{ expiresAt: null }, { expiresAt: { gt: at } }],
      },
    });
    expect(open).toBeGreaterThan(300);
    expect(open).toBeLessThan(await ctx.db.vacancy.count());
    expect(snapshot.size).toBe(open);
  });

  it('answers every candidate query of every person as Meilisearch does, in the same order', async () => {
    const queries = people.flatMap((person) => candidateQueries(person, tax));
    const expected = await fromMeilisearch(queries);
    const actual = queries.map((q) => snapshot.search(q, at).map((job) => job.id));
    const differing = queries.filter((_, i) => JSON.stringify(actual[i]) !== JSON.stringify(expected[i]));
    expect(differing).toEqual([]);
    // Every kind of query was asked, and hundreds found something (so equal answers are not all empty).
    const count = (test: (q: CandidateQuery) => boolean) => queries.filter(test).length;
    expect(count((q) => q.strong !== undefined)).toBeGreaterThan(100);
    expect(count((q) => q.related !== undefined)).toBeGreaterThan(50);
    expect(count((q) => q.outside !== undefined)).toBeGreaterThan(50);
    expect(count((q) => (q.rules.area?.length ?? 0) > 1)).toBeGreaterThan(5);
    expect(count((q) => q.rules.area === null)).toBeGreaterThan(5);
    expect(count((q) => q.rules.hardToEmploy)).toBeGreaterThan(20);
    expect(expected.filter((ids) => ids.length > 0).length).toBeGreaterThan(300);
    expect(expected.some((ids) => ids.length === 25)).toBe(true);
  });

  it('agrees beyond the limits too, where ties in pay are many', async () => {
    const queries = people
      .slice(0, 120)
      .flatMap((person) => candidateQueries(person, tax).map((q) => ({ ...q, limit: 400 })));
    const expected = await fromMeilisearch(queries);
    const actual = queries.map((q) => snapshot.search(q, at).map((job) => job.id));
    expect(actual).toEqual(expected);
    expect(expected.some((ids) => ids.length > 100)).toBe(true);
  });

  it('reaches jobs in a partner area only for people whose area includes it', async () => {
    const partnerJobs = await ctx.db.vacancy.findMany({ where: { regionCode: { startsWith: '64' } } });
    const reached = (mobility: PersonProfile['mobility']) => {
      const person = { ...people[0]!, mobility, age: 30, desiredOccupations: ['C03-001'], partnerRegions: ['6404'] };
      const found = new Set(candidateQueries(person, tax).flatMap((q) => snapshot.search(q, at).map((job) => job.id)));
      return partnerJobs.filter((job) => found.has(job.id)).length;
    };
    expect(reached('partner_region')).toBe(4);
    expect(reached('anywhere')).toBe(4);
    expect(reached('province')).toBe(0);
  });

  it('is not taken when the open jobs are more than the campaign would hold', async () => {
    expect(await matcher.jobSnapshot(10)).toBeNull();
  });
});
