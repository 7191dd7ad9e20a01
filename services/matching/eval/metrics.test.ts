import { describe, expect, it } from 'vitest';
import { FixtureSchema } from './fixture.ts';
import type { LicenceTable } from './licence-table.ts';
import { computeMetrics, fixtureBreaches, fixtureViolations } from './metrics.ts';

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

/** v2: skill levels, licences, a disabled hard-to-employ woman of 55 who stays, a man who moves with his own partner region. */
const v2 = FixtureSchema.parse({
  now: '2026-03-15T00:00:00Z',
  partnerRegions: ['6404'],
  employers: [{ key: 'e', name: 'E', kind: 'company', verified: true, regionCode: '350821' }],
  vacancies: [
    ...['fork', 'train'].map((key) => ({
      key,
      employer: 'e',
      title: key,
      occupationCode: 'C11-003',
      skills: [{ code: 'S-FORKLIFT', level: 'skilled' }],
      trainsForCertificate: key === 'train',
      regionCode: '350821',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
    })),
    {
      key: 'ask',
      employer: 'e',
      title: 'A',
      occupationCode: 'C06-001',
      requiredCertificates: ['CERT-FORKLIFT'],
      regionCode: '350821',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
      shift: 'three_shifts',
      payBasis: 'day',
      contractType: 'seasonal',
    },
    {
      key: 'pw',
      employer: 'e',
      title: 'P',
      occupationCode: 'C08-001',
      publicWelfarePost: true,
      disabilityFriendly: true,
      regionCode: '350821100',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
    },
    {
      key: 'far',
      employer: 'e',
      title: 'F',
      occupationCode: 'C08-001',
      regionCode: '640104',
      wageMin: 1,
      wageMax: 2,
      headcount: 1,
      status: 'open',
    },
  ],
  labourers: [
    {
      key: 'w',
      birthDate: '1971-01-01',
      sex: 'female',
      regionCode: '350821100',
      mobility: 'township',
      hardToEmploy: true,
      disabilityType: 'physical',
    },
    {
      key: 'm',
      birthDate: '1990-01-01',
      sex: 'male',
      regionCode: '350821',
      mobility: 'partner',
      partnerRegions: ['6401'],
    },
  ],
  judgments: [
    { labourer: 'w', relevant: { pw: 3 }, forbidden: ['fork'] },
    { labourer: 'm', relevant: { far: 2, train: 1 } },
  ],
});
const licences: LicenceTable = {
  occupations: new Map([['C11-003', ['CERT-FORKLIFT']]]),
  kinds: new Set(['CERT-FORKLIFT']),
};

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

  it('reads the v2 format: skill levels, contract, shift, disability type, a person’s own partner regions', () => {
    expect(v2.vacancies[0]!.skills).toEqual([{ code: 'S-FORKLIFT', level: 'skilled' }]);
    expect(v2.vacancies[2]).toMatchObject({ shift: 'three_shifts', payBasis: 'day', contractType: 'seasonal' });
    // 银川 (6401) is m's own partner region; 固原 (6404), the fixture's, is not his.
    expect(fixtureBreaches(v2, 'm', 'far')).toEqual([]);
    expect(
      fixtureBreaches({ ...v2, labourers: [{ ...v2.labourers[1]!, partnerRegions: undefined }] }, 'm', 'far'),
    ).toEqual(['outside partner']);
  });

  it('tells licence breaches from judged-forbidden hits and gives the figures per group', () => {
    expect(fixtureBreaches(v2, 'm', 'fork', licences)).toEqual(['licence CERT-FORKLIFT']);
    expect(fixtureBreaches(v2, 'm', 'ask', licences)).toEqual(['licence CERT-FORKLIFT']);
    expect(fixtureBreaches(v2, 'm', 'train', licences)).toEqual([]);
    const metrics = computeMetrics(
      v2,
      [
        {
          labourer: 'w',
          ranking: [
            { vacancy: 'fork', score: 1 },
            { vacancy: 'pw', score: 0.9 },
          ],
        },
        {
          labourer: 'm',
          ranking: [
            { vacancy: 'far', score: 1 },
            { vacancy: 'ask', score: 0.5 },
          ],
        },
      ],
      licences,
    );
    // w: fork breaks the licence rule and was judged forbidden; m: ask breaks the licence rule.
    expect(metrics.breachDetails.map((b) => `${b.labourer}:${b.vacancy}`)).toEqual(['w:fork', 'm:ask']);
    expect(metrics.forbiddenDetails.map((b) => `${b.labourer}:${b.vacancy}`)).toEqual(['w:fork']);
    expect(metrics).toMatchObject({ breaches: 2, forbiddenHits: 1, violations: 2 });
    // w: relevant pw at rank 2 of 1 judged → precision@3 1, NDCG 1/log2(3) = 0.631; m: far at rank 1 of 2 judged (grades 2, 1):
    // precision@3 = 1/2, DCG = 3, ideal = 3 + 1/log2(3) = 3.631, NDCG = 0.826.
    expect(metrics.groups.hardToEmploy).toMatchObject({
      people: 1,
      judgedPeople: 1,
      precisionAt3: 1,
      breaches: 1,
      forbiddenHits: 1,
    });
    expect(metrics.groups.hardToEmploy.ndcgAt10).toBeCloseTo(0.631, 3);
    expect(metrics.groups.disability.people).toBe(1);
    expect(metrics.groups.age50plus.people).toBe(1);
    expect(metrics.groups.staysLocal.people).toBe(1);
    expect(metrics.groups.moves).toMatchObject({ people: 1, precisionAt3: 0.5, breaches: 1, forbiddenHits: 0 });
    expect(metrics.groups.moves.ndcgAt10).toBeCloseTo(3 / (3 + 1 / Math.log2(3)), 3);
    expect(metrics.precisionAt3).toBeCloseTo(0.75, 6);
  });

  it('checks the hard rules from the fixture alone', () => {
    expect(fixtureViolations(fixture, 'p', 'a')).toEqual([]);
    expect(fixtureViolations(fixture, 'p', 'c')).toEqual(['outside county']);
    expect(fixtureViolations(fixture, 'p', 'd')).toEqual(['employer not verified', 'age 46']);
    const counted = computeMetrics(fixture, [{ labourer: 'p', ranking: [{ vacancy: 'c', score: 1 }] }]);
    expect(counted.violations).toBe(1);
  });
});
