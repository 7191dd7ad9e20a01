/**
 * Claimants with accounts for the self-service subsidy tests (tests/api and tests/pages
 * subsidy-self-claims*): a workshop employer with a hire kept 7 months and one started last month,
 * another employer, a registered poor person with a business and one without, and a county officer.
 */
import crypto from 'node:crypto';
import type { Db } from '../../services/platform/database/prisma.ts';
import type { PiiCipher } from '../../services/platform/crypto/pii.ts';
import type { Role } from '../../services/platform/database/generated/enums.ts';
import { createApplication, createEmployer, createPerson, createVacancy } from './applications.ts';
import { testPasswordHash } from './factories.ts';

const monthsAgo = (months: number) => new Date(Date.now() - months * 31 * 86_400_000);

async function account(db: Db, role: Role, link: { employerId?: string; labourerId?: string; regionCode?: string }) {
  const user = await db.user.create({
    data: {
      username: `${role}.${crypto.randomBytes(4).toString('hex')}`,
      passwordHash: await testPasswordHash(),
      role,
      displayName: role === 'officer' ? '县人社经办员' : `测试${role}`,
      regionCode: link.regionCode ?? null,
      employerId: link.employerId ?? null,
      labourerId: link.labourerId ?? null,
    },
  });
  return user.username;
}

export async function selfClaimsFixture(db: Db, pii: PiiCipher) {
  const workshop = await createEmployer(db, { kind: 'poverty_workshop', name: '长汀县红心扶贫车间' });
  const other = await createEmployer(db, { name: '长汀县别家公司' });
  const vacancy = await createVacancy(db, workshop.id);
  const otherVacancy = await createVacancy(db, other.id);
  const kept = await createPerson(db, pii, { name: '钟有福' });
  const recent = await createPerson(db, pii, { name: '刘春花', male: false });
  const keptHire = await createApplication(db, {
    labourerId: kept.id,
    vacancyId: vacancy.id,
    status: 'started',
    startedAt: monthsAgo(7),
  });
  const recentHire = await createApplication(db, {
    labourerId: recent.id,
    vacancyId: vacancy.id,
    status: 'started',
    startedAt: monthsAgo(1),
  });
  const otherHire = await createApplication(db, {
    labourerId: recent.id,
    vacancyId: otherVacancy.id,
    status: 'started',
    startedAt: monthsAgo(8),
  });
  const founder = await createPerson(db, pii, { name: '邱福生' });
  await db.businessRegistration.create({
    data: { labourerId: founder.id, name: '长汀县福生农产品经营部', registeredOn: new Date('2026-03-01T00:00:00Z') },
  });
  const noBusiness = await createPerson(db, pii, { name: '赖秋英', male: false });
  return {
    workshop,
    other,
    keptHire,
    recentHire,
    otherHire,
    founder,
    noBusiness,
    users: {
      workshop: await account(db, 'employer', { employerId: workshop.id }),
      other: await account(db, 'employer', { employerId: other.id }),
      founder: await account(db, 'labourer', { labourerId: founder.id }),
      noBusiness: await account(db, 'labourer', { labourerId: noBusiness.id }),
      officer: await account(db, 'officer', { regionCode: '350821' }),
    },
  };
}
