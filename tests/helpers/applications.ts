/**
 * Test factories for applications and subsidies (used by tests/{api,pages,services}/applications*.test.ts and
 * tests/{api,services}/subsidies*.test.ts only). They write rows directly, with outbox rows where the real
 * writers add them, so tests can set up states (a start six months ago) that no API can create.
 */
import crypto from 'node:crypto';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import { idCheckCharacter } from '../../services/platform/crypto/id-number.ts';
import { maskIdNumber, type PiiCipher, storedPhone } from '../../services/platform/crypto/pii.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import type {
  ApplicationOrigin,
  ApplicationStatus,
  EmployerKind,
  PovertyStatus,
  Role,
  VacancyStatus,
} from '../../services/platform/database/generated/enums.ts';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import type { SessionUser } from '../../services/platform/http/fastify-types.ts';

let serial = 0;
const next = () => (serial += 1);

function creditCode(region: string): string {
  const body = `9135${region.slice(2, 6)}MA${String(next()).padStart(5, '0')}${crypto.randomInt(10, 99)}`;
  return body + creditCodeCheck(body);
}

function idNumber(county: string, birth: string, male: boolean): string {
  const seq = (next() * 2 + (male ? 1 : 0)) % 1000;
  const first17 = `${county}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export async function createEmployer(
  db: Db,
  over: { kind?: EmployerKind; regionCode?: string; verified?: boolean; name?: string } = {},
) {
  const regionCode = over.regionCode ?? '350821';
  return db.employer.create({
    data: {
      name: over.name ?? `测试用工单位${next()}`,
      creditCode: creditCode(regionCode),
      kind: over.kind ?? 'company',
      regionCode,
      address: '测试地址1号',
      contactName: '赖春生',
      contactPhone: '13905970001',
      verifiedAt: over.verified === false ? null : new Date(Date.now() - 30 * 86_400_000),
    },
  });
}

export async function createVacancy(
  db: Db,
  employerId: string,
  over: {
    status?: VacancyStatus;
    regionCode?: string;
    headcount?: number;
    publicWelfarePost?: boolean;
    expiresAt?: Date | null;
    ageMin?: number | null;
    ageMax?: number | null;
    title?: string;
    wageMin?: number;
    wageMax?: number;
  } = {},
) {
  return db.$transaction(async (tx) => {
    const vacancy = await tx.vacancy.create({
      data: {
        employerId,
        title: over.title ?? '电子厂普工',
        occupationCode: 'C03-001',
        description: '长期招聘电子厂普工，包吃住，欢迎建档立卡劳动力报名。',
        skillCodes: [],
        regionCode: over.regionCode ?? '350821',
        wageMin: over.wageMin ?? 4000,
        wageMax: over.wageMax ?? 5500,
        headcount: over.headcount ?? 5,
        ageMin: over.ageMin === undefined ? 18 : over.ageMin,
        ageMax: over.ageMax === undefined ? 55 : over.ageMax,
        publicWelfarePost: over.publicWelfarePost ?? false,
        status: over.status ?? 'open',
        publishedAt: new Date(),
        expiresAt: over.expiresAt === undefined ? new Date(Date.now() + 30 * 86_400_000) : over.expiresAt,
      },
    });
    await enqueueIndexing(tx, 'vacancies', [vacancy.id]);
    return vacancy;
  });
}

export async function createPerson(
  db: Db,
  pii: PiiCipher,
  over: {
    name?: string;
    regionCode?: string;
    birth?: string;
    male?: boolean;
    hardToEmploy?: boolean;
    povertyStatus?: PovertyStatus;
    skills?: string[];
    wantsJob?: boolean;
    consentShowEmployer?: boolean;
  } = {},
) {
  const regionCode = over.regionCode ?? '350821';
  const birth = over.birth ?? '19900515';
  const male = over.male ?? true;
  const id = idNumber(regionCode.slice(0, 6), birth, male);
  return db.$transaction(async (tx) => {
    const person = await tx.labourer.create({
      data: {
        name: over.name ?? '林建华',
        idNumberEncrypted: pii.encrypt(id),
        idNumberHash: pii.hash(id),
        idNumberMasked: maskIdNumber(id),
        sex: male ? 'male' : 'female',
        birthDate: new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`),
        ...storedPhone(pii, '13905971234'),
        regionCode,
        hardToEmploy: over.hardToEmploy ?? false,
        povertyStatus: over.povertyStatus ?? 'registered',
        wantsJob: over.wantsJob ?? true,
        consentShowEmployer: over.consentShowEmployer ?? true,
        desiredOccupations: ['C03-001'],
        expectedWage: 4200,
        skills: { create: (over.skills ?? ['S-ELEC-ASSEMBLY']).map((skillCode) => ({ skillCode })) },
      },
    });
    await tx.labourerStatusChange.create({ data: { labourerId: person.id, toStatus: 'unemployed', source: 'manual' } });
    await enqueueIndexing(tx, 'labourers', [person.id]);
    return { ...person, idNumber: id };
  });
}

export async function createAccount(
  db: Db,
  role: Role,
  over: { regionCode?: string; employerId?: string; labourerId?: string; displayName?: string } = {},
) {
  const user = await db.user.create({
    data: {
      username: `${role}.${crypto.randomBytes(5).toString('hex')}`,
      passwordHash: 'not-used-by-service-tests',
      role,
      displayName: over.displayName ?? `测试${role}`,
      regionCode: over.regionCode ?? null,
      employerId: over.employerId ?? null,
      labourerId: over.labourerId ?? null,
    },
  });
  return sessionUser(user);
}

export function sessionUser(user: {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  regionCode: string | null;
  locale: string;
  labourerId: string | null;
  employerId: string | null;
}): SessionUser {
  const { id, username, role, displayName, regionCode, locale, labourerId, employerId } = user;
  return { id, username, role, displayName, regionCode, locale, labourerId, employerId };
}

/** An application in any state with the dates of its steps, and one history row per step. */
export async function createApplication(
  db: Db,
  data: {
    labourerId: string;
    vacancyId: string;
    status: ApplicationStatus;
    origin?: ApplicationOrigin;
    hiredAt?: Date | null;
    startedAt?: Date | null;
    leftAt?: Date | null;
    leftReason?: string | null;
  },
) {
  return db.application.create({
    data: {
      labourerId: data.labourerId,
      vacancyId: data.vacancyId,
      status: data.status,
      origin: data.origin ?? 'self',
      hiredAt: data.hiredAt ?? data.startedAt ?? null,
      startedAt: data.startedAt ?? null,
      leftAt: data.leftAt ?? null,
      leftReason: data.leftReason ?? (data.leftAt ? '家中有事' : null),
      transitions: { create: [{ fromStatus: null, toStatus: data.status, note: 'fixture' }] },
    },
  });
}

/** A graduate record (the graduates module's register) of a person, left school on 1 July without work. */
export async function createGraduateRecord(
  db: Db,
  person: { id: string; regionCode: string },
  over: { graduationYear: number; wish?: 'job' | 'start_up' | 'further_study'; schoolName?: string },
) {
  const leftSchoolOn = new Date(`${over.graduationYear}-07-01T00:00:00Z`);
  return db.graduate.create({
    data: {
      labourerId: person.id,
      regionCode: person.regionCode,
      schoolName: over.schoolName ?? '闽西职业技术学院',
      schoolKind: 'college',
      major: '电子信息',
      graduationYear: over.graduationYear,
      leftSchoolOn,
      wish: over.wish ?? 'job',
      status: 'left_without_work',
      statusSince: leftSchoolOn,
      occupations: [],
    },
  });
}
