import { describe, expect, it } from 'vitest';
import { computeFairResults, type ResultRegistration } from './fair-results.ts';

const start = new Date('2026-02-20T01:00:00Z');
const day = (n: number) => new Date(start.getTime() + n * 86_400_000);

function reg(id: string, over: Partial<ResultRegistration> = {}): ResultRegistration {
  return { id, labourerId: `p-${id}`, regionCode: '350821101001', targetGroups: [], checkedInAt: start, ...over };
}

describe('computeFairResults', () => {
  const registrations = [
    reg('a', { targetGroups: ['registered_poor'] }),
    reg('b', { targetGroups: ['registered_poor', 'disabled'], regionCode: '350424100000' }),
    reg('c', { targetGroups: ['poor_family_graduate'], checkedInAt: null }),
    reg('d'),
  ];
  const results = computeFairResults({
    startsAt: start,
    employers: 2,
    vacancies: 3,
    registrations,
    interactions: [
      { registrationId: 'a', outcome: 'interview' },
      { registrationId: 'a', outcome: 'interview' },
      { registrationId: 'a', outcome: 'offer' },
      { registrationId: 'b', outcome: 'intention' },
      { registrationId: 'c', outcome: 'interview' },
    ],
    hires: [
      { labourerId: 'p-a', hiredAt: day(10) },
      { labourerId: 'p-a', hiredAt: day(40) },
      { labourerId: 'p-b', hiredAt: day(60) },
      { labourerId: 'p-c', hiredAt: day(5) },
      { labourerId: 'p-d', hiredAt: day(-3) },
    ],
  });

  it('counts each person once in the total, and only attendees as interviewed or hired', () => {
    expect(results.total).toEqual({
      key: 'total',
      registered: 4,
      attended: 3,
      interviewed: 1,
      intentions: 1,
      offers: 1,
      hired30: 1,
      hired90: 2,
    });
    expect(results.employers).toBe(2);
    expect(results.vacancies).toBe(3);
  });

  it('splits by county (six digits) and by target group, a person in two groups counting in both', () => {
    expect(results.byCounty.map((r) => [r.key, r.registered, r.attended, r.hired90])).toEqual([
      ['350424', 1, 1, 1],
      ['350821', 3, 2, 1],
    ]);
    const group = Object.fromEntries(results.byGroup.map((r) => [r.key, r]));
    expect(group.registered_poor).toMatchObject({ registered: 2, attended: 2, hired30: 1, hired90: 2 });
    expect(group.disabled).toMatchObject({ registered: 1, attended: 1, hired90: 1 });
    expect(group.poor_family_graduate).toMatchObject({ registered: 1, attended: 0, interviewed: 0, hired90: 0 });
    expect(group.none).toMatchObject({ registered: 1, attended: 1, hired90: 0 });
  });

  it('keeps registered >= attended >= hired90 >= hired30 in every row', () => {
    for (const row of [results.total, ...results.byCounty, ...results.byGroup]) {
      expect(row.registered).toBeGreaterThanOrEqual(row.attended);
      expect(row.attended).toBeGreaterThanOrEqual(row.hired90);
      expect(row.hired90).toBeGreaterThanOrEqual(row.hired30);
    }
  });
});
