import { describe, expect, it } from 'vitest';
import { type PairContext, scorePair } from './features.ts';
import { brokenRules, licenceState } from './hard-rules.ts';
import { rankJobs, rankPeople } from './rerank.ts';
import { NOW, sampleJob, samplePerson, taxonomy } from './testing/sample.ts';
import type { JobFacts, PersonProfile } from './types.ts';

const ctx: PairContext = { taxonomy, now: NOW, audience: 'person' };
const codes = (person: PersonProfile, job: JobFacts) => scorePair(person, job, ctx).contributions.map((c) => c.code);
const ids = (person: PersonProfile, jobs: JobFacts[]) =>
  rankJobs(person, jobs, { taxonomy, now: NOW }).map((r) => r.item.id);
const forklift = (overrides: Partial<JobFacts> = {}) =>
  sampleJob({
    id: 'forklift',
    occupationCode: 'C11-003',
    categoryCode: 'C11',
    skillCodes: ['S-FORKLIFT'],
    ...overrides,
  });

describe('licence gate (issue #18 item 1)', () => {
  it('never offers a licensed occupation to someone without the licence, in either direction', () => {
    const wantsForklift = samplePerson({
      desiredOccupations: ['C11-003'],
      skills: [{ code: 'S-FORKLIFT', level: 'skilled' }],
    });
    const warehouse = sampleJob({ id: 'warehouse', occupationCode: 'C02-001', categoryCode: 'C02' });
    expect(ids(wantsForklift, [forklift(), warehouse])).toEqual(['warehouse']);
    const licensed = samplePerson({ id: 'holder', certificates: ['CERT-FORKLIFT'] });
    expect(ids(licensed, [forklift()])).toEqual(['forklift']);
    const people = rankPeople(forklift(), [wantsForklift, licensed], {
      taxonomy,
      now: NOW,
      audienceOf: () => 'officer',
    });
    expect(people.map((p) => p.item.id)).toEqual(['holder']);
  });

  it('lets a vacancy that trains and certifies through, with a reason saying so', () => {
    const person = samplePerson({ desiredOccupations: ['C11-003'] });
    const training = forklift({ trainsForCertificate: true });
    expect(licenceState(person.certificates, training, taxonomy)).toBe('trains');
    expect(ids(person, [training])).toEqual(['forklift']);
    expect(codes(person, training)).toContain('trains_for_certificate');
  });

  it('bars a vacancy requiring a licence kind the person lacks, and the hard rules say why', () => {
    const job = sampleJob({ requiredCertificates: ['CERT-FORKLIFT'] });
    const person = samplePerson();
    expect(ids(person, [job])).toEqual([]);
    const state = { ...job, status: 'open' as const, expiresAt: null, employerVerified: true };
    expect(brokenRules(person, state, NOW, taxonomy)).toEqual(['licence']);
    expect(brokenRules({ ...person, certificates: ['CERT-FORKLIFT'] }, state, NOW, taxonomy)).toEqual([]);
  });
});

describe('certificate categories (item 3)', () => {
  it('treats a health certificate as an entry condition, never as credit for an occupation', () => {
    const person = samplePerson({ certificates: ['CERT-HEALTH'] });
    expect(taxonomy.certifiedOccupations(person.certificates)).toEqual([]);
    expect(codes(person, sampleJob())).not.toContain('certificate');
    const asks = sampleJob({ requiredCertificates: ['CERT-HEALTH'] });
    expect(codes(samplePerson(), asks)).toContain('health_certificate_needed');
    expect(codes(person, asks)).not.toContain('health_certificate_needed');
  });
});

describe('fit first and public-welfare posts (items 4, 5)', () => {
  it('puts a job that fits the wished work above an unrelated one nearer and better paid', () => {
    const person = samplePerson({ desiredOccupations: ['C02-001'], expectedWage: 4000, mobility: 'township' });
    const fitting = sampleJob({ id: 'fit', regionCode: '350821101', wageMin: 3000, wageMax: 3600 });
    const unrelated = sampleJob({
      id: 'other',
      occupationCode: 'C03-001',
      categoryCode: 'C03',
      wageMin: 6000,
      wageMax: 7000,
    });
    expect(ids({ ...person, mobility: 'county' }, [unrelated, fitting])).toEqual(['fit', 'other']);
    // Someone who named no work takes any: pay and place decide.
    expect(ids(samplePerson({ expectedWage: 4000 }), [fitting, unrelated])).toEqual(['other', 'fit']);
  });

  it('compares a public-welfare post with the post standard and ranks it first for an eligible person', () => {
    const person = samplePerson({
      hardToEmploy: true,
      disability: true,
      expectedWage: 3500,
      desiredOccupations: ['C03-001'],
    });
    const post = sampleJob({
      id: 'post',
      publicWelfarePost: true,
      disabilityFriendly: true,
      wageMin: 1900,
      wageMax: 2100,
    });
    const factory = sampleJob({
      id: 'factory',
      occupationCode: 'C03-001',
      categoryCode: 'C03',
      regionCode: '350824',
      wageMin: 3500,
      wageMax: 4000,
    });
    expect(codes(person, post)).toContain('wage_post_standard');
    expect(codes(person, post)).not.toContain('wage_below');
    expect(ids(person, [factory, post])[0]).toBe('post');
  });
});

describe('categories, pay and record (item 6)', () => {
  it('gives a subcategory more credit than the broad category', () => {
    const person = samplePerson({ desiredOccupations: ['C03-001'] });
    const tea = (code: string) => scorePair(person, sampleJob({ occupationCode: code, categoryCode: 'C03' }), ctx);
    const related = tea('C03-003').contributions.find((c) => c.feature === 'occupation');
    expect(related?.code).toBe('occupation_related');
  });

  it('counts seasonal day wages as fewer days, and dispatch below a direct hire at the same pay', () => {
    const person = samplePerson({ expectedWage: 4000, desiredOccupations: ['C02-001'] });
    const daily = { payBasis: 'day' as const, wageMin: 150, wageMax: 180 };
    expect(codes(person, sampleJob({ ...daily, contractType: 'labour_contract' }))).toContain('wage_meets');
    expect(codes(person, sampleJob({ ...daily, contractType: 'seasonal' }))).toContain('wage_below');
    const direct = sampleJob({ id: 'direct', wageMin: 4000, wageMax: 5000 });
    const dispatch = sampleJob({ id: 'dispatch', wageMin: 4000, wageMax: 5000, contractType: 'labour_dispatch' });
    expect(ids(person, [dispatch, direct])).toEqual(['direct', 'dispatch']);
  });

  it('demotes an employer where most of enough hires left within three months', () => {
    const person = samplePerson({ desiredOccupations: ['C02-001'] });
    const churn = sampleJob({ id: 'churn', employerId: 'bad' });
    const steady = sampleJob({ id: 'steady', employerId: 'ok', wageMin: 3600, wageMax: 4200 });
    const records = new Map([['bad', { hires: 5, decided: 5, retained: 1 }]]);
    const ranked = rankJobs(person, [churn, steady], { taxonomy, now: NOW, records });
    expect(ranked.map((r) => r.item.id)).toEqual(['steady', 'churn']);
    const poor = ranked[1]!.contributions.find((c) => c.code === 'record_poor')!;
    expect(poor.value).toBeLessThan(-0.05);
  });
});
