import { describe, expect, it } from 'vitest';
import { computeProgress, type ProgressInput } from './progress.ts';

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const plan = (
  arrived: string,
  states: Partial<Record<1 | 3 | 6, ProgressInput['arrived'][number]['followUps'][number]['state']>>,
) => {
  const base = d(arrived);
  return ([1, 3, 6] as const).map((month) => {
    const due = new Date(base);
    due.setUTCMonth(due.getUTCMonth() + month);
    return { month, dueOn: due, state: states[month] ?? null };
  });
};

// Hand-computed fixture: today is 2025-10-01.
// A arrived 2025-03-01 (3 and 6 due): 3 in_work, 6 in_work, factory
// B arrived 2025-03-01: 3 changed_job, 6 returned_home, household
// C arrived 2025-03-01: 3 returned_home, 6 unrecorded, household (also placed by referral: counted once)
// D arrived 2025-06-15: 3 due 09-15 unrecorded, 6 not yet due, factory
// E arrived 2025-09-01: neither due, no employer
const fixture: ProgressInput = {
  targets: { fairs: 4, transfers: 10, householdPlacements: 4, trainings: 0 },
  fairsHeld: 3,
  arrived: [
    {
      labourerId: 'A',
      employerKind: 'company',
      followUps: plan('2025-03-01', { 1: 'in_work', 3: 'in_work', 6: 'in_work' }),
    },
    {
      labourerId: 'B',
      employerKind: 'household_service',
      followUps: plan('2025-03-01', { 3: 'changed_job', 6: 'returned_home' }),
    },
    { labourerId: 'C', employerKind: 'household_service', followUps: plan('2025-03-01', { 3: 'returned_home' }) },
    { labourerId: 'D', employerKind: 'company', followUps: plan('2025-06-15', {}) },
    { labourerId: 'E', employerKind: null, followUps: plan('2025-09-01', {}) },
  ],
  placedReferrals: ['C', 'F'],
  trainings: 5,
  today: d('2025-10-01'),
};

describe('computeProgress', () => {
  const progress = computeProgress(fixture);

  it('counts fairs, arrivals, household placements and trainings against the targets', () => {
    expect(progress.fairs).toEqual({ actual: 3, target: 4, share: 0.75 });
    expect(progress.transfers).toEqual({ actual: 5, target: 10, share: 0.5 });
    // B and C through household companies, C again and F by referral: B, C, F.
    expect(progress.householdPlacements).toEqual({ actual: 3, target: 4, share: 0.75 });
    expect(progress.trainings).toEqual({ actual: 5, target: 0, share: null });
  });

  it('counts in work and changed job as still in work at 3 months, unrecorded apart', () => {
    expect(progress.retention[0]).toEqual({
      month: 3,
      due: 4,
      inWork: 2,
      changedJob: 1,
      returnedHome: 1,
      unrecorded: 1,
      notYetDue: 1,
      share: 0.667,
    });
  });

  it('counts a return home against the 6-month figure and leaves future follow-ups out', () => {
    expect(progress.retention[1]).toEqual({
      month: 6,
      due: 3,
      inWork: 1,
      changedJob: 0,
      returnedHome: 1,
      unrecorded: 1,
      notYetDue: 2,
      share: 0.5,
    });
  });

  it('counts a person transferred twice once', () => {
    const twice = computeProgress({ ...fixture, arrived: [...fixture.arrived, fixture.arrived[0]!] });
    expect(twice.transfers.actual).toBe(5);
  });

  it('has no share before anything was recorded', () => {
    const empty = computeProgress({ ...fixture, arrived: [], placedReferrals: [], fairsHeld: 0 });
    expect(empty.retention[0].share).toBeNull();
    expect(empty.fairs).toEqual({ actual: 0, target: 4, share: 0 });
  });
});
