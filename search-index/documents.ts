import { maskName } from '../services/platform/crypto/pii.ts';
import type { Db } from '../services/platform/database/prisma.ts';
import type { IndexName } from './indexes.ts';
import { type ReferenceNames, regionPrefixes } from '../services/platform/reference/reference-data.ts';
import { nameGrams, occupationAliases, vacancyDocumentVersion } from './search-text.ts';

const seconds = (date: Date | null | undefined) => (date ? Math.floor(date.getTime() / 1000) : null);

function ageOn(birthDate: Date, today = new Date()): number {
  const age = today.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birthDate.getUTCMonth() ||
    (today.getUTCMonth() === birthDate.getUTCMonth() && today.getUTCDate() < birthDate.getUTCDate());
  return beforeBirthday ? age - 1 : age;
}

export type SearchDocument = Record<string, unknown> & { id: string };

export interface DocumentBatch {
  documents: SearchDocument[];
  /** Ids with nothing to index (deleted, or not to be shown): removed from the index. */
  absent: string[];
}

async function vacancyDocuments(db: Db, ref: ReferenceNames, ids: string[]): Promise<DocumentBatch> {
  const rows = await db.vacancy.findMany({
    where: { id: { in: ids } },
    include: { employer: { select: { name: true, kind: true, verifiedAt: true } } },
  });
  const docVersion = vacancyDocumentVersion();
  const documents = rows.map((v) => {
    const occupation = ref.occupation(v.occupationCode);
    const point = v.lat != null && v.lng != null ? { lat: v.lat, lng: v.lng } : ref.regionPoint(v.regionCode);
    return {
      id: v.id,
      docVersion,
      title: v.title,
      description: v.description.slice(0, 2000),
      occupationCode: v.occupationCode,
      occupationName: occupation?.name ?? '',
      // Search helps (search-text.ts): colloquial names, and pieces of words inside longer words.
      occupationAliases: occupationAliases(v.occupationCode),
      nameGrams: nameGrams([v.title, occupation?.name ?? '']),
      categoryCode: occupation?.categoryCode ?? '',
      skillCodes: v.skillCodes,
      skillNames: ref.skillNames(v.skillCodes),
      employerId: v.employerId,
      employerName: v.employer.name,
      employerKind: v.employer.kind,
      employerVerified: v.employer.verifiedAt !== null,
      regionCode: v.regionCode,
      regionName: ref.regionName(v.regionCode),
      regionPrefixes: regionPrefixes(v.regionCode),
      wageMin: v.wageMin,
      wageMax: v.wageMax,
      payBasis: v.payBasis,
      headcount: v.headcount,
      ageMin: v.ageMin,
      ageMax: v.ageMax,
      accommodation: v.accommodation,
      meals: v.meals,
      travelSupport: v.travelSupport,
      educationMin: v.educationMin,
      preferredSkillCodes: v.preferredSkillCodes,
      shiftPattern: v.shiftPattern,
      contractType: v.contractType,
      disabilityFriendly: v.disabilityFriendly,
      publicWelfarePost: v.publicWelfarePost,
      requiredCertificates: v.requiredCertificates,
      requiredSkillLevels: v.requiredSkillLevels,
      trainsForCertificate: v.trainsForCertificate,
      startDate: seconds(v.startDate),
      status: v.status,
      publishedAt: seconds(v.publishedAt),
      expiresAt: seconds(v.expiresAt),
      updatedAt: seconds(v.updatedAt),
      ...(point ? { _geo: point } : {}),
    };
  });
  const found = new Set(rows.map((r) => r.id));
  return { documents, absent: ids.filter((id) => !found.has(id)) };
}

async function labourerDocuments(db: Db, ref: ReferenceNames, ids: string[]): Promise<DocumentBatch> {
  const rows = await db.labourer.findMany({
    // Only people who agreed to be shown to employers are indexed at all; erased people never.
    where: { id: { in: ids }, consentShowEmployer: true, erasedAt: null },
    select: {
      id: true,
      name: true,
      sex: true,
      birthDate: true,
      regionCode: true,
      skills: { select: { skillCode: true, level: true } },
      certificates: { select: { kind: true } },
      desiredOccupations: true,
      disability: true,
      hardToEmploy: true,
      availableFrom: true,
      mobility: true,
      expectedWage: true,
      needsAccommodation: true,
      employmentStatus: true,
      wantsJob: true,
      updatedAt: true,
    },
  });
  const documents = rows.map((l) => {
    const point = ref.regionPoint(l.regionCode);
    const skillCodes = l.skills.map((skill) => skill.skillCode);
    return {
      id: l.id,
      maskedName: maskName(l.name),
      sex: l.sex,
      age: ageOn(l.birthDate),
      regionCode: l.regionCode,
      regionName: ref.regionName(l.regionCode),
      regionPrefixes: regionPrefixes(l.regionCode),
      skillCodes,
      skillLevels: l.skills.map((skill) => `${skill.skillCode}:${skill.level}`),
      skillNames: ref.skillNames(skillCodes),
      certificateKinds: [...new Set(l.certificates.map((c) => c.kind))],
      disability: l.disability,
      hardToEmploy: l.hardToEmploy,
      availableFrom: seconds(l.availableFrom),
      desiredOccupations: l.desiredOccupations,
      desiredOccupationNames: ref.occupationNames(l.desiredOccupations),
      mobility: l.mobility,
      expectedWage: l.expectedWage,
      needsAccommodation: l.needsAccommodation,
      employmentStatus: l.employmentStatus,
      wantsJob: l.wantsJob,
      updatedAt: seconds(l.updatedAt),
      ...(point ? { _geo: point } : {}),
    };
  });
  const found = new Set(rows.map((r) => r.id));
  return { documents, absent: ids.filter((id) => !found.has(id)) };
}

export const DOCUMENT_LOADERS: Record<
  IndexName,
  (db: Db, ref: ReferenceNames, ids: string[]) => Promise<DocumentBatch>
> = {
  vacancies: vacancyDocuments,
  labourers: labourerDocuments,
};

/** Every id that belongs in an index, in pages, for a full rebuild. */
export async function* allIds(db: Db, name: IndexName, pageSize = 1000): AsyncGenerator<string[]> {
  let cursor: string | undefined;
  for (;;) {
    const page =
      name === 'vacancies'
        ? await db.vacancy.findMany({
            select: { id: true },
            orderBy: { id: 'asc' },
            take: pageSize,
            ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          })
        : await db.labourer.findMany({
            where: { consentShowEmployer: true, erasedAt: null },
            select: { id: true },
            orderBy: { id: 'asc' },
            take: pageSize,
            ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          });
    if (page.length === 0) return;
    yield page.map((row) => row.id);
    cursor = page.at(-1)?.id;
    if (page.length < pageSize) return;
  }
}

export async function countIds(db: Db, name: IndexName): Promise<number> {
  return name === 'vacancies'
    ? db.vacancy.count()
    : db.labourer.count({ where: { consentShowEmployer: true, erasedAt: null } });
}
