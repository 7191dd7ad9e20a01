import type { Meilisearch } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';
import { JobSnapshot } from './job-snapshot.search.ts';
import { searchJobs, searchJobsMany } from './jobs.search.ts';
import { searchPeople } from './people.search.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { JobFacts, PersonProfile } from './types.ts';

/**
 * Matching's search seam: the engine asks Meilisearch for candidates only through this object
 * (jobs for a person, jobs for many, people for a job, the open jobs in memory), built by the
 * module's wiring from the client and the index prefix.
 */
export function createMatchingSearch(meili: Meilisearch, indexPrefix: string) {
  return {
    jobs: (person: PersonProfile, taxonomy: Taxonomy, now: Date) =>
      searchJobs(meili, indexPrefix, person, taxonomy, now),
    jobsMany: (
      people: readonly PersonProfile[],
      taxonomy: Taxonomy,
      now: Date,
      options: Parameters<typeof searchJobsMany>[5],
    ) => searchJobsMany(meili, indexPrefix, people, taxonomy, now, options),
    people: (job: JobFacts, taxonomy: Taxonomy, partnerRegions: (p: { regionCode: string }) => string[]) =>
      searchPeople(meili, indexPrefix, job, taxonomy, partnerRegions),
    snapshot: (taxonomy: Taxonomy, now: Date, max: number) => JobSnapshot.load(meili, indexPrefix, taxonomy, now, max),
    /** The vacancy index's version: its `updatedAt`, changed by every write Meilisearch has applied. */
    jobsVersion: async () => (await meili.index(indexUid(indexPrefix, 'vacancies')).getRawInfo()).updatedAt.toString(),
  };
}

export type MatchingSearch = ReturnType<typeof createMatchingSearch>;
