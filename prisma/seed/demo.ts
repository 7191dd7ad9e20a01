import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import type { EmployerKind } from '../../services/platform/database/generated/enums.ts';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import { COMPANY_PREFIX, FACTORY_WORDS, WORKSHOP_PRODUCTS } from './names.ts';
import { Random } from './random.ts';
import { seedLabourers } from './demo-labourers.ts';
import { addDays, loadProvince, personName, phone, type Province, type RegionLite } from './demo-province.ts';

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

type EmployerLite = { id: string; name: string; kind: EmployerKind; regionCode: string };

/** Workshops and bases in the key counties, factories and household-service firms in the coastal cities. */
async function seedEmployers(db: Db, province: Province, options: SeedOptions, log: (message: string) => void) {
  const { random, now, byCode, keyCounties, townshipsOf, countiesOf, placeIn } = province;
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
  return employerRows;
}

/** Vacancies of the employers' trades, mostly open; each written with its search-index outbox row. */
async function seedVacancies(
  db: Db,
  province: Province,
  employerRows: EmployerLite[],
  options: SeedOptions,
  log: (message: string) => void,
) {
  const { random, now, occupations, occupationsIn } = province;
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
    // A thousand rows on a busy machine can take longer than Prisma's 5 s default.
    await db.$transaction(
      async (tx) => {
        await tx.vacancy.createMany({ data: chunk });
        await enqueueIndexing(
          tx,
          'vacancies',
          chunk.map((v) => v.id),
        );
      },
      { timeout: 120_000 },
    );
  }
  log(`seed: ${vacancyData.length} vacancies`);
  return vacancyIds;
}

/**
 * Builds a believable province: workshops in the key poverty-alleviation counties, factories and
 * household-service companies in the coastal cities, their vacancies, and registered labourers
 * with varied skills, ages, wishes and statuses. The same seed gives the same province.
 */
export async function seedDemoData(db: Db, options: SeedOptions) {
  const random = new Random(options.seed ?? 20_260_101);
  const log = options.log ?? (() => {});
  const pii = new PiiCipher(options.piiKey);
  const province = await loadProvince(db, random, new Date());
  // Order matters: the three draw in turn from one random stream.
  const employerRows = await seedEmployers(db, province, options, log);
  const vacancyIds = await seedVacancies(db, province, employerRows, options, log);
  const labourerIds = await seedLabourers(db, province, pii, options.labourers, log);
  return { employerIds: employerRows.map((e) => e.id), vacancyIds, labourerIds };
}

/** The five demo accounts of the README, tied to a workshop and a labourer in 长汀县. */
