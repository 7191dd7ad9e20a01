import crypto from 'node:crypto';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import { followUpPlan } from '../../services/cooperation/index.ts';
import { nameKeys } from '../../services/labourers/index.ts';
import { idCheckCharacter } from '../../services/platform/crypto/id-number.ts';
import { maskIdNumber, PiiCipher, storedPhone } from '../../services/platform/crypto/pii.ts';
import type { FollowUpState } from '../../services/platform/database/generated/enums.ts';
import type { Db, Prisma } from '../../services/platform/database/prisma.ts';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import type { ModuleSeeder } from './demo-modules.ts';
import { GIVEN_FEMALE, GIVEN_MALE } from './names.ts';
import { Random } from './random.ts';

const DAY = 86_400_000;
// Common surnames of southern Ningxia (Hui and Han families).
const NINGXIA_SURNAMES = ['马', '杨', '李', '王', '张', '海', '田', '冶', '苏', '金', '何', '虎'];

/**
 * The province's east-west cooperation with Ningxia. The pairings are illustrative (Fujian's
 * cities with Ningxia's cities, as in the long-standing Fujian–Ningxia partnership), not the
 * official list: 福州市–固原市, 厦门市–中卫市, 泉州市–吴忠市.
 */
const PAIRINGS = [
  {
    home: '3501',
    partner: '6404',
    title: '福州市—固原市东西部劳务协作',
    contacts: ['林建国', '0591-87654321', '马海军', '0954-2034567'],
  },
  {
    home: '3502',
    partner: '6405',
    title: '厦门市—中卫市东西部劳务协作',
    contacts: ['陈志明', '0592-5123456', '杨秀梅', '0955-7012345'],
  },
  {
    home: '3505',
    partner: '6403',
    title: '泉州市—吴忠市东西部劳务协作',
    contacts: ['黄丽娟', '0595-22345678', '李德福', '0953-2123456'],
  },
] as const;

