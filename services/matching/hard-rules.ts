import type { VacancyStatus } from '../platform/database/generated/enums.ts';
import { type AreaPerson, withinArea } from './area.ts';

/** The rules no ranking may break, whatever the weights say. */
export type HardRule = 'not_open' | 'expired' | 'unverified' | 'outside_area' | 'age' | 'public_welfare';

export interface VacancyState {
  status: VacancyStatus;
  expiresAt: Date | null;
  employerVerified: boolean;
  publicWelfarePost: boolean;
  ageMin: number | null;
  ageMax: number | null;
  regionCode: string;
}

export interface PersonState extends AreaPerson {
  age: number;
  hardToEmploy: boolean;
}

/**
 * Every hard rule this pairing breaks (none for a valid match). The candidate stage asks
 * Meilisearch for the same conditions; this check runs again on the database rows of the matches
 * shown, because the index may lag a change (a job paused a second ago).
 */
export function brokenRules(person: PersonState, vacancy: VacancyState, now: Date): HardRule[] {
  const broken: HardRule[] = [];
  if (vacancy.status !== 'open') broken.push('not_open');
  if (vacancy.expiresAt && vacancy.expiresAt <= now) broken.push('expired');
  if (!vacancy.employerVerified) broken.push('unverified');
  if (!withinArea(person, vacancy.regionCode)) broken.push('outside_area');
  if (
    (vacancy.ageMin !== null && person.age < vacancy.ageMin) ||
    (vacancy.ageMax !== null && person.age > vacancy.ageMax)
  ) {
    broken.push('age');
  }
  if (vacancy.publicWelfarePost && !person.hardToEmploy) broken.push('public_welfare');
  return broken;
}
