import { allowedPrefixes } from './area.ts';
import { brokenRules, type PersonState } from './hard-rules.ts';
import type { JobGroup, MatchingRepository } from './matching.repository.ts';

/** Why a person who wants work has no suitable job, from the first rule that leaves nothing. */
export type NoMatchReason =
  | 'no_vacancy_in_area'
  | 'age'
  | 'public_welfare_only'
  | 'occupation'
  | 'wage_expectation'
  | 'not_interested'
  | 'vacancies_full';

export interface NoMatchExplanation {
  reason: NoMatchReason;
  detail: {
    /** The region prefixes the person will move to; null for anywhere. */
    area: string[] | null;
    /** Open jobs of verified employers in that area. */
    inArea: number;
    /** Of those, jobs whose age range fits the person. */
    ageFits: number;
    /** Of those, jobs the person may take (public-welfare posts only for people hard to employ). */
    open: number;
    /** Best monthly pay among the jobs open to the person. */
    bestWage: number | null;
  };
}

/**
 * Explains, for people the matching engine found no job for, which hard rule removed every job of
 * their area: none there, none of their age, only public-welfare posts; when jobs remain open to
 * them, the engine left them out as not their line of work (jobs beyond the home county are
 * searched only in the occupations and skills the person has).
 */
export async function explainNoMatch(
  repo: Pick<MatchingRepository, 'jobGroupsIn'>,
  people: ReadonlyArray<PersonState & { id: string }>,
  now: Date,
): Promise<Map<string, NoMatchExplanation>> {
  // One small read serves everybody of an area.
  const byArea = new Map<string, Promise<JobGroup[]>>();
  const out = new Map<string, NoMatchExplanation>();
  for (const person of people) {
    const area = allowedPrefixes(person);
    const key = JSON.stringify(area);
    if (!byArea.has(key)) byArea.set(key, repo.jobGroupsIn(area, now));
    const groups = await byArea.get(key)!;
    // The region is already inside the area (the query filtered on it): stand in with the home.
    const state = (g: JobGroup) => ({
      status: 'open' as const,
      expiresAt: null,
      employerVerified: true,
      publicWelfarePost: g.publicWelfarePost,
      ageMin: g.ageMin,
      ageMax: g.ageMax,
      regionCode: person.regionCode,
    });
    const broken = groups.map((g) => ({ g, rules: brokenRules(person, state(g), now) }));
    const sum = (list: typeof broken) => list.reduce((n, { g }) => n + g.jobs, 0);
    const ageFits = broken.filter(({ rules }) => !rules.includes('age'));
    const open = ageFits.filter(({ rules }) => rules.length === 0);
    const detail = {
      area,
      inArea: sum(broken),
      ageFits: sum(ageFits),
      open: sum(open),
      bestWage: open.length ? Math.max(...open.map(({ g }) => g.bestWage)) : null,
    };
    const reason: NoMatchReason =
      detail.inArea === 0
        ? 'no_vacancy_in_area'
        : detail.ageFits === 0
          ? 'age'
          : detail.open === 0
            ? 'public_welfare_only'
            : 'occupation';
    out.set(person.id, { reason, detail });
  }
  return out;
}