function idNumber(random: Random, county: string, birth: Date, male: boolean): string {
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = random.int(0, 99) * 10 + (male ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]));
  const first17 = `${county}${date}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

async function employerFor(
  db: Db,
  random: Random,
  kind: 'household_service' | 'company',
  name: string,
  county: string,
) {
  const found = await db.employer.findFirst({
    where: { kind, regionCode: { startsWith: '3501' }, verifiedAt: { not: null } },
    select: { id: true },
  });
  if (found) return found.id;
  let body = `91${county}`;
  while (body.length < 17) body += String(random.int(0, 9));
  const created = await db.employer.create({
    data: {
      name,
      creditCode: body + creditCodeCheck(body),
      kind,
      regionCode: county,
      address: `${name}所在园区1号`,
      contactName: '郑经理',
      contactPhone: '13905910000',
      verifiedAt: new Date(Date.now() - 200 * DAY),
    },
  });
  return created.id;
}

type Person = { id: string; household: boolean };

/** This year's agreements of the three pairings, and 福州's two stations in 固原. */
async function seedAgreements(db: Db, year: number) {
  const agreements = [];
  for (const [i, p] of PAIRINGS.entries()) {
    agreements.push(
      await db.cooperationAgreement.create({
        data: {
          homeRegionCode: p.home,
          partnerRegionCode: p.partner,
          year,
          title: p.title,
          homeContactName: p.contacts[0],
          homeContactPhone: p.contacts[1],
          partnerContactName: p.contacts[2],
          partnerContactPhone: p.contacts[3],
          targetFairs: 4 - i,
          targetTransfers: [20, 12, 10][i]!,
          targetHouseholdPlacements: [8, 5, 4][i]!,
          targetTrainings: [15, 10, 8][i]!,
        },
      }),
    );
  }
  const fuzhou = agreements[0]!;
  await db.labourStation.createMany({
    data: [
      {
        regionCode: '640402',
        name: '福州市驻原州区劳务工作站',
        address: '固原市原州区文化街12号',
        contactName: '马玉龙',
        contactPhone: '13995401122',
        agreementId: fuzhou.id,
      },
      {
        regionCode: '640422',
        name: '福州市驻西吉县劳务工作站',
        address: '西吉县吉强镇西兰街8号',
        contactName: '杨文斌',
        contactPhone: '13995402233',
        agreementId: fuzhou.id,
      },
    ],
  });
  return agreements;
}

/** Ningxia labourers: ordinary registry rows whose household region is in 固原市. */
async function seedNingxiaLabourers(db: Db, random: Random, pii: PiiCipher, now: Date): Promise<Person[]> {
  const year = now.getUTCFullYear();
  const counties = ['640402', '640422', '640423', '640425'];
  const people: Array<{ id: string; household: boolean }> = [];
  const rows: Prisma.LabourerCreateManyInput[] = [];
  for (let i = 0; i < 14; i++) {
    const male = i % 3 === 2;
    const household = !male && i !== 10 && i !== 11;
    const county = counties[i % counties.length]!;
    const age = random.int(22, 48);
    const birth = new Date(Date.UTC(year - age, random.int(0, 11), random.int(1, 28)));
    const number = idNumber(random, county, birth, male);
    const name =
      random.pick(NINGXIA_SURNAMES) +
      random.pick(male ? GIVEN_MALE : GIVEN_FEMALE) +
      (random.chance(0.6) ? random.pick(male ? GIVEN_MALE : GIVEN_FEMALE) : '');
    const id = crypto.randomUUID();
    people.push({ id, household });
    rows.push({
      id,
      name,
      ...nameKeys(name),
      idNumberEncrypted: pii.encrypt(number),
      idNumberHash: pii.hash(number),
      idNumberMasked: maskIdNumber(number),
      sex: male ? ('male' as const) : ('female' as const),
      birthDate: birth,
      ...storedPhone(pii, `139954${String(random.int(0, 99_999)).padStart(5, '0')}`),
      regionCode: county,
      educationLevel: random.pick(['primary', 'junior_secondary', 'junior_secondary', 'senior_secondary'] as const),
      povertyStatus: 'lifted_out' as const,
      povertyYear: random.int(2014, 2019),
      employmentStatus: 'unemployed' as const,
      employmentStatusSince: new Date(now.getTime() - 300 * DAY),
      wantsJob: true,
      mobility: i === 13 ? ('anywhere' as const) : ('partner_region' as const),
      desiredOccupations: household
        ? [random.pick(['C05-001', 'C05-003', 'C05-005'])]
        : [random.pick(['C02-001', 'C03-001'])],
      expectedWage: household ? 5500 : 4500,
      needsAccommodation: true,
      consentContact: true,
      consentShowEmployer: true,
    });
  }
  await db.$transaction(async (tx) => {
    await tx.labourer.createMany({ data: rows });
    await tx.labourerStatusChange.createMany({
      data: rows.map((r) => ({
        labourerId: r.id!,
        toStatus: 'unemployed' as const,
        source: 'import' as const,
        changedAt: new Date(now.getTime() - 300 * DAY),
      })),
    });
    await enqueueIndexing(
      tx,
      'labourers',
      rows.map((r) => r.id!),
    );
  });
  return people;
}

interface Transfers {
  agreementId: string;
  people: Person[];
  householdCompany: string;
  factory: string;
  now: Date;
}

/** Three batches of 福州's agreement: arrived in spring, arrived in autumn, and one planned. */
async function seedTransferBatches(db: Db, { agreementId, people, householdCompany, factory, now }: Transfers) {
  // Spring batch, eight months ago: every follow-up due; states mixed.
  const spring = await db.transferBatch.create({
    data: {
      agreementId: agreementId,
      departureDate: new Date(`${new Date(now.getTime() - 240 * DAY).toISOString().slice(0, 10)}T00:00:00Z`),
      fromRegionCode: '640402',
      toRegionCode: '3501',
      employerIds: [householdCompany, factory],
      escortName: '马玉龙',
      escortPhone: '13995401122',
      transport: '银川—福州 劳务专列',
      travelSubsidyPerHead: 800,
      status: 'arrived',
    },
  });
  const springStates: Array<[FollowUpState | null, FollowUpState | null, FollowUpState | null, string | null]> = [
    ['in_work', 'in_work', 'in_work', null],
    ['in_work', 'changed_job', 'in_work', '换到另一户雇主'],
    ['in_work', 'in_work', 'returned_home', '家中老人需要照顾'],
    ['in_work', 'returned_home', null, '不适应南方气候'],
    ['in_work', 'in_work', null, null],
    ['changed_job', 'in_work', 'in_work', '调到同公司另一车间'],
    ['in_work', 'in_work', 'changed_job', '到厦门做月嫂'],
  ];
  const arrived = new Date(now.getTime() - 238 * DAY);
  for (const [i, states] of springStates.entries()) {
    const person = people[i]!;
    const member = await db.transferMember.create({
      data: {
        batchId: spring.id,
        labourerId: person.id,
        employerId: person.household ? householdCompany : factory,
        arrivedAt: arrived,
      },
    });
    await db.transferFollowUp.createMany({
      data: followUpPlan(arrived).map((f, j) => {
        const state = states[j as 0 | 1 | 2];
        return {
          memberId: member.id,
          ...f,
          state,
          reason: state === 'returned_home' || state === 'changed_job' ? states[3] : null,
          recordedAt: state ? new Date(f.dueOn.getTime() + 2 * DAY) : null,
          remindedAt: new Date(f.dueOn.getTime() + 8 * 3600_000),
        };
      }),
    });
  }
  await db.transferMember.create({
    data: { batchId: spring.id, labourerId: people[7]!.id, noShowReason: '临行前孩子生病' },
  });

  // Autumn batch, seven weeks ago: the 1-month follow-up is due and not yet recorded.
  const autumn = await db.transferBatch.create({
    data: {
      agreementId: agreementId,
      departureDate: new Date(`${new Date(now.getTime() - 50 * DAY).toISOString().slice(0, 10)}T00:00:00Z`),
      fromRegionCode: '640422',
      toRegionCode: '350102',
      employerIds: [householdCompany],
      escortName: '杨文斌',
      escortPhone: '13995402233',
      transport: '固原—福州 包车转高铁',
      travelSubsidyPerHead: 600,
      status: 'arrived',
    },
  });
  const autumnArrived = new Date(now.getTime() - 48 * DAY);
  for (const person of [people[8]!, people[9]!]) {
    const member = await db.transferMember.create({
      data: { batchId: autumn.id, labourerId: person.id, employerId: householdCompany, arrivedAt: autumnArrived },
    });
    await db.transferFollowUp.createMany({
      data: followUpPlan(autumnArrived).map((f) => ({ memberId: member.id, ...f })),
    });
  }

  // Next batch, planned for next week.
  const planned = await db.transferBatch.create({
    data: {
      agreementId: agreementId,
      departureDate: new Date(`${new Date(now.getTime() + 7 * DAY).toISOString().slice(0, 10)}T00:00:00Z`),
      fromRegionCode: '640423',
      toRegionCode: '3501',
      employerIds: [factory],
      escortName: '马玉龙',
      escortPhone: '13995401122',
      transport: '大巴转高铁',
      travelSubsidyPerHead: 600,
    },
  });
  await db.transferMember.createMany({
    data: [people[10]!, people[11]!].map((p) => ({ batchId: planned.id, labourerId: p.id, employerId: factory })),
  });
}

/** Household-service referrals, and the trainings of the first ten people. */
async function seedReferralsAndTrainings(db: Db, { agreementId, people, householdCompany, now }: Transfers) {
  await db.householdReferral.createMany({
    data: (
      [
        {
          labourerId: people[12]!.id,
          employerId: householdCompany,
          agreementId: agreementId,
          status: 'placed',
          note: '住家保姆，月薪6000元',
        },
        {
          labourerId: people[3]!.id,
          employerId: householdCompany,
          agreementId: agreementId,
          status: 'declined',
          note: '已返乡',
        },
        { labourerId: people[13]!.id, employerId: householdCompany, agreementId: agreementId, status: 'interviewing' },
      ] as const
    ).map((r) => ({ ...r })),
  });

  const courses = [
    ['家政服务员（初级）', 'C05-001', '固原市职业技能培训中心', 120],
    ['母婴护理员（月嫂）', 'C05-003', '福州巧手家政培训学校', 160],
    ['电子装配岗前培训', 'C03-001', '福建闽侯精密电子有限公司', 40],
  ] as const;
  await db.trainingRecord.createMany({
    data: people.slice(0, 10).map((p, i) => {
      const [course, occupationCode, provider, hours] = p.household ? courses[i % 2]! : courses[2];
      const started = new Date(`${new Date(now.getTime() - (260 - i * 3) * DAY).toISOString().slice(0, 10)}T00:00:00Z`);
      return {
        labourerId: p.id,
        course,
        occupationCode,
        provider,
        startedOn: started,
        endedOn: new Date(started.getTime() + 15 * DAY),
        hours,
        passed: i !== 4,
        agreementId: agreementId,
      };
    }),
  });
}

/** Demo data of the cooperation module: agreements, stations, Ningxia labourers, transfers with follow-ups. */
export const seedCooperationDemo: ModuleSeeder = async (db, context) => {
  const random = new Random(20_260_604);
  const pii = new PiiCipher(context.piiKey);
  const now = new Date();
  const agreements = await seedAgreements(db, now.getUTCFullYear());
  const people = await seedNingxiaLabourers(db, random, pii, now);
  const householdCompany = await employerFor(db, random, 'household_service', '福州巧手家政服务有限公司', '350102');
  const factory = await employerFor(db, random, 'company', '福建闽侯精密电子有限公司', '350121');
  const transfers = { agreementId: agreements[0]!.id, people, householdCompany, factory, now };
  await seedTransferBatches(db, transfers);
  await seedReferralsAndTrainings(db, transfers);

  // An officer of 福州 to show the cooperation work from the home side.
  await db.user.create({
    data: {
      username: 'officer.fuzhou',
      passwordHash: context.passwordHash,
      role: 'officer',
      displayName: '福州市劳务协作专员',
      regionCode: '3501',
    },
  });
  context.log(
    `seed: ${agreements.length} cooperation agreements, ${people.length} Ningxia labourers, 3 transfer batches`,
  );
};
