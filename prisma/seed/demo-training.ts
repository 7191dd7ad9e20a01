import type { ModuleSeeder } from './demo-modules.ts';

const DAY = 86_400_000;
const day = (offset: number) => new Date(`${new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)}T00:00:00Z`);

/**
 * Two courses in 长汀: a welding class under way (people enrolled, a class day with its attendance
 * sheet, one completion with a certificate) and an elderly-care class still to start, so the
 * catalogue, a course's people and an attendance sheet have something to show.
 */
export const seedTrainingDemo: ModuleSeeder = async (db, context) => {
  const people = await db.labourer.findMany({
    where: { regionCode: { startsWith: '350821' }, erasedAt: null, povertyStatus: 'registered' },
    orderBy: { id: 'asc' },
    take: 4,
    select: { id: true },
  });
  const welding = await db.trainingCourse.create({
    data: {
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
  context.log(`database: training demo (2 courses in 长汀, ${enrolments.length} enrolled, 1 class day)`);
};
