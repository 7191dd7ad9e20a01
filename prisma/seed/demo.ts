import { PiiCipher, maskIdNumber, storedPhone } from '../../services/platform/crypto/pii.ts';
import { idCheckCharacter } from '../../services/platform/crypto/id-number.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import type {
  EducationLevel,
  EmployerKind,
  EmploymentStatus,
  Mobility,
  SkillLevel,
} from '../../services/platform/database/generated/enums.ts';
import type { Prisma } from '../../services/platform/database/prisma.ts';
import { povertyOf } from './demo-modules.ts';
import { nameKeys } from '../../services/labourers/index.ts';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import { COMPANY_PREFIX, FACTORY_WORDS, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, WORKSHOP_PRODUCTS } from './names.ts';
import { Random } from './random.ts';

export { DEMO_PASSWORD, seedDemoAccounts } from './demo-accounts.ts';

const CATEGORIES_BY_KIND: Record<EmployerKind, string[]> = {
  company: ['C02', 'C03', 'C04', 'C06', 'C07', 'C01', 'C16'],
  poverty_workshop: ['C03', 'C04', 'C14', 'C10'],
  poverty_base: ['C10'],
  household_service: ['C05', 'C08'],
  labour_agency: ['C01', 'C02', 'C06', 'C09', 'C11'],
  public_welfare: ['C08'],
};
const WAGE_BY_CATEGORY: Record<string, [number, number]> = {
  C01: [5500, 9000],
  C02: [4000, 6500],
  C03: [3800, 6000],
  C04: [3800, 7000],
  C05: [4500, 9000],
  C06: [4500, 7000],
  C07: [3800, 6500],
  C08: [2800, 4200],
  C09: [3500, 5000],
  C10: [2600, 4500],
  C11: [5000, 8500],
  C12: [3500, 7000],
  C13: [3500, 8000],
  C14: [2000, 3800],
  C15: [5000, 8000],
  C16: [3200, 5000],
};
const FACTORY_CITIES = ['3501', '3502', '3503', '3505', '3506', '3508'];
const HOUSEHOLD_CITIES = ['3501', '3502', '3505'];

interface RegionLite {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  keyCounty: boolean;
}
interface OccupationLite {
  code: string;
  categoryCode: string;
  nameZh: string;
  skillCodes: string[];
}

export interface SeedOptions {
  labourers: number;
  vacancies: number;
  employers: number;
  seed?: number;
  piiKey: string;
  log?: (message: string) => void;
  /** Adds to an existing database instead of building the demo province (benchmark data). */
  append?: boolean;
}

function creditCode(random: Random, regionCode: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = `91${regionCode.slice(0, 6)}`;
  while (body.length < 17) body += alphabet[random.int(0, 30)];
  return body + creditCodeCheck(body);
}

