import { enqueueIndexing } from '../../search-index/outbox.ts';
import { nameKeys } from '../../services/labourers/index.ts';
import { maskIdNumber, type PiiCipher, storedPhone } from '../../services/platform/crypto/pii.ts';
import type {
  EducationLevel,
  EmploymentStatus,
  Mobility,
  SkillLevel,
} from '../../services/platform/database/generated/enums.ts';
import type { Db, Prisma } from '../../services/platform/database/prisma.ts';
import { povertyOf } from './demo-modules.ts';
import { addDays, idNumber, personName, phone, type Province } from './demo-province.ts';

const statuses: Array<readonly [EmploymentStatus, number]> = [
  ['unemployed', 30],
  ['employed_local', 22],
  ['transferred_in_province', 16],
  ['transferred_out_province', 8],
  ['self_employed', 7],
  ['public_welfare_post', 5],
  ['in_training', 4],
  ['not_in_labour_force', 8],
];
const mobilities: Array<readonly [Mobility, number]> = [
  ['township', 15],
  ['county', 35],
  ['city', 20],
  ['province', 20],
  ['partner_region', 2],
  ['anywhere', 8],
];
const skillLevels: Array<readonly [SkillLevel, number]> = [
  ['beginner', 25],
  ['intermediate', 45],
  ['skilled', 25],
  ['expert', 5],
];
const educationLevels: Array<readonly [EducationLevel, number]> = [
  ['primary', 20],
  ['junior_secondary', 45],
  ['senior_secondary', 20],
  ['vocational', 10],
  ['college', 5],
];

interface LabourerRows {
  labourers: Prisma.LabourerCreateManyInput[];
  skills: Prisma.LabourerSkillCreateManyInput[];
  certificates: Prisma.LabourerCertificateCreateManyInput[];
  statuses: Prisma.LabourerStatusChangeCreateManyInput[];
}

type CertificateKinds = Array<{ code: string; occupationCodes: string[] }>;

/** One demo labourer (the i-th) with skills, maybe a certificate, and the start of their status history. */
function addDemoLabourer(
  province: Province,
  pii: PiiCipher,
  certificates: CertificateKinds,
  i: number,
  rows: LabourerRows,
): string {
  const { random, now, regions, keyCounties, occupations, placeIn } = province;
  const male = random.chance(0.52);
  const county = random.chance(0.85)
    ? random.pick(keyCounties)
    : random.pick(regions.filter((r) => r.level === 'county' && r.code.startsWith('35')));
  const age = random.int(17, 62);
  const birth = new Date(Date.UTC(now.getUTCFullYear() - age, random.int(0, 11), random.int(1, 28)));
  const id = idNumber(random, county.code, birth, male);
  const skilled = random.pick(occupations);
  const skillCodes = random.chance(0.8) ? random.sample(skilled.skillCodes, random.int(1, 3)) : [];
  const employmentStatus: EmploymentStatus =
    age >= 60 && random.chance(0.5) ? 'not_in_labour_force' : random.weighted(statuses);
  const wantsJob =
    employmentStatus === 'unemployed'
      ? random.chance(0.9)
      : employmentStatus === 'not_in_labour_force'
        ? false
        : random.chance(0.25);
  const labourerId = crypto.randomUUID();
  const name = personName(random, male);
  const certificateKinds = certificates.filter((c) => c.occupationCodes.includes(skilled.code));
  if (certificateKinds.length && random.chance(0.35)) {
    rows.certificates.push({
      labourerId,
      kind: random.pick(certificateKinds).code,
      level: random.pick([null, '初级', '中级']),
      issuer: `${county.name}人力资源和社会保障局`,
      issuedOn: addDays(now, -random.int(60, 2000)),
    });
  }
  for (const skillCode of skillCodes) {
    rows.skills.push({ labourerId, skillCode, level: random.weighted(skillLevels) });
  }
  const statusSince = addDays(now, -random.int(30, 700));
  // One in 25 registered themselves and is not confirmed as 建档立卡 (from i, not the random stream).
  const selfRegistered = i % 25 === 3;
  const source = selfRegistered ? ('self' as const) : ('import' as const);
  rows.statuses.push({ labourerId, toStatus: employmentStatus, source, changedAt: statusSince });
  rows.labourers.push({
    id: labourerId,
    name,
    ...nameKeys(name),
    idNumberEncrypted: pii.encrypt(id),
    idNumberHash: pii.hash(id),
    idNumberMasked: maskIdNumber(id),
    sex: male ? ('male' as const) : ('female' as const),
    birthDate: birth,
    ...storedPhone(pii, random.chance(0.9) ? phone(random) : null),
    regionCode: placeIn(county.code),
    educationLevel: random.weighted(educationLevels),
    ...povertyOf(random.chance(0.7) ? 'lifted_out' : 'registered', selfRegistered, statusSince),
    povertyHouseholdNo: `${county.code}${String(random.int(1, 99999)).padStart(5, '0')}`,
    // 脱贫年度: mostly within the plan (2018–2020); those of 2017 are outside its population.
    povertyYear: random.int(2017, 2020),
    disability: random.chance(0.06),
    hardToEmploy: random.chance(0.08),
    employmentStatus,
    employmentStatusSince: statusSince,
    wantsJob,
    mobility: random.weighted(mobilities),
    desiredOccupations: random.sample([skilled.code, random.pick(occupations).code], random.int(1, 2)),
    expectedWage: Math.round(random.int(2500, 7500) / 100) * 100,
    needsAccommodation: random.chance(0.35),
    trainingWishes: random.chance(0.2) ? [random.pick(occupations).code] : [],
    pensionInsurance: age >= 16 && random.chance(0.85) ? ('urban_rural_resident' as const) : ('none' as const),
    consentContact: random.chance(0.95),
    consentShowEmployer: random.chance(0.92),
  });
  return labourerId;
}

/** Writes a chunk of labourers with their rows and outbox entries in one transaction. */
async function writeLabourers(db: Db, chunk: LabourerRows) {
  await db.$transaction(
    async (tx) => {
      const written = await tx.labourer.createManyAndReturn({
        data: chunk.labourers,
        skipDuplicates: true,
        select: { id: true },
      });
      const ids = new Set(written.map((w) => w.id));
      await tx.labourerSkill.createMany({ data: chunk.skills.filter((r) => ids.has(r.labourerId)) });
      await tx.labourerCertificate.createMany({ data: chunk.certificates.filter((r) => ids.has(r.labourerId)) });
      await tx.labourerStatusChange.createMany({ data: chunk.statuses.filter((r) => ids.has(r.labourerId)) });
      await enqueueIndexing(tx, 'labourers', [...ids]);
    },
    { timeout: 120_000 },
  );
}

const noRows = (): LabourerRows => ({ labourers: [], skills: [], certificates: [], statuses: [] });

/**
 * Registered labourers of varied skills, ages, wishes and statuses, mostly in the key counties,
 * written in chunks of 1,000.
 */
export async function seedLabourers(
  db: Db,
  province: Province,
  pii: PiiCipher,
  count: number,
  log: (message: string) => void,
): Promise<string[]> {
  const certificates = await db.certificateKind.findMany({ select: { code: true, occupationCodes: true } });
  const labourerIds: string[] = [];
  let rows = noRows();
  for (let i = 0; i < count; i++) {
    labourerIds.push(addDemoLabourer(province, pii, certificates, i, rows));
    if (rows.labourers.length === 1000 || i === count - 1) {
      await writeLabourers(db, rows);
      rows = noRows();
      log(`seed: ${i + 1}/${count} labourers`);
    }
  }
  return labourerIds;
}
