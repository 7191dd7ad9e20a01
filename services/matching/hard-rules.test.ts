import { describe, expect, it } from 'vitest';
import { brokenRules, type PersonState, type VacancyState } from './hard-rules.ts';

const NOW = new Date('2026-03-15T00:00:00Z');
const person: PersonState = {
  regionCode: '350821100',
  mobility: 'county',
  partnerRegions: [],
  age: 40,
  hardToEmploy: false,
};
const vacancy: VacancyState = {
  status: 'open',
  expiresAt: new Date('2026-04-01T00:00:00Z'),
  employerVerified: true,
  publicWelfarePost: false,
  ageMin: 18,
  ageMax: 55,
  regionCode: '350821101',
};

describe('hard rules', () => {
  it('accepts an open, verified, current job in the area and age range', () => {
    expect(brokenRules(person, vacancy, NOW)).toEqual([]);
  });

  it('refuses every status but open', () => {
    for (const status of ['draft', 'paused', 'filled', 'expired', 'closed'] as const) {
      expect(brokenRules(person, { ...vacancy, status }, NOW)).toContain('not_open');
    }
  });

  it('refuses a job whose expiry is now or past even while it still says open', () => {
    expect(brokenRules(person, { ...vacancy, expiresAt: NOW }, NOW)).toEqual(['expired']);
    expect(brokenRules(person, { ...vacancy, expiresAt: null }, NOW)).toEqual([]);
  });

  it('refuses an unverified employer, a job outside the area and an age outside the range', () => {
    expect(brokenRules(person, { ...vacancy, employerVerified: false }, NOW)).toEqual(['unverified']);
    expect(brokenRules(person, { ...vacancy, regionCode: '350802' }, NOW)).toEqual(['outside_area']);
    expect(brokenRules({ ...person, age: 56 }, vacancy, NOW)).toEqual(['age']);
    expect(brokenRules({ ...person, age: 17 }, vacancy, NOW)).toEqual(['age']);
    expect(brokenRules({ ...person, age: 55 }, vacancy, NOW)).toEqual([]);
  });

  it('keeps public-welfare posts for people marked hard to employ', () => {
    expect(brokenRules(person, { ...vacancy, publicWelfarePost: true }, NOW)).toEqual(['public_welfare']);
    expect(brokenRules({ ...person, hardToEmploy: true }, { ...vacancy, publicWelfarePost: true }, NOW)).toEqual([]);
  });
});
