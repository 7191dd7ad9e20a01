import crypto from 'node:crypto';
import { enqueueIndexing } from '../../../search-index/outbox.ts';
import type { Db } from '../../platform/database/prisma.ts';
import { creditCodeCheck } from '../../platform/validation/credit-code.ts';
import type { SearchFixture } from './search-fixture.ts';

const DAY = 86_400_000;

function creditCode(region: string, serial: number): string {
  const body = `91${region.slice(0, 6).padEnd(6, '0')}MA${String(serial).padStart(7, '0')}`;
  return body + creditCodeCheck(body);
}

/** Writes a search fixture's employers and vacancies and queues the vacancies for the index; returns key → id. */
export async function writeSearchFixture(db: Db, fixture: SearchFixture): Promise<Map<string, string>> {
  const now = new Date(fixture.now);
  const employers = new Map(fixture.employers.map((e) => [e.key, crypto.randomUUID()]));
  const vacancies = new Map(fixture.vacancies.map((v) => [v.key, crypto.randomUUID()]));
  await db.employer.createMany({
    data: fixture.employers.map((e, i) => ({
      id: employers.get(e.key)!,
      name: e.name,
      creditCode: creditCode(e.regionCode, i + 1),
      kind: e.kind,
      regionCode: e.regionCode,
      address: e.name,
      contactName: '联系人',
      contactPhone: `1390000${String(i).padStart(4, '0')}`,
      verifiedAt: e.verified ? new Date(now.getTime() - 100 * DAY) : null,
    })),
  });
  await db.vacancy.createMany({
    data: fixture.vacancies.map(({ key, employer, skills, preferredSkills, description, ...v }) => ({
      ...v,
      id: vacancies.get(key)!,
      employerId: employers.get(employer)!,
      description: description ?? v.title,
      skillCodes: skills,
      preferredSkillCodes: preferredSkills,
      lat: v.lat ?? null,
      lng: v.lng ?? null,
      ageMin: v.ageMin ?? null,
      ageMax: v.ageMax ?? null,
      publishedAt:
        v.publishedAt === undefined ? new Date(now.getTime() - 30 * DAY) : v.publishedAt && new Date(v.publishedAt),
      expiresAt: v.expiresAt === undefined ? new Date(now.getTime() + 60 * DAY) : v.expiresAt && new Date(v.expiresAt),
    })),
  });
  await db.$transaction((tx) => enqueueIndexing(tx, 'vacancies', [...vacancies.values()]));
  return vacancies;
}