function idNumber(random: Random, county: string, birth: Date, male: boolean): string {
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = random.int(0, 99) * 10 + (male ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]));
  const first17 = `${county}${date}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

function personName(random: Random, male: boolean): string {
  const given = male ? GIVEN_MALE : GIVEN_FEMALE;
  return random.pick(SURNAMES) + random.pick(given) + (random.chance(0.7) ? random.pick(given) : '');
}

function phone(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/**
 * Builds a believable province: workshops in the key poverty-alleviation counties, factories and
 * household-service companies in the coastal cities, their vacancies, and registered labourers
 * with varied skills, ages, wishes and statuses. The same seed gives the same province.
 */
export async function seedDemoData(db: Db, options: SeedOptions) {
  const random = new Random(options.seed ?? 20_260_101);
  const log = options.log ?? (() => {});
  const pii = new PiiCipher(options.piiKey);
  const now = new Date();

  const regions: RegionLite[] = await db.region.findMany({
    select: { code: true, name: true, level: true, parentCode: true, keyCounty: true },
  });
  const occupations: OccupationLite[] = await db.occupation.findMany({
    select: { code: true, categoryCode: true, nameZh: true, skillCodes: true },
  });
  if (!regions.length || !occupations.length) throw new Error('Load the reference data before seeding');
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const keyCounties = regions.filter((r) => r.keyCounty);
  const townshipsOf = (county: string) => regions.filter((r) => r.level === 'township' && r.parentCode === county);
  const countiesOf = (city: string) => regions.filter((r) => r.level === 'county' && r.parentCode === city);
  const occupationsIn = (category: string) => occupations.filter((o) => o.categoryCode === category);
  const placeIn = (county: string) => {
    const townships = townshipsOf(county);
    return townships.length && random.chance(0.7) ? random.pick(townships).code : county;
  };

  // Employers
  const employerRows: Array<{ id: string; name: string; kind: EmployerKind; regionCode: string }> = [];
  const employerData = [];
  for (let i = 0; i < options.employers; i++) {
    const kind: EmployerKind =
      i < 4 && !options.append
        ? (['poverty_workshop', 'household_service', 'company', 'poverty_base'] as const)[i]!
        : random.weighted<EmployerKind>([
            ['poverty_workshop', 30],
            ['company', 30],
            ['household_service', 18],
            ['poverty_base', 8],
            ['labour_agency', 8],
            ['public_welfare', 6],
          ]);
    let county: RegionLite;
    let name: string;
    if (kind === 'poverty_workshop' || kind === 'poverty_base' || kind === 'public_welfare') {
      county = i === 0 ? (byCode.get('350821') ?? random.pick(keyCounties)) : random.pick(keyCounties);
      const product = random.pick(WORKSHOP_PRODUCTS);
      const town = townshipsOf(county.code);
      const where = town.length ? random.pick(town).name : county.name;
      name =
        kind === 'poverty_workshop'
          ? `${county.name}${where === county.name ? '' : where}${product.word}扶贫车间`
          : kind === 'poverty_base'
            ? `${county.name}${random.pick(['高山', '生态', '富硒', '绿源'])}${random.pick(['茶叶', '食用菌', '果蔬', '油茶'])}扶贫基地`
            : `${county.name}${where === county.name ? '' : where}公益性岗位服务站`;
    } else {
      const cities = kind === 'household_service' ? HOUSEHOLD_CITIES : FACTORY_CITIES;
      const city = byCode.get(random.pick(cities))!;
      county = random.pick(countiesOf(city.code));
      const brand = random.pick(COMPANY_PREFIX) + random.pick(COMPANY_PREFIX);
      name =
        kind === 'household_service'
          ? `${city.name.replace('市', '')}${brand}家政服务有限公司`
          : kind === 'labour_agency'
            ? `${city.name.replace('市', '')}${brand}人力资源有限公司`
            : `福建${brand}${random.pick(FACTORY_WORDS)}有限公司`;
    }
    const id = crypto.randomUUID();
    const regionCode = placeIn(county.code);
    employerRows.push({ id, name: `${name}`, kind, regionCode });
    employerData.push({
      id,
      name: employerRows.filter((e) => e.name === name).length > 1 ? `${name}（${i + 1}）` : name,
      creditCode: creditCode(random, county.code),
      kind,
      regionCode,
      address: `${byCode.get(regionCode)?.name ?? county.name}${random.int(1, 300)}号`,
      contactName: personName(random, random.chance(0.5)),
      contactPhone: phone(random),
      verifiedAt: random.chance(0.9) || i < 4 ? addDays(now, -random.int(10, 400)) : null,
    });
  }
  await db.employer.createMany({ data: employerData });
  log(`seed: ${employerData.length} employers`);

  // Vacancies
  const vacancyIds: string[] = [];
  const vacancyData = [];
  for (let i = 0; i < options.vacancies; i++) {
    const employer = i < employerRows.length ? employerRows[i]! : random.pick(employerRows);
    const category = random.pick(CATEGORIES_BY_KIND[employer.kind]);
    const candidates = occupationsIn(category);
    const occupation = candidates.length ? random.pick(candidates) : random.pick(occupations);
    const [low, high] = WAGE_BY_CATEGORY[occupation.categoryCode] ?? [3000, 6000];
    const wageMin = Math.round(random.int(low, (low + high) / 2) / 100) * 100;
    const wageMax = Math.round(random.int(wageMin + 300, high) / 100) * 100;
    const status = random.weighted([
      ['open', 80],
      ['paused', 5],
      ['filled', 5],
      ['expired', 5],
      ['draft', 5],
    ] as const);
    const publishedAt = status === 'draft' ? null : addDays(now, -random.int(1, 60));
    const id = crypto.randomUUID();
    vacancyIds.push(id);
    const ageMin = random.pick([16, 18, 18, 20]);
    vacancyData.push({
      id,
      employerId: employer.id,
      title: `${occupation.nameZh.replace(/（.*）/, '')}${random.pick(['', '', '（长期）', '（包吃住）', '（可培训上岗）'])}`,
      occupationCode: occupation.code,
      description: `${employer.name}招聘${occupation.nameZh}，${random.pick(['工作稳定', '多劳多得', '有师傅带', '离家近'])}，${random.pick(['按时发放工资', '缴纳社会保险', '提供岗前培训', '节假日福利'])}。欢迎建档立卡劳动力报名。`,
      skillCodes: random.sample(occupation.skillCodes, random.int(1, Math.max(1, occupation.skillCodes.length))),
      regionCode: employer.regionCode,
      wageMin,
      wageMax,
      payBasis: employer.kind === 'poverty_workshop' && random.chance(0.4) ? ('piece' as const) : ('month' as const),
      headcount: random.int(1, employer.kind === 'company' ? 30 : 8),
      ageMin,
      ageMax: random.pick([45, 50, 55, 60]),
      accommodation: employer.kind !== 'poverty_workshop' && random.chance(0.6),
      meals: random.chance(0.55),
      travelSupport: employer.kind === 'household_service' || random.chance(0.2),
      workingHours: random.pick(['8小时/天', '8小时/天，月休4天', '9小时/天，双休', '按订单弹性安排', '早8点至晚5点']),
      shiftPattern: random.weighted([
        ['day', 60],
        ['two_shifts', 25],
        ['three_shifts', 5],
        ['flexible', 10],
      ] as const),
      contractType:
        employer.kind === 'labour_agency'
          ? ('labour_dispatch' as const)
          : employer.kind === 'poverty_base'
            ? ('seasonal' as const)
            : random.weighted([
                ['labour_contract', 85],
                ['part_time', 10],
                ['piecework', 5],
              ] as const),
      disabilityFriendly: employer.kind === 'poverty_workshop' ? random.chance(0.5) : random.chance(0.1),
      publicWelfarePost: employer.kind === 'public_welfare',
      educationMin: random.chance(0.2) ? ('junior_secondary' as const) : null,
      status,
      publishedAt,
      expiresAt: status === 'expired' ? addDays(now, -random.int(1, 20)) : addDays(now, random.int(15, 120)),
    });
  }
  for (let i = 0; i < vacancyData.length; i += 1000) {
    const chunk = vacancyData.slice(i, i + 1000);
    await db.$transaction(async (tx) => {
      await tx.vacancy.createMany({ data: chunk });
      await enqueueIndexing(
        tx,
        'vacancies',
        chunk.map((v) => v.id),
      );
    });
  }
  log(`seed: ${vacancyData.length} vacancies`);

  // Labourers
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
  const certificates = await db.certificateKind.findMany({ select: { code: true, occupationCodes: true } });
  const labourerIds: string[] = [];
  let batch: Prisma.LabourerCreateManyInput[] = [];
  let skillRows: Prisma.LabourerSkillCreateManyInput[] = [];
  let certificateRows: Prisma.LabourerCertificateCreateManyInput[] = [];
  let statusRows: Prisma.LabourerStatusChangeCreateManyInput[] = [];
  for (let i = 0; i < options.labourers; i++) {
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
    labourerIds.push(labourerId);
    const certificateKinds = certificates.filter((c) => c.occupationCodes.includes(skilled.code));
    if (certificateKinds.length && random.chance(0.35)) {
      certificateRows.push({
        labourerId,
        kind: random.pick(certificateKinds).code,
        level: random.pick([null, '初级', '中级']),
        issuer: `${county.name}人力资源和社会保障局`,
        issuedOn: addDays(now, -random.int(60, 2000)),
      });
    }
    for (const skillCode of skillCodes) {
      skillRows.push({ labourerId, skillCode, level: random.weighted(skillLevels) });
    }
    const statusSince = addDays(now, -random.int(30, 700));
    // One in 25 registered themselves and is not confirmed as 建档立卡 (from i, not the random stream).
    const selfRegistered = i % 25 === 3;
    const source = selfRegistered ? ('self' as const) : ('import' as const);
    statusRows.push({ labourerId, toStatus: employmentStatus, source, changedAt: statusSince });
    batch.push({
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
    if (batch.length === 1000 || i === options.labourers - 1) {
      const chunk = { labourers: batch, skills: skillRows, certificates: certificateRows, statuses: statusRows };
      batch = [];
      skillRows = [];
      certificateRows = [];
      statusRows = [];
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
      log(`seed: ${i + 1}/${options.labourers} labourers`);
    }
  }
  return { employerIds: employerRows.map((e) => e.id), vacancyIds, labourerIds };
}

/** The five demo accounts of the README, tied to a workshop and a labourer in 长汀县. */
