import { describe, expect, it } from 'vitest';
import { allowedPrefixes, awayFromHomeCounty, locationTier, withinArea } from './area.ts';

const person = (mobility: Parameters<typeof allowedPrefixes>[0]['mobility'], regionCode = '350821100201') => ({
  regionCode,
  mobility,
  partnerRegions: ['6404'],
});

describe('allowed area by mobility', () => {
  it('narrows to the township, county, city or province prefix of the household region', () => {
    expect(allowedPrefixes(person('township'))).toEqual(['350821100']);
    expect(allowedPrefixes(person('county'))).toEqual(['350821']);
    expect(allowedPrefixes(person('city'))).toEqual(['3508']);
    expect(allowedPrefixes(person('province'))).toEqual(['35']);
  });

  it('adds the partner regions for partner_region and lifts every limit for anywhere', () => {
    expect(allowedPrefixes(person('partner_region'))).toEqual(['35', '6404']);
    expect(allowedPrefixes({ ...person('partner_region'), partnerRegions: [] })).toEqual(['35']);
    expect(allowedPrefixes(person('anywhere'))).toBeNull();
  });

  it('holds a person registered only to the county to the county when they say township', () => {
    expect(allowedPrefixes(person('township', '350821'))).toEqual(['350821']);
  });

  it('never lets a job outside the area through', () => {
    expect(withinArea(person('township'), '350821100')).toBe(true);
    expect(withinArea(person('township'), '350821101')).toBe(false);
    expect(withinArea(person('township'), '350821')).toBe(false);
    expect(withinArea(person('county'), '350823')).toBe(false);
    expect(withinArea(person('province'), '640402')).toBe(false);
    expect(withinArea(person('partner_region'), '640402')).toBe(true);
    expect(withinArea(person('partner_region'), '640104')).toBe(false);
    expect(withinArea(person('anywhere'), '440305')).toBe(true);
  });
});

describe('location tier', () => {
  it('orders township > county > city > province > partner region > elsewhere', () => {
    const p = person('anywhere');
    expect(locationTier(p, '350821100')).toBe('township');
    expect(locationTier(p, '350821101')).toBe('county');
    expect(locationTier(p, '350821')).toBe('county');
    expect(locationTier(p, '350802')).toBe('city');
    expect(locationTier(p, '350206')).toBe('province');
    expect(locationTier(p, '640402')).toBe('partner');
    expect(locationTier(p, '640104')).toBe('elsewhere');
  });

  it('knows when a job takes the person out of their home county', () => {
    expect(awayFromHomeCounty('350821100201', '350821101')).toBe(false);
    expect(awayFromHomeCounty('350821100201', '350802')).toBe(true);
  });
});
