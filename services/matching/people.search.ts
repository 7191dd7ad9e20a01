import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';
import type { Mobility, SkillLevel } from '../platform/database/generated/enums.ts';
import { searchMerged } from './jobs.search.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { JobFacts, PersonProfile, Point } from './types.ts';
import { CANDIDATE_STAGE } from './weights.ts';

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`;
const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`;

/** Fields of the labourer document the re-rank needs; it holds no name, ID number or phone. */
const PERSON_FIELDS = [
  'id',
  'age',
  'regionCode',
  'skillLevels',
  'certificateKinds',
  'desiredOccupations',
  'mobility',
  'expectedWage',
  'needsAccommodation',
  'hardToEmploy',
  'disability',
  '_geo',
];

/**
 * People who want work, of the job's age (the index's age may be a year behind: the database check
 * after the ranking is exact), hard to employ for a public-welfare post, and whose mobility
 * reaches the job. Township and partner-region people are over-fetched here and checked exactly
 * with the same rule as the forward direction.
 */
export function peopleHardFilter(job: JobFacts): string[] {
  const filter = ['wantsJob = true'];
  if (job.ageMin !== null) filter.push(`age >= ${job.ageMin - 1}`);
  if (job.ageMax !== null) filter.push(`age <= ${job.ageMax}`);
  if (job.publicWelfarePost) filter.push('hardToEmploy = true');
  const code = job.regionCode;
  const reach = [
    'mobility = "anywhere"',
    'mobility = "partner_region"',
    `(mobility = "province" AND regionPrefixes = ${quote(code.slice(0, 2))})`,
    `(mobility = "city" AND regionPrefixes = ${quote(code.slice(0, 4))})`,
    `(mobility = "county" AND regionPrefixes = ${quote(code.slice(0, 6))})`,
    `(mobility = "township" AND regionPrefixes IN ${list([...new Set([code.slice(0, 9), code.slice(0, 6)])])})`,
  ];
  filter.push(`(${reach.join(' OR ')})`);
  return filter;
}

export function peopleRelevanceFilter(job: JobFacts, taxonomy: Taxonomy): string {
  const required = job.skillCodes.length ? job.skillCodes : taxonomy.occupationSkills(job.occupationCode);
  const parts = [`desiredOccupations = ${quote(job.occupationCode)}`];
  const skills = taxonomy.withRelated([...required, ...job.preferredSkillCodes]);
  if (skills.length) parts.push(`skillCodes IN ${list(skills)}`);
  const certificates = taxonomy.certificatesFor(job.occupationCode);
  if (certificates.length) parts.push(`certificateKinds IN ${list(certificates)}`);
  return `(${parts.join(' OR ')})`;
}

export function peopleQueries(job: JobFacts, taxonomy: Taxonomy, prefix: string): MultiSearchQuery[] {
  const hard = peopleHardFilter(job);
  const base = { indexUid: indexUid(prefix, 'labourers'), q: '', attributesToRetrieve: PERSON_FIELDS };
  const sort = job.point ? [`_geoPoint(${job.point.lat}, ${job.point.lng}):asc`] : ['updatedAt:desc'];
  return [
    {
      ...base,
      filter: [...hard, peopleRelevanceFilter(job, taxonomy)],
      sort,
      limit: CANDIDATE_STAGE.peopleRelevantLimit,
    },
    {
      ...base,
      filter: [...hard, `regionPrefixes = ${quote(job.regionCode.slice(0, 6))}`],
      sort,
      limit: CANDIDATE_STAGE.peopleNearbyLimit,
    },
  ];
}

interface PersonDocument {
  id: string;
  age: number;
  regionCode: string;
  skillLevels?: string[];
  certificateKinds?: string[];
  desiredOccupations?: string[];
  mobility: Mobility;
  expectedWage: number | null;
  needsAccommodation: boolean;
  hardToEmploy: boolean;
  disability: boolean;
  _geo?: Point;
}

export function toPersonProfile(doc: PersonDocument, partnerRegions: (p: { regionCode: string }) => string[]) {
  const profile: PersonProfile = {
    id: doc.id,
    regionCode: doc.regionCode,
    point: doc._geo ?? null,
    age: doc.age,
    mobility: doc.mobility,
    skills: (doc.skillLevels ?? []).map((entry) => {
      const [code, level] = entry.split(':');
      return { code: code!, level: (level ?? 'intermediate') as SkillLevel };
    }),
    certificates: doc.certificateKinds ?? [],
    desiredOccupations: doc.desiredOccupations ?? [],
    expectedWage: doc.expectedWage,
    needsAccommodation: doc.needsAccommodation,
    hardToEmploy: doc.hardToEmploy,
    disability: doc.disability,
    partnerRegions: partnerRegions(doc),
  };
  return profile;
}

export async function searchPeople(
  meili: Meilisearch,
  prefix: string,
  job: JobFacts,
  taxonomy: Taxonomy,
  partnerRegions: (p: { regionCode: string }) => string[],
): Promise<PersonProfile[]> {
  const docs = await searchMerged<PersonDocument>(meili, peopleQueries(job, taxonomy, prefix));
  return docs.map((doc) => toPersonProfile(doc, partnerRegions));
}
