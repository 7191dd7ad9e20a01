import crypto from 'node:crypto';
import { nameKeys } from '../../labourers/index.ts';
import { idCheckCharacter } from '../../platform/crypto/id-number.ts';
import { maskIdNumber, type PiiCipher } from '../../platform/crypto/pii.ts';
import { creditCodeCheck } from '../../platform/validation/credit-code.ts';
import type { Point } from '../types.ts';
import { type Fixture, hasDisability, vacancySkills } from './fixture.ts';
import type { FixtureRepository } from './fixture.repository.ts';

const DAY = 86_400_000;

/**
 * A UUID derived from a fixture key: the same fixture gets the same ids on every run, so the
 * last tie-breaker of a ranking (the id) and Meilisearch's own order give the same result.
 */
function stableId(kind: string, key: string): string {
  const hex = crypto.createHash('sha256').update(`${kind}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface LoadedFixture {
  employers: Map<string, string>;
  vacancies: Map<string, string>;
  labourers: Map<string, string>;
  /** Labourer coordinates from the fixture (the registry has no column for them). */
  points: Map<string, Point>;
}

function idNumber(county: string, birthDate: string, serial: number): string {
  const first17 = `${county.slice(0, 6).padEnd(6, '0')}${birthDate.slice(0, 10).replaceAll('-', '')}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

function creditCode(region: string, serial: number): string {
  const body = `91${region.slice(0, 6).padEnd(6, '0')}MA${String(serial).padStart(7, '0')}`;
  return body + creditCodeCheck(body);
}

/** Writes a fixture into an empty registry and queues every record for the search index. */
export async function loadFixture(repo: FixtureRepository, fixture: Fixture, pii: PiiCipher): Promise<LoadedFixture> {
  const now = new Date(fixture.now);
  const employers = new Map(fixture.employers.map((e) => [e.key, stableId('employer', e.key)]));
  const vacancies = new Map(fixture.vacancies.map((v) => [v.key, stableId('vacancy', v.key)]));
  const labourers = new Map(fixture.labourers.map((l) => [l.key, stableId('labourer', l.key)]));
  const points = new Map<string, Point>();

  await repo.write({
    employers: fixture.employers.map((e, i) => ({
      id: employers.get(e.key)!,
      name: e.name,
      creditCode: creditCode(e.regionCode, i + 1),
      kind: e.kind,
      regionCode: e.regionCode,
      address: e.name,
      contactName: '联系人',
      contactPhone: e.contactPhone ?? `1390000${String(i).padStart(4, '0')}`,
      verifiedAt: e.verified ? new Date(now.getTime() - 100 * DAY) : null,
    })),
    vacancies: fixture.vacancies.map((v) => ({
      id: vacancies.get(v.key)!,
      employerId: employers.get(v.employer)!,
      title: v.title,
      occupationCode: v.occupationCode,
      description: v.description ?? v.title,
      skillCodes: vacancySkills(v).codes,
      requiredSkillLevels: vacancySkills(v).levels,
      preferredSkillCodes: v.preferredSkills,
      regionCode: v.regionCode,
      lat: v.lat ?? null,
      lng: v.lng ?? null,
      wageMin: v.wageMin,
      wageMax: v.wageMax,
      payBasis: v.payBasis,
      headcount: v.headcount,
      ageMin: v.ageMin ?? null,
      ageMax: v.ageMax ?? null,
      accommodation: v.accommodation,
      meals: v.meals,
      publicWelfarePost: v.publicWelfarePost,
      disabilityFriendly: v.disabilityFriendly,
      requiredCertificates: v.requiredCertificates,
      trainsForCertificate: v.trainsForCertificate,
      contractType: v.contractType,
      shiftPattern: v.shift,
      status: v.status,
      publishedAt:
        v.publishedAt === undefined ? new Date(now.getTime() - 30 * DAY) : v.publishedAt && new Date(v.publishedAt),
      expiresAt: v.expiresAt === undefined ? new Date(now.getTime() + 60 * DAY) : v.expiresAt && new Date(v.expiresAt),
    })),
    labourers: fixture.labourers.map((l, i) => {
      const id = idNumber(l.regionCode, l.birthDate, i);
      if (l.lat != null && l.lng != null) points.set(l.key, { lat: l.lat, lng: l.lng });
      const name = `测试${l.key}`.slice(0, 20);
      return {
        id: labourers.get(l.key)!,
        name,
        ...nameKeys(name),
        idNumberEncrypted: pii.encrypt(id),
        idNumberHash: pii.hash(`${id}:${l.key}`),
        idNumberMasked: maskIdNumber(id),
        sex: l.sex,
        birthDate: new Date(l.birthDate),
        regionCode: l.regionCode,
        mobility: l.mobility === 'partner' ? ('partner_region' as const) : l.mobility,
        desiredOccupations: l.desiredOccupations,
        expectedWage: l.expectedWage ?? null,
        needsAccommodation: l.needsAccommodation,
        hardToEmploy: l.hardToEmploy,
        disability: hasDisability(l),
        wantsJob: l.wantsJob,
        // Fixture people stand for the poverty office's list (建档立卡), as the registry's figures count.
        povertyStatus: 'registered' as const,
      };
    }),
    skills: fixture.labourers.flatMap((l) =>
      l.skills.map((s) =>
        typeof s === 'string'
          ? { labourerId: labourers.get(l.key)!, skillCode: s }
          : { labourerId: labourers.get(l.key)!, skillCode: s.code, level: s.level },
      ),
    ),
    certificates: fixture.labourers.flatMap((l) =>
      l.certificates.map((kind) => ({ labourerId: labourers.get(l.key)!, kind })),
    ),
    applications: fixture.applications.map((a) => ({
      labourerId: labourers.get(a.labourer)!,
      vacancyId: vacancies.get(a.vacancy)!,
      status: a.status,
      origin: 'self' as const,
      hiredAt: a.hiredAt ? new Date(a.hiredAt) : null,
      startedAt: a.startedAt ? new Date(a.startedAt) : null,
      leftAt: a.leftAt ? new Date(a.leftAt) : null,
    })),
    feedback: fixture.feedback.map((f) => ({
      labourerId: labourers.get(f.labourer)!,
      vacancyId: vacancies.get(f.vacancy)!,
      reason: f.reason ?? null,
    })),
  });
  return { employers, vacancies, labourers, points };
}
