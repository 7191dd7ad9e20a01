import type { Mobility } from '../platform/database/generated/enums.ts';

/** Where a job lies as seen from a person's home, nearest first. */
export type LocationTier = 'township' | 'county' | 'city' | 'province' | 'partner' | 'elsewhere';

export interface AreaPerson {
  regionCode: string;
  mobility: Mobility;
  partnerRegions: readonly string[];
}

/**
 * The region prefixes a job must lie under for this person, or null for "anywhere". A person
 * registered only down to the county cannot be held to a township: the county stands in.
 */
export function allowedPrefixes(person: AreaPerson): string[] | null {
  const home = person.regionCode;
  switch (person.mobility) {
    case 'township':
      return [home.length >= 9 ? home.slice(0, 9) : home.slice(0, 6)];
    case 'county':
      return [home.slice(0, 6)];
    case 'city':
      return [home.slice(0, 4)];
    case 'province':
      return [home.slice(0, 2)];
    case 'partner_region':
      return [...new Set([home.slice(0, 2), ...person.partnerRegions.filter(Boolean)])];
    case 'anywhere':
      return null;
  }
}

/** The hard rule on place: is the job inside the area the person said they would move to? */
export function withinArea(person: AreaPerson, jobRegionCode: string): boolean {
  const prefixes = allowedPrefixes(person);
  return prefixes === null || prefixes.some((prefix) => jobRegionCode.startsWith(prefix));
}

export function locationTier(person: AreaPerson, jobRegionCode: string): LocationTier {
  const home = person.regionCode;
  if (home.length >= 9 && jobRegionCode.length >= 9 && home.slice(0, 9) === jobRegionCode.slice(0, 9)) {
    return 'township';
  }
  if (home.slice(0, 6) === jobRegionCode.slice(0, 6)) return 'county';
  if (home.slice(0, 4) === jobRegionCode.slice(0, 4)) return 'city';
  if (home.slice(0, 2) === jobRegionCode.slice(0, 2)) return 'province';
  if (person.partnerRegions.some((prefix) => prefix && jobRegionCode.startsWith(prefix))) return 'partner';
  return 'elsewhere';
}

/** The person leaves their home county for this job (and may need a bed there). */
export function awayFromHomeCounty(homeRegionCode: string, jobRegionCode: string): boolean {
  return homeRegionCode.slice(0, 6) !== jobRegionCode.slice(0, 6);
}
