import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { succeeded } from '../../search-index/client.ts';
import { indexUid } from '../../search-index/indexes.ts';
import type { JobSnapshot } from '../../services/matching/job-snapshot.search.ts';
import { createMatcher } from '../../services/matching/matcher.ts';
import { createMatchingRepository } from '../../services/matching/matching.repository.ts';
import { createMatchingSearch } from '../../services/matching/matching.search.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const JOBS = 9_000;

/**
 * Meilisearch 1.21 answers a sorted document read past offset 8,000 with nothing, so a snapshot
 * read that way held only the 8,000 best-paid of 71,692 open jobs (and a person far from them got
 * no match in a push campaign). Here 9,000 open jobs, many paid alike: all are held, in the order
 * Meilisearch's own sorted search gives.
 */
describe('job snapshot over more than 8,000 open jobs', () => {
  let ctx: TestContext;
  let snapshot: JobSnapshot;

  beforeAll(async () => {
    ctx = await createTestContext();
    const published = Math.floor(Date.now() / 1000) - 86_400;
    const documents = Array.from({ length: JOBS }, (_, i) => ({
      id: `job-${String(i).padStart(5, '0')}`,
      docVersion: 'test',
      status: 'open',
      employerVerified: true,
      employerId: `employer-${i % 50}`,
      employerKind: 'enterprise',
      occupationCode: 'C03-001',
      skillCodes: [],
      regionCode: i % 2 ? '350821' : '350102',
      regionPrefixes: i % 2 ? ['35', '3508', '350821'] : ['35', '3501', '350102'],
      // 30 pay levels and 3 publication days: many ties, settled by Meilisearch's document order.
      wageMin: 3000,
      wageMax: 4000 + (i % 30) * 100,
      payBasis: 'monthly',
      headcount: 1,
      publishedAt: published - (i % 3) * 86_400,
      expiresAt: null,
    }));
    const index = ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'vacancies'));
    await succeeded(index.addDocuments(documents, { primaryKey: 'id' }), 120_000);
    const matcher = createMatcher({
      repo: createMatchingRepository(ctx.db),
      search: createMatchingSearch(ctx.meili, ctx.config.meili.indexPrefix),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
    });
    snapshot = (await matcher.jobSnapshot(100_000))!;
  }, 240_000);
  afterAll(() => ctx.close());

  it('holds every open job', () => {
    expect(snapshot.size).toBe(JOBS);
  });

  it("keeps Meilisearch's sorted order, ties included, past the 8,000th job", async () => {
    const index = ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'vacancies'));
    const fromSearch: string[] = [];
    // The search's own pages (maxTotalHits 5,000 a query): the two counties one after the other.
    for (const region of ['350102', '350821']) {
      const { hits } = await index.search('', {
        filter: [`regionPrefixes = "${region}"`],
        sort: ['wageMax:desc', 'publishedAt:desc'],
        attributesToRetrieve: ['id'],
        limit: 5_000,
      });
      fromSearch.push(...hits.map((hit) => hit.id as string));
    }
    const held = (region: string) =>
      snapshot
        .jobs()
        .filter((job) => job.prefixes.has(region))
        .map((job) => job.id);
    expect([...held('350102'), ...held('350821')]).toEqual(fromSearch);
  });
});
