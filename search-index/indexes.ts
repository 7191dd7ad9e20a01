import type { Meilisearch, Settings } from 'meilisearch';
import { succeeded } from './client.ts';

/** The indexes WorkBridge keeps, with their settings. Settings are applied at start (idempotent). */
export const INDEX_SETTINGS = {
  vacancies: {
    // In order of weight: a match in the title counts more than one in a piece of a word (nameGrams).
    searchableAttributes: [
      'title',
      'occupationName',
      'occupationAliases',
      'nameGrams',
      'skillNames',
      'employerName',
      'regionName',
      'description',
    ],
    filterableAttributes: [
      'docVersion',
      'status',
      'employerVerified',
      'employerId',
      'employerKind',
      'regionPrefixes',
      'occupationCode',
      'categoryCode',
      'skillCodes',
      'wageMin',
      'wageMax',
      'payBasis',
      'accommodation',
      'meals',
      'travelSupport',
      'disabilityFriendly',
      'publicWelfarePost',
      'requiredCertificates',
      'trainsForCertificate',
      'contractType',
      'shiftPattern',
      'ageMin',
      'ageMax',
      'expiresAt',
      '_geo',
    ],
    sortableAttributes: ['publishedAt', 'wageMax', 'wageMin', 'expiresAt', '_geo'],
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['zho'] }],
    pagination: { maxTotalHits: 5000 },
  },
  labourers: {
    // Personal data never reaches this index: no name in clear, no ID number, no phone.
    searchableAttributes: ['skillNames', 'desiredOccupationNames', 'regionName'],
    filterableAttributes: [
      'regionPrefixes',
      'skillCodes',
      'certificateKinds',
      'desiredOccupations',
      'disability',
      'hardToEmploy',
      'employmentStatus',
      'wantsJob',
      'mobility',
      'expectedWage',
      'needsAccommodation',
      'age',
      'sex',
      '_geo',
    ],
    sortableAttributes: ['updatedAt', 'expectedWage', '_geo'],
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['zho'] }],
    pagination: { maxTotalHits: 5000 },
  },
} satisfies Record<string, Settings>;

export type IndexName = keyof typeof INDEX_SETTINGS;
export const INDEX_NAMES = Object.keys(INDEX_SETTINGS) as IndexName[];

export function indexUid(prefix: string, name: IndexName): string {
  return `${prefix}${name}`;
}

export async function applyIndexSettings(client: Meilisearch, prefix: string, uid?: (name: IndexName) => string) {
  for (const name of INDEX_NAMES) {
    const target = uid ? uid(name) : indexUid(prefix, name);
    await succeeded(client.index(target).updateSettings(INDEX_SETTINGS[name]));
  }
}
