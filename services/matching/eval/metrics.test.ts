import { describe, expect, it } from 'vitest';
import { FixtureSchema } from './fixture.ts';
import { computeMetrics, fixtureViolations } from './metrics.ts';

const fixture = FixtureSchema.parse({
  now: '2026-03-15T00:00:00Z',
  employers: [
    { key: 'e', name: 'E', kind: 'company', verified: true, regionCode: '350821' },
    { key: 'u', name: 'U', kind: 'company', verified: false, regionCode: '350821' },
  ],
  vacancies: [
    {
      key: 'a',
      employer: 'e',
      title: 'A',
      occupationCode: 'C02-001',
      regionCode: '350821',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
    },
    {
      key: 'b',
      employer: 'e',
      title: 'B',
      occupationCode: 'C02-001',
      regionCode: '350821',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
    },
    {
      key: 'c',
      employer: 'e',
      title: 'C',
      occupationCode: 'C02-001',
      regionCode: '350802',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
    },
    {
      key: 'd',
      employer: 'u',
      title: 'D',
      occupationCode: 'C02-001',
      regionCode: '350821',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
      ageMax: 30,
    },
  ],
  labourers: [{ key: 'p', birthDate: '1980-01-01', sex: 'male', regionCode: '350821100', mobility: 'county' }],
  judgments: [{ labourer: 'p', relevant: { a: 3, b: 1 }, forbidden: [] }],
});

describe('evaluation metrics', () => {
  it('scores a perfect ranking as 1 and a reversed one lower', () => {
    const perfect = computeMetrics(fixture, [
      {
        labourer: 'p',
        ranking: [
          { vacancy: 'a', score: 1 },
          { vacancy: 'b', score: 0.5 },
        ],
      },
    ]);
    expect(perfect).toMatchObject({ successAt10: 1, precisionAt3: 1, ndcgAt10: 1, violations: 0 });
    const reversed = computeMetrics(fixture, [
      {
        labourer: 'p',
        ranking: [
          { vacancy: 'b', score: 1 },
          { vacancy: 'a', score: 0.5 },
        ],
      },
    ]);
    expect(reversed.ndcgAt10).toBeLessThan(1);
    expect(reversed.precisionAt3).toBe(1);
    const empty = computeMetrics(fixture, [{ labourer: 'p', ranking: [] }]);
    expect(empty).toMatchObject({ successAt10: 0, precisionAt3: 0, ndcgAt10: 0 });
  });

  it('checks the hard rules from the fixture alone', () => {
    expect(fixtureViolations(fixture, 'p', 'a')).toEqual([]);
    expect(fixtureViolations(fixture, 'p', 'c')).toEqual(['outside county']);
    expect(fixtureViolations(fixture, 'p', 'd')).toEqual(['employer not verified', 'age 46']);
    const counted = computeMetrics(fixture, [{ labourer: 'p', ranking: [{ vacancy: 'c', score: 1 }] }]);
    expect(counted.violations).toBe(1);
  });
});
