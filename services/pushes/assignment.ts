import { monthly } from '../matching/index.ts';
import type { Ranked } from '../matching/index.ts';
import type { JobFacts, PersonProfile } from '../matching/index.ts';

/**
 * A pushed job must pay at least this share of the wage the person expects (a day wage counted as
 * a month of work): the engine ranks a poorly paid job low but still offers it, a push should not.
 */
export const WAGE_TOLERANCE = 0.9;

export interface PushCandidate {
  vacancyId: string;
  score: number;
  /** Published after the person's last push (only such jobs go to people already covered). */
  fresh: boolean;
}

export interface PersonCandidates {
  labourerId: string;
  /** The person already had a job pushed by an earlier campaign. */
  covered: boolean;
  /** Suitable jobs not pushed to this person yet, best first. */
  candidates: PushCandidate[];
}

export type Filtered = 'wage_expectation' | 'not_interested' | null;

/**
 * Which of the engine's matches may be pushed: not one the person said "not interested" in, not
 * one pushed to them before, and paying near what they expect. Answers why nothing is left when
 * the engine had matches but none passes.
 */
export function suitableMatches(
  person: PersonProfile,
  matches: Ranked<JobFacts>[],
  alreadyPushed: ReadonlySet<string>,
  lastPushAt: Date | null,
): { candidates: PushCandidate[]; filtered: Filtered } {
  const notPushed = matches.filter((m) => !alreadyPushed.has(m.item.id));
  const wanted = notPushed.filter((m) => !m.contributions.some((c) => c.code === 'not_interested'));
  const paid = wanted.filter(
    (m) => !person.expectedWage || monthly(m.item.wageMax, m.item.payBasis) >= person.expectedWage * WAGE_TOLERANCE,
  );
  const lastSeconds = lastPushAt ? lastPushAt.getTime() / 1000 : null;
  const candidates = paid.map((m) => ({
    vacancyId: m.item.id,
    score: m.score,
    fresh: lastSeconds === null || (m.item.publishedAt ?? 0) > lastSeconds,
  }));
  const filtered: Filtered = candidates.length
    ? null
    : wanted.length < notPushed.length && wanted.length === 0
      ? 'not_interested'
      : notPushed.length
        ? 'wage_expectation'
        : null;
  return { candidates, filtered };
}

export interface AssignOptions {
  jobsPerPerson: number;
  /**
   * Give the newly covered more jobs right away (default). A campaign turns it off and tops up
   * at the end of its chunk instead, so extras never take the places that later people's first
   * job needs.
   */
  topUp?: boolean;
  /** The most people a vacancy may be pushed to (capMultiple × its places). */
  capOf: (vacancyId: string) => number;
  /** Pushes already made per vacancy, over all campaigns; updated as pushes are assigned. */
  counts: Map<string, number>;
}

/**
 * The extras after coverage: people covered by this campaign get more of their remaining
 * suitable jobs, one each per round, until each has `jobsPerPerson` or nothing has room.
 */
export function topUpPushes(
  people: Array<{ labourerId: string; have: number; candidates: PushCandidate[] }>,
  options: Omit<AssignOptions, 'topUp'>,
): Assignment['pushes'] {
  const { counts, capOf, jobsPerPerson } = options;
  const pushes: Assignment['pushes'] = [];
  const room = (vacancyId: string) => (counts.get(vacancyId) ?? 0) < capOf(vacancyId);
  const next = people.map((p) => ({ ...p, at: 0 }));
  for (let round = 1; round < jobsPerPerson; round++) {
    for (const person of next) {
      if (person.have > round) continue;
      while (person.at < person.candidates.length && !room(person.candidates[person.at]!.vacancyId)) person.at++;
      const candidate = person.candidates[person.at++];
      if (!candidate) continue;
      counts.set(candidate.vacancyId, (counts.get(candidate.vacancyId) ?? 0) + 1);
      pushes.push({ labourerId: person.labourerId, vacancyId: candidate.vacancyId, score: candidate.score });
      person.have++;
    }
  }
  return pushes;
}

export interface Assignment {
  pushes: Array<{ labourerId: string; vacancyId: string; score: number }>;
  /** People not covered who had suitable jobs, every one of them already pushed to its cap. */
  full: Set<string>;
}

/**
 * Decides a page's pushes. Coverage comes first: people with no push yet get one job each, those
 * with the fewest jobs still open to them first, so a popular job reaching its cap does not leave
 * someone uncovered who had no other. People already covered may get one job published since
 * their last push, if it is among their best `jobsPerPerson`. Then the newly covered get more
 * jobs, one each per round, up to `jobsPerPerson`.
 */
export function assignPushes(people: PersonCandidates[], options: AssignOptions): Assignment {
  const { counts, capOf, jobsPerPerson } = options;
  const pushes: Assignment['pushes'] = [];
  const given = new Map<string, Set<string>>();
  const room = (vacancyId: string) => (counts.get(vacancyId) ?? 0) < capOf(vacancyId);
  const give = (labourerId: string, candidate: PushCandidate) => {
    counts.set(candidate.vacancyId, (counts.get(candidate.vacancyId) ?? 0) + 1);
    pushes.push({ labourerId, vacancyId: candidate.vacancyId, score: candidate.score });
    const mine = given.get(labourerId) ?? new Set<string>();
    mine.add(candidate.vacancyId);
    given.set(labourerId, mine);
  };

  const uncovered = people
    .filter((p) => !p.covered && p.candidates.length > 0)
    .map((p, order) => ({ p, order, open: p.candidates.filter((c) => room(c.vacancyId)).length }))
    .sort((a, b) => a.open - b.open || a.order - b.order)
    .map(({ p }) => p);
  const full = new Set<string>();
  for (const person of uncovered) {
    const first = person.candidates.find((c) => room(c.vacancyId));
    if (first) give(person.labourerId, first);
    else full.add(person.labourerId);
  }

  for (const person of people.filter((p) => p.covered)) {
    const fresh = person.candidates.slice(0, jobsPerPerson).find((c) => c.fresh && room(c.vacancyId));
    if (fresh) give(person.labourerId, fresh);
  }

  const topUp = options.topUp === false ? [] : uncovered.filter((p) => given.has(p.labourerId));
  for (let round = 1; round < jobsPerPerson; round++) {
    for (const person of topUp) {
      const mine = given.get(person.labourerId)!;
      if (mine.size > round) continue;
      const next = person.candidates.find((c) => !mine.has(c.vacancyId) && room(c.vacancyId));
      if (next) give(person.labourerId, next);
    }
  }
  return { pushes, full };
}
