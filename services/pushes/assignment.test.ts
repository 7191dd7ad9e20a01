import { describe, expect, it } from 'vitest';
import { assignPushes, type PersonCandidates, suitableMatches, topUpPushes } from './assignment.ts';
import type { Ranked } from '../matching/index.ts';
import type { JobFacts, PersonProfile } from '../matching/index.ts';

const candidate = (vacancyId: string, fresh = true) => ({ vacancyId, score: 0.5, fresh });
const person = (labourerId: string, jobs: string[], covered = false): PersonCandidates => ({
  labourerId,
  covered,
  candidates: jobs.map((id) => candidate(id)),
});

describe('assignPushes', () => {
  it('never pushes a vacancy beyond its cap, taking the next job when the best is full', () => {
    const { pushes, full } = assignPushes([person('a', ['v1', 'v2']), person('b', ['v1', 'v2']), person('c', ['v1'])], {
      jobsPerPerson: 1,
      capOf: () => 1,
      counts: new Map(),
    });
    // c has no alternative, so c is served first; a and b share what is left.
    expect(pushes.map((p) => `${p.labourerId}:${p.vacancyId}`)).toEqual(['c:v1', 'a:v2']);
    expect([...full]).toEqual(['b']);
  });

  it('counts pushes of earlier campaigns against the cap', () => {
    const { pushes, full } = assignPushes([person('a', ['v1'])], {
      jobsPerPerson: 3,
      capOf: () => 2,
      counts: new Map([['v1', 2]]),
    });
    expect(pushes).toEqual([]);
    expect(full.has('a')).toBe(true);
  });

  it('covers everyone first, then tops up to jobsPerPerson', () => {
    const { pushes } = assignPushes([person('a', ['v1', 'v2', 'v3']), person('b', ['v1', 'v2'])], {
      jobsPerPerson: 3,
      capOf: (id) => (id === 'v2' ? 1 : 5),
      counts: new Map(),
    });
    const of = (who: string) => pushes.filter((p) => p.labourerId === who).map((p) => p.vacancyId);
    expect(of('b')).toEqual(['v1', 'v2']);
    expect(of('a')).toEqual(['v1', 'v3']);
  });

  it('can leave the extras for later, covering only', () => {
    const { pushes } = assignPushes([person('a', ['v1', 'v2']), person('b', ['v1', 'v2'])], {
      jobsPerPerson: 3,
      capOf: () => 5,
      counts: new Map(),
      topUp: false,
    });
    expect(pushes.map((p) => p.labourerId)).toEqual(['a', 'b']);
  });

  it('tops up round by round, within the caps, to jobsPerPerson', () => {
    const counts = new Map([['v2', 1]]);
    const pushes = topUpPushes(
      [
        { labourerId: 'a', have: 1, candidates: [candidate('v2'), candidate('v3'), candidate('v4')] },
        { labourerId: 'b', have: 1, candidates: [candidate('v3'), candidate('v4')] },
      ],
      { jobsPerPerson: 3, capOf: (id) => (id === 'v3' ? 1 : 2), counts },
    );
    expect(pushes.map((p) => `${p.labourerId}:${p.vacancyId}`)).toEqual(['a:v2', 'b:v3', 'a:v4', 'b:v4']);
    expect(counts.get('v4')).toBe(2);
  });

  it('gives people already covered one fresh job among their best only', () => {
    const covered: PersonCandidates = {
      labourerId: 'a',
      covered: true,
      candidates: [candidate('old1', false), candidate('old2', false), candidate('new1'), candidate('new2')],
    };
    expect(assignPushes([covered], { jobsPerPerson: 3, capOf: () => 9, counts: new Map() }).pushes).toEqual([
      { labourerId: 'a', vacancyId: 'new1', score: 0.5 },
    ]);
    expect(assignPushes([covered], { jobsPerPerson: 2, capOf: () => 9, counts: new Map() }).pushes).toEqual([]);
  });
});

describe('suitableMatches', () => {
  const profile = { expectedWage: 5000 } as PersonProfile;
  const match = (id: string, wageMax: number, codes: string[] = []): Ranked<JobFacts> => ({
    item: { id, wageMax, payBasis: 'month', publishedAt: 100 } as JobFacts,
    raw: 0.5,
    score: 0.5,
    distanceKm: null,
    contributions: codes.map((code) => ({ feature: 'feedback', code, value: -1, params: {} })),
  });

  it('drops jobs already pushed, not wanted, or paying clearly less than expected', () => {
    const result = suitableMatches(
      profile,
      [match('pushed', 6000), match('no', 6000, ['not_interested']), match('low', 4000), match('ok', 4600)],
      new Set(['pushed']),
      new Date(50_000),
    );
    expect(result.candidates).toEqual([{ vacancyId: 'ok', score: 0.5, fresh: true }]);
  });

  it('says which filter left nothing', () => {
    expect(suitableMatches(profile, [match('low', 3000)], new Set(), null).filtered).toBe('wage_expectation');
    expect(suitableMatches(profile, [match('no', 9000, ['not_interested'])], new Set(), null).filtered).toBe(
      'not_interested',
    );
    expect(suitableMatches(profile, [], new Set(), null).filtered).toBeNull();
  });
});
