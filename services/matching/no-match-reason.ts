import type { Db } from '../platform/database/prisma.ts';
import { allowedPrefixes } from './area.ts';
import { brokenRules, type PersonState } from './hard-rules.ts';
import { WAGE } from './weights.ts';

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

interface JobGroup {
  ageMin: number | null;
  ageMax: number | null;
  publicWelfarePost: boolean;
  jobs: number;
  bestWage: number;
}

/**
 * The vacancies of an area that could be anyone's, grouped by what the person-dependent hard rules
 * look at (age range, public-welfare post), so one small read serves everybody of that area.
 */
async function groupsIn(db: Db, area: string[] | null, now: Date): Promise<JobGroup[]> {
  const patterns = area?.map((prefix) => `${prefix}%`) ?? null;
  return db.$queryRaw<JobGroup[]>`
    SELECT v."ageMin", v."ageMax", v."publicWelfarePost", count(*)::int AS "jobs",
      max(CASE WHEN v."payBasis" = 'day' THEN v."wageMax" * ${WAGE.daysPerMonth} ELSE v."wageMax" END)::int AS "bestWage"
    FROM "Vacancy" v JOIN "Employer" e ON e."id" = v."employerId"
    WHERE v."status" = 'open' AND e."verifiedAt" IS NOT NULL AND (v."expiresAt" IS NULL OR v."expiresAt" > ${now})
      AND (${patterns}::text[] IS NULL OR v."regionCode" LIKE ANY(${patterns}::text[]))
    GROUP BY 1, 2, 3`;
}

/**
 * Explains, for people the matching engine found no job for, which hard rule removed every job of
 * their area: none there, none of their age, only public-welfare posts; when jobs remain open to
 * them, the engine left them out as not their line of work (jobs beyond the home county are
 * searched only in the occupations and skills the person has).
 */
export async function explainNoMatch(
  db: Db,
  people: ReadonlyArray<PersonState & { id: string }>,
  now: Date,
): Promise<Map<string, NoMatchExplanation>> {
  const byArea = new Map<string, Promise<JobGroup[]>>();
  const out = new Map<string, NoMatchExplanation>();
  for (const person of people) {
    const area = allowedPrefixes(person);
    const key = JSON.stringify(area);
    if (!byArea.has(key)) byArea.set(key, groupsIn(db, area, now));
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
