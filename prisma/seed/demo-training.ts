import type { ModuleSeeder } from './demo-modules.ts';

const DAY = 86_400_000;
const day = (offset: number) => new Date(`${new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)}T00:00:00Z`);

/**
 * Two courses in 长汀: a welding class under way (people enrolled, a class day with its attendance
 * sheet, one completion with a certificate) and an elderly-care class still to start, so the
 * catalogue, a course's people and an attendance sheet have something to show; and technical-school
 * places for three of the families' children (wished, placed, enrolled, the last with a fee waiver); this
 * year's training targets. The welding class is run by 长汀县公共实训基地, a training provider with
 * its own account (provider.changting, issue 19).
 */
export const seedTrainingDemo: ModuleSeeder = async (db, context) => {
  const people = await db.labourer.findMany({
    where: { regionCode: { startsWith: '350821' }, erasedAt: null, povertyStatus: 'registered' },
    orderBy: { id: 'asc' },
    take: 4,
    select: { id: true },
  });
  const provider = await db.trainingProvider.create({
    data: {
      name: '长汀县公共实训基地',
      kind: 'public_centre',
      regionCode: '350821',
      contactName: '罗老师',
      contactPhone: '0597-6812345',
      users: {
        create: {
          username: 'provider.changting',
          passwordHash: context.passwordHash,
          role: 'training_provider',
          displayName: '长汀县公共实训基地',
          regionCode: '350821',
        },
      },
    },
  });
  const welding = await db.trainingCourse.create({
    data: {
      providerId: provider.id,
      title: '焊工技能培训班（第一期）',
      programme: 'spring_tide',
      occupationCode: 'C15-002',
      skillCodes: [],
      certificateKind: 'CERT-WELDER',
      providerName: '长汀县公共实训基地',
      providerKind: 'public_centre',
      regionCode: '350821',
      place: '汀州镇工业园区实训楼',
      startsOn: day(-10),
      endsOn: day(10),
      seats: 30,
      subsidised: true,
    },
  });
  await db.trainingCourse.create({
    data: {
      title: '养老护理员培训班',
      programme: 'spring_tide',
      occupationCode: 'C05-005',
      skillCodes: [],
      certificateKind: 'CERT-ELDERCARE',
      providerName: '长汀县职业技术学校',
      providerKind: 'technical_school',
      regionCode: '350821',
      place: '县职业技术学校实训室',
      inVillage: false,
      startsOn: day(14),
      endsOn: day(40),
      seats: 25,
      subsidised: true,
    },
  });
  const enrolments = [];
  for (const person of people)
    enrolments.push(
      await db.trainingEnrolment.create({
        data: { courseId: welding.id, labourerId: person.id, status: 'enrolled', enrolledAt: day(-12) },
      }),
    );
  const session = await db.trainingSession.create({
    data: { courseId: welding.id, heldOn: day(-9), topic: '焊接安全与设备操作' },
  });
  for (const [i, enrolment] of enrolments.entries()) {
    await db.trainingAttendance.create({
      data: { sessionId: session.id, enrolmentId: enrolment.id, present: i !== 1 },
    });
    await db.trainingEnrolment.update({ where: { id: enrolment.id }, data: { attendedSessions: i !== 1 ? 1 : 0 } });
  }
  const year = Number(day(0).toISOString().slice(0, 4));
  const places = await seedTechSchoolPlaces(db, people, year);
  const targets = await seedTrainingTargets(db, year);
  context.log(
    `database: training demo (2 courses in 长汀, one run by provider.changting, ${enrolments.length} enrolled, 1 class day, ${places} technical-school places, ${targets} yearly targets)`,
  );
};

type Db = Parameters<ModuleSeeder>[0];

/** Technical-school places (plan §3(3)): children of three of these families, one at each step; returns how many. */
async function seedTechSchoolPlaces(db: Db, people: Array<{ id: string }>, year: number): Promise<number> {
  const officer = await db.user.findFirst({ where: { username: 'officer.changting' }, select: { id: true } });
  const places = [
    { childName: '钟小燕', leftLevel: 'junior', state: 'wished', programme: '电子商务' },
    { childName: '罗小军', leftLevel: 'junior', state: 'placed', programme: '数控加工', placedAt: day(-20) },
    {
      childName: '黄小芳',
      leftLevel: 'senior',
      state: 'enrolled',
      programme: '护理',
      placedAt: day(-60),
      enrolledAt: day(-30),
    },
  ] as const;
  for (const [i, place] of places.entries()) {
    const family = people[i];
    if (!family) break;
    const region = await db.labourer.findUniqueOrThrow({ where: { id: family.id }, select: { regionCode: true } });
    const row = await db.techSchoolPlace.create({
      data: {
        ...place,
        householdLabourerId: family.id,
        regionCode: region.regionCode,
        leftYear: year,
        schoolName: '龙岩技师学院',
        year,
      },
    });
    // The enrolled student's fee waiver for the autumn term (资助, plan §3(3)); the state grant is left
    // for the student's page to record.
    if (row.state === 'enrolled' && officer)
      await db.techSchoolAid.create({
        data: {
          placeId: row.id,
          kind: 'fee_waiver',
          term: `${year}秋`,
          amountYuan: 1250,
          grantedOn: day(-25),
          regionCode: row.regionCode,
          recordedById: officer.id,
        },
      });
  }
  return Math.min(places.length, people.length);
}

/**
 * This year's training targets (plan §3(2): ≥ 200,000 upgrading trainings a year province-wide):
 * the province's own, and 龙岩's counties' people trained and certified, which 龙岩 sums.
 */
async function seedTrainingTargets(db: Db, year: number): Promise<number> {
  const targets = [
    { regionCode: '35', kind: 'upgrading_trainings', value: 200_000 },
    { regionCode: '350821', kind: 'people_trained', value: 120 },
    { regionCode: '350821', kind: 'people_certified', value: 80 },
    { regionCode: '350823', kind: 'people_trained', value: 90 },
  ] as const;
  await db.trainingTarget.createMany({ data: targets.map((t) => ({ ...t, year })), skipDuplicates: true });
  return targets.length;
}
