import crypto from 'node:crypto';
import { DEMO_PASSWORD, seedDemoAccounts, seedDemoData } from '../../prisma/seed/demo.ts';
import { hashPassword } from '../../services/identity/password.ts';
import type { SessionUser } from '../../services/platform/http/fastify-types.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import type { Role } from '../../services/platform/database/generated/enums.ts';

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = DEMO_PASSWORD;
export const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export async function createUser(
  db: Db,
  overrides: { role: Role; regionCode?: string; employerId?: string; username?: string },
) {
  return db.user.create({
    data: {
      username: overrides.username ?? `${overrides.role}.${crypto.randomBytes(4).toString('hex')}`,
      passwordHash: await testPasswordHash(),
      role: overrides.role,
      displayName: `Test ${overrides.role}`,
      regionCode: overrides.regionCode ?? null,
      employerId: overrides.employerId ?? null,
    },
  });
}

export function buildVacancy(employerId: string, overrides: Record<string, unknown> = {}) {
  return {
    employerId,
    title: '电子厂普工',
    occupationCode: 'C03-001',
    description: '长期招聘电子厂普工，包吃住，欢迎建档立卡劳动力报名。',
    skillCodes: [],
    regionCode: '350821',
    wageMin: 4000,
    wageMax: 5500,
    headcount: 5,
    ...overrides,
  };
}

/** A small demo province with the five demo accounts, for tests that need believable data. */
export async function seedSmallDemo(db: Db, piiKey: string) {
  const hash = await testPasswordHash();
  const seeded = await seedDemoData(db, { employers: 8, vacancies: 24, labourers: 60, piiKey });
  await seedDemoAccounts(db, hash, seeded.employerIds[0]!, seeded.labourerIds[0]!);
  return seeded;
}

/** A province officer (region 35) as services receive them, for tests that call a service directly. */
export const officer: SessionUser = {
  id: 'test-officer',
  username: 'officer.test',
  role: 'officer',
  displayName: 'Test officer',
  regionCode: '35',
  locale: 'zh-CN',
  labourerId: null,
  employerId: null,
};
