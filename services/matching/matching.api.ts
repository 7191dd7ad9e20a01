import { mapInSlices } from '../platform/background.ts';
import { brokenRules } from './hard-rules.ts';
import type { JobSnapshot } from './job-snapshot.search.ts';
import type { Matcher } from './matcher.ts';
import type { MatchingRepository, PersonRow } from './matching.repository.ts';
import { explainNoMatch, type NoMatchExplanation } from './no-match-reason.ts';
import { explain } from './reasons.ts';
import { type Ranked, rankJobs } from './rerank.ts';
import type { PayBasis } from '../platform/database/generated/enums.ts';
import type { JobFacts, Lang, PersonProfile, Reason } from './types.ts';

/** How a batch ranking searches: the time it ranks at, and how it asks Meilisearch (or a snapshot). */
export interface BatchSearch {
  at: Date;
  /** Candidate queries sent to Meilisearch in one request. */
  perRequest: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Query results kept between calls of one batch run. */
  cache?: Map<string, JobFacts[]> | undefined;
  /** Open jobs held in memory: candidate queries are answered without searching. */
  snapshot?: JobSnapshot | null | undefined;
}

/** A person's ranked jobs, every one confirmed against the database's hard rules. */
export interface PersonJobs {
  person: PersonProfile;
  matches: Ranked<JobFacts>[];
}

/** One of a set of vacancies ranked for a person, with what a slip shows of it. */
export interface RankedVacancy {
  vacancy: {
    id: string;
    title: string;
    employerId: string;
    employerName: string;
    wageMin: number;
    wageMax: number;
    payBasis: PayBasis;
  };
  score: number;
  /** Why it ranks where it does, in the person's words; `good` for what speaks for it. */
  reasons: Array<Reason & { good: boolean }>;
}

/**
 * What other modules ask of matching (push campaigns, fairs): ranking jobs for people, ranking
 * people for jobs, a snapshot of the open jobs for batch work, and why someone has no match.
 * The engine's parts (searches, re-rank, hard rules, repository) stay inside the module.
 */
export interface MatchingApi {
  /** The clock matching ranks by. */
  now(): Date;
  /** People under a region prefix who want work, a page at a time in (region, id) order. */
  willingPeople(after: { regionCode: string; id: string } | null, take: number, prefix: string): Promise<PersonRow[]>;
  /** People by id, as matching reads them (erased and unwilling people included: the caller decides). */
  people(ids: string[]): Promise<PersonRow[]>;
  /**
   * Jobs for many people at once, in the order given: each person's best `keep` candidates (jobs
   * they applied to left out), confirmed against the database's hard rules.
   */
  rankJobsForPeople(rows: PersonRow[], keep: number, search: BatchSearch): Promise<PersonJobs[]>;
  /** The open jobs in memory for a batch ranking; null above `max` jobs (search query by query then). */
  jobSnapshot(max: number): Promise<JobSnapshot | null>;
  /** Reads the open jobs into memory for one person's matches now (MATCHING_SNAPSHOT_MAX), and waits. */
  holdOpenJobs(): Promise<void>;
  /** Why people with no match have none: the first hard rule that leaves nothing in their area. */
  explainNoMatch(people: readonly PersonProfile[], at: Date): Promise<Map<string, NoMatchExplanation>>;
  /** The best people for each vacancy (ids), as an officer would see them, best first. */
  rankPeopleForVacancies(
    vacancyIds: string[],
    limit: number,
  ): Promise<Array<{ vacancyId: string; labourerIds: string[] }>>;
  /**
   * The given vacancies ranked among themselves for one person (no search, no hard rules: a fair
   * shows its own jobs), with reasons for the person; null when the person is not in the registry.
   */
  rankVacanciesFor(labourerId: string, vacancyIds: string[], lang: Lang, at: Date): Promise<RankedVacancy[] | null>;
}

/** The module's API over the engine it shares with its own routes and pages. */
export function createMatchingApi(matcher: Matcher, repo: MatchingRepository): MatchingApi {
  return {
    now: () => matcher.now(),
    willingPeople: (after, take, prefix) => repo.willingPage(after, take, prefix),
    people: (ids) => repo.people(ids),
    jobSnapshot: (max) => matcher.jobSnapshot(max),
    holdOpenJobs: () => matcher.holdOpenJobs(),
    explainNoMatch: (people, at) => explainNoMatch(repo, people, at),

    async rankJobsForPeople(rows, keep, search) {
      const [tax, signals] = await Promise.all([matcher.taxonomy(), repo.personSignals(rows.map((r) => r.id))]);
      // Profiles and the confirmation are work on the app's loop too: in slices, yielding to the web.
      const page = await mapInSlices(rows, (row) => ({
        person: matcher.profileOf(row, tax, search.at),
        feedback: matcher.feedbackOf(row.id, signals),
      }));
      const heads = await matcher.rankedCandidatesMany(page, keep, { tax, ...search });
      const states = new Map(
        (await repo.vacancyStates([...new Set(heads.flat().map((m) => m.item.id))])).map((s) => [s.id, s]),
      );
      return mapInSlices(page, ({ person }, i) => ({
        person,
        matches: heads[i]!.filter((m) => {
          const state = states.get(m.item.id);
          return state !== undefined && brokenRules(person, state, search.at, tax).length === 0;
        }).slice(0, keep),
      }));
    },

    async rankPeopleForVacancies(vacancyIds, limit) {
      const out = [];
      for (const vacancy of await repo.vacancies(vacancyIds)) {
        const { matches } = await matcher.peopleFor(vacancy, limit, () => 'officer');
        out.push({ vacancyId: vacancy.id, labourerIds: matches.map((m) => m.row.id) });
      }
      return out;
    },

    async rankVacanciesFor(labourerId, vacancyIds, lang, at) {
      const row = await repo.person(labourerId);
      if (!row) return null;
      const [rows, taxonomy] = await Promise.all([repo.vacancies(vacancyIds), matcher.taxonomy()]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const ranked = rankJobs(
        matcher.profileOf(row, taxonomy, at),
        rows.map((r) => matcher.jobFactsOf(r, taxonomy)),
        { taxonomy, now: at },
      );
      return ranked.map((m) => {
        const v = byId.get(m.item.id)!;
        return {
          vacancy: {
            id: v.id,
            title: v.title,
            employerId: v.employerId,
            employerName: v.employer.name,
            wageMin: v.wageMin,
            wageMax: v.wageMax,
            payBasis: v.payBasis,
          },
          score: m.score,
          reasons: explain(m.contributions, { lang, audience: 'person', taxonomy }),
        };
      });
    },
  };
}
