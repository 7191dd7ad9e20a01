import { describe, expect, it } from 'vitest';
import { jobHardFilter, jobQueries, jobRelevanceFilters } from './jobs.search.ts';
import { peopleHardFilter } from './people.search.ts';
import { NOW, sampleJob, samplePerson, taxonomy } from './testing/sample.ts';

const LICENCE =
  '(trainsForCertificate = true OR NOT (occupationCode IN ["C11-003"] OR requiredCertificates IN ["CERT-FORKLIFT"]))';

describe('candidate stage filters', () => {
  it('asks Meilisearch for open, verified, current jobs in the area and the age range', () => {
    const filter = jobHardFilter(samplePerson({ age: 52, mobility: 'township' }), taxonomy, NOW);
    expect(filter).toEqual([
      'status = "open"',
      'employerVerified = true',
      `(expiresAt IS NULL OR expiresAt > ${NOW.getTime() / 1000})`,
      '(ageMin IS NULL OR ageMin <= 52)',
      '(ageMax IS NULL OR ageMax >= 52)',
      'publicWelfarePost = false',
      'regionPrefixes IN ["350821100"]',
      LICENCE,
    ]);
  });

  it('lets public-welfare posts through for people marked hard to employ, and any region for anywhere', () => {
    const filter = jobHardFilter(samplePerson({ hardToEmploy: true, mobility: 'anywhere' }), taxonomy, NOW);
    expect(filter.some((f) => f.includes('publicWelfarePost'))).toBe(false);
    expect(filter.some((f) => f.includes('regionPrefixes'))).toBe(false);
  });

  it('looks for wanted and certified occupations and held skills, then for related skills alone', () => {
    const person = samplePerson({
      desiredOccupations: ['C02-001'],
      certificates: ['CERT-FORKLIFT'],
      skills: [{ code: 'S-ARC-WELDING', level: 'skilled' }],
    });
    const strong = '(occupationCode IN ["C02-001", "C11-003"] OR skillCodes IN ["S-ARC-WELDING"])';
    expect(jobRelevanceFilters(person, taxonomy)).toEqual({
      strong,
      related: `((skillCodes IN ["S-PCB-SOLDERING"]) AND NOT ${strong})`,
    });
    expect(jobRelevanceFilters(samplePerson(), taxonomy)).toEqual({ strong: null, related: null });
  });

  it('sends the township and home-county queries, best paid first, for someone with nothing to match on', () => {
    const queries = jobQueries(samplePerson(), taxonomy, NOW, 'x_');
    expect(queries).toHaveLength(2);
    expect(queries[0]).toMatchObject({ indexUid: 'x_vacancies', sort: ['wageMax:desc', 'publishedAt:desc'] });
    expect(queries[0]!.filter).toContain('regionPrefixes = "350821100"');
    expect(queries[1]!.filter).toContain('regionPrefixes = "350821"');
  });

  it('follows the location tiers for relevant work: home county, the rest of the city, the rest of the area', () => {
    const person = samplePerson({ mobility: 'province', desiredOccupations: ['C02-001'] });
    const filters = jobQueries(person, taxonomy, NOW, 'x_').map((q) => (q.filter as string[]).slice(5));
    expect(filters).toEqual([
      ['publicWelfarePost = false', 'regionPrefixes IN ["35"]', LICENCE, 'regionPrefixes = "350821100"'],
      ['publicWelfarePost = false', 'regionPrefixes IN ["35"]', LICENCE, 'regionPrefixes = "350821"'],
      [
        'publicWelfarePost = false',
        'regionPrefixes IN ["35"]',
        LICENCE,
        '(occupationCode IN ["C02-001"])',
        'regionPrefixes = "350821"',
      ],
      [
        'publicWelfarePost = false',
        'regionPrefixes IN ["35"]',
        LICENCE,
        '(occupationCode IN ["C02-001"])',
        'regionPrefixes = "3508"',
        'NOT regionPrefixes = "350821"',
      ],
      [
        'publicWelfarePost = false',
        'regionPrefixes IN ["35"]',
        LICENCE,
        '(occupationCode IN ["C02-001"])',
        'NOT regionPrefixes = "3508"',
      ],
    ]);
    expect(jobQueries({ ...person, mobility: 'county' }, taxonomy, NOW, 'x_')).toHaveLength(3);
  });

  it('looks for neighbouring work over the whole area: same-subcategory occupations, related skills', () => {
    const person = samplePerson({ mobility: 'province', desiredOccupations: ['C03-001'] });
    const neighbour = '((occupationCode IN ["C03-003"]) AND NOT (occupationCode IN ["C03-001"]))';
    expect(jobRelevanceFilters(person, taxonomy).related).toBe(neighbour);
    const related = jobQueries(person, taxonomy, NOW, 'x_')
      .map((q) => q.filter as string[])
      .filter((f) => f.includes(neighbour))
      .map((f) => f.slice(f.indexOf(neighbour) + 1));
    // In the home city, then in the rest of the province: a neighbouring job far away is still found.
    expect(related).toEqual([['regionPrefixes = "3508"'], ['NOT regionPrefixes = "3508"']]);
    // A person who stays in the county gets the county only.
    const stays = jobQueries({ ...person, mobility: 'county' }, taxonomy, NOW, 'x_').map((q) => q.filter as string[]);
    expect(stays.filter((f) => f.includes(neighbour)).map((f) => f.at(-1))).toEqual(['regionPrefixes = "350821"']);
  });

  it('asks the labourer index only for people who want work, of the age, whose mobility reaches the job', () => {
    const filter = peopleHardFilter(sampleJob({ ageMin: 18, ageMax: 45, publicWelfarePost: true }));
    expect(filter.slice(0, 4)).toEqual(['wantsJob = true', 'age >= 17', 'age <= 45', 'hardToEmploy = true']);
    expect(filter[4]).toContain('(mobility = "county" AND regionPrefixes = "350821")');
    expect(filter[4]).toContain('(mobility = "city" AND regionPrefixes = "3508")');
  });
});
