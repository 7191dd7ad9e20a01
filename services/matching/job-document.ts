import { skillLevelsOf as skillLevelsFromJson } from '../platform/validation/skill-levels.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { JobFacts, Point } from './types.ts';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Fields of the vacancy document the re-rank needs. */
export const JOB_FIELDS = [
  'id',
  'employerId',
  'employerKind',
  'occupationCode',
  'skillCodes',
  'preferredSkillCodes',
  'regionCode',
  'wageMin',
  'wageMax',
  'payBasis',
  'headcount',
  'ageMin',
  'ageMax',
  'accommodation',
  'meals',
  'disabilityFriendly',
  'publicWelfarePost',
  'contractType',
  'requiredCertificates',
  'requiredSkillLevels',
  'trainsForCertificate',
  'publishedAt',
  'expiresAt',
  '_geo',
];

/** The filter every candidate shares: open, verified, not expired at `now`. */
export function openJobFilter(now: Date): string[] {
  return ['status = "open"', 'employerVerified = true', `(expiresAt IS NULL OR expiresAt > ${seconds(now)})`];
}

export interface JobDocument extends Omit<JobFacts, 'point' | 'categoryCode'> {
  _geo?: Point;
}

/** A vacancy's `requiredSkillLevels` (JSON in the database and the index), keeping only known levels. */
export const skillLevelsOf: (value: unknown) => JobFacts['requiredSkillLevels'] = skillLevelsFromJson;

/** The document as the re-rank sees it; the category comes from the taxonomy, not the index. */
export function toJobFacts(doc: JobDocument, taxonomy: Taxonomy): JobFacts {
  const facts = doc as unknown as JobFacts & { _geo?: Point };
  facts.point = doc._geo ?? null;
  facts.categoryCode = taxonomy.category(doc.occupationCode) ?? '';
  facts.preferredSkillCodes ??= [];
  // Documents built before these fields existed: no requirement, long-term work.
  facts.requiredCertificates ??= [];
  facts.requiredSkillLevels = skillLevelsOf(facts.requiredSkillLevels);
  facts.trainsForCertificate ??= false;
  facts.contractType ??= 'labour_contract';
  delete facts._geo;
  return facts;
}

/** What a job must do for a person's work: an occupation or a skill of theirs. */
export interface Relevance {
  occupations: string[];
  skills: string[];
}

/**
 * Neighbouring work: jobs asking for skills one step from the person's, or of occupations in the
 * same subcategory as their wanted or certified ones, and nothing strong (`unless`).
 */
export interface Related {
  skills: string[];
  occupations: string[];
  unless: Relevance | null;
}

/**
 * One candidate query: jobs within the person's hard rules, relevant to their work ("strong"), or
 * neighbouring it ("related": related skills or same-subcategory occupations, and nothing strong), inside a region
 * and outside another, best paid first, at most `limit`. `toMeiliQuery` makes it a Meilisearch
 * search; a `JobSnapshot` answers the same query from jobs fetched from Meilisearch in bulk.
 */
export interface CandidateQuery {
  rules: PersonRules;
  strong?: Relevance | undefined;
  related?: Related | undefined;
  within?: string | undefined;
  outside?: string | undefined;
  limit: number;
}

/** The hard rules that depend on the person (the rest are the same for everybody: open, verified, current). */
export interface PersonRules {
  age: number;
  hardToEmploy: boolean;
  /** Region prefixes the job must lie under; null for anywhere. */
  area: string[] | null;
  /** Occupations whose licence the person lacks, and licence kinds they lack (unless the job trains for it). */
  unlicensed: { occupations: string[]; kinds: string[] };
}
