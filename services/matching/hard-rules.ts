import type { VacancyStatus } from '../platform/database/generated/enums.ts';
import { type AreaPerson, withinArea } from './area.ts';

/** The rules no ranking may break, whatever the weights say. */
export type HardRule = 'not_open' | 'expired' | 'unverified' | 'outside_area' | 'age' | 'public_welfare' | 'licence';

/** Which occupations the law closes to people without an operating licence (the taxonomy answers). */
export interface LicenceRules {
  /** Certificate kinds of which one is required for the occupation; empty when none is. */
  licencesFor(occupationCode: string): readonly string[];
  /** The kind is an operating licence (a vacancy requiring it bars those without it). */
  isLicence(kind: string): boolean;
}

/** What the licence rule needs of a vacancy. */
export interface LicenceFacts {
  occupationCode: string;
  requiredCertificates: readonly string[];
  /** The employer trains newcomers and gets them the licence. */
  trainsForCertificate: boolean;
}

/**
 * Whether a person may be offered the job as far as licences go: `not_needed`, `held` (one of the
 * occupation's licences and every licence the vacancy requires), `trains` (missing, but the
 * employer trains and certifies: allowed, with a reason saying so) or `missing` (never shown).
 */
export function licenceState(
  certificates: readonly string[],
  job: LicenceFacts,
  rules: LicenceRules,
): 'not_needed' | 'held' | 'trains' | 'missing' {
  const needed = rules.licencesFor(job.occupationCode);
  const required = job.requiredCertificates.filter((kind) => rules.isLicence(kind));
  if (needed.length === 0 && required.length === 0) return 'not_needed';
  const held = (kind: string) => certificates.includes(kind);
  if ((needed.length === 0 || needed.some(held)) && required.every(held)) return 'held';
  return job.trainsForCertificate ? 'trains' : 'missing';
}

export interface VacancyState extends Partial<LicenceFacts> {
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
  certificates?: readonly string[];
}

/**
 * Every hard rule this pairing breaks (none for a valid match). The candidate stage asks
 * Meilisearch for the same conditions; this check runs again on the database rows of the matches
 * shown, because the index may lag a change (a job paused a second ago).
 */
export function brokenRules(
  person: PersonState,
  vacancy: VacancyState,
  now: Date,
  licences?: LicenceRules,
): HardRule[] {
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
  if (licences && vacancy.occupationCode !== undefined) {
    const job = {
      occupationCode: vacancy.occupationCode,
      requiredCertificates: vacancy.requiredCertificates ?? [],
      trainsForCertificate: vacancy.trainsForCertificate ?? false,
    };
    if (licenceState(person.certificates ?? [], job, licences) === 'missing') broken.push('licence');
  }
  return broken;
}
