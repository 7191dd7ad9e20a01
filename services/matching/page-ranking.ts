import type { JobSnapshot } from './job-snapshot.search.ts';
import { mergeAnswers, snapshotAnswers } from './jobs.search.ts';
import { type Ranked, rankJobs } from './rerank.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { Crowding, EmployerRecord, JobFacts, PersonFeedback, PersonProfile } from './types.ts';
import { CANDIDATE_STAGE } from './weights.ts';

/** A person of a batch ranking, with what they said of jobs and where they applied. */
export interface PersonToRank {
  person: PersonProfile;
  feedback: PersonFeedback & { applied: ReadonlySet<string> };
}

/** What ranks every person of a batch alike. */
export interface RankingContext {
  tax: Taxonomy;
  at: Date;
  records: ReadonlyMap<string, EmployerRecord>;
  crowding: ReadonlyMap<string, Crowding>;
}

/**
 * Ranks one person's candidates and answers the head to confirm against the database: the
 * first `limit` and a few spare. The one ranking rule of batch work, in the app's thread and in
 * the ranking workers alike (ranking-worker.ts), so both give the same order.
 */
export function rankCandidates(
  { person, feedback }: PersonToRank,
  found: readonly JobFacts[],
  limit: number,
  context: RankingContext,
): Ranked<JobFacts>[] {
  // Jobs the person already applied to are followed up in "my applications", not offered again.
  const jobs = found.filter((job) => !feedback.applied.has(job.id));
  const ranked = rankJobs(person, jobs, {
    taxonomy: context.tax,
    now: context.at,
    feedback,
    records: context.records,
    crowding: context.crowding,
  });
  return ranked.slice(0, limit + CANDIDATE_STAGE.hydrateSpare);
}

/** One person's candidates from a snapshot of the open jobs (its query answers kept in `found`). */
export function snapshotCandidates(
  person: PersonProfile,
  context: Pick<RankingContext, 'tax' | 'at'>,
  snapshot: JobSnapshot,
  found: Map<string, JobFacts[]>,
): JobFacts[] {
  return mergeAnswers(snapshotAnswers(person, context.tax, context.at, snapshot, found), found);
}
