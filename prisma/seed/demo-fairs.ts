import { newRegistrationCode } from '../../services/fairs/index.ts';
import { groupsFor } from '../../services/fairs/index.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import type { FairKind, FairStatus, TargetGroup } from '../../services/platform/database/generated/enums.ts';
import type { ModuleSeedContext, ModuleSeeder } from './demo-modules.ts';

const DAY = 86_400_000;
/** 09:00 Beijing time, `days` from today. */
function morning(days: number): Date {
  const d = new Date(Date.now() + days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 1, 0));
}

interface Plan {
  kind: FairKind;
  name: string;
  status: FairStatus;
  startsAt: Date;
  hours: number;
  regionCode: string;
  address: string | null;
  lat?: number;
  lng?: number;
  organiser: string;
  targetGroups: TargetGroup[];
  capacity: number | null;
  description: string;
}

async function createFair(db: Db, plan: Plan) {
  return db.fair.create({
    data: {
      kind: plan.kind,
      name: plan.name,
      status: plan.status,
      startsAt: plan.startsAt,
      endsAt: new Date(plan.startsAt.getTime() + plan.hours * 3_600_000),
      online: plan.kind === 'online',
      regionCode: plan.regionCode,
      address: plan.address,
      lat: plan.lat ?? null,
      lng: plan.lng ?? null,
      organiser: plan.organiser,
      targetGroups: plan.targetGroups,
      capacity: plan.capacity,
      description: plan.description,
    },
  });
}

/** Who takes part in the demo fairs: the demo employer and labourer, verified employers, their vacancies, people. */
async function loadCast(db: Db, context: ModuleSeedContext) {
  const demoEmployerId = context.employerIds[0]!;
  const demoLabourerId = context.labourerIds[0]!;
  const employers = await db.employer.findMany({
    where: { id: { in: context.employerIds }, verifiedAt: { not: null } },
    select: { id: true, kind: true },
    orderBy: { createdAt: 'asc' },
  });
  const verified = [demoEmployerId, ...employers.map((e) => e.id).filter((id) => id !== demoEmployerId)];
  const vacancies = await db.vacancy.findMany({
    where: { employerId: { in: verified }, status: 'open' },
    select: { id: true, employerId: true },
    orderBy: { id: 'asc' },
  });
  const vacanciesOf = (employerId: string, n: number) =>
    vacancies.filter((v) => v.employerId === employerId).slice(0, n);
  const people = await db.labourer.findMany({
    where: { id: { in: context.labourerIds }, erasedAt: null },
    select: { id: true, regionCode: true, povertyStatus: true, povertyYear: true, disability: true, erasedAt: true },
    orderBy: { id: 'asc' },
  });
  const changting = people.filter((p) => p.regionCode.startsWith('350821') && p.id !== demoLabourerId);
  const longyan = people.filter((p) => p.regionCode.startsWith('3508') && p.id !== demoLabourerId);
  const demoPerson = people.find((p) => p.id === demoLabourerId);
  return { demoEmployerId, employers, verified, vacanciesOf, changting, longyan, demoPerson };
}

type Cast = Awaited<ReturnType<typeof loadCast>>;
type Person = NonNullable<Cast['demoPerson']>;

/** Employers (with some of their vacancies) and people taking part in a fair. */
function participation(db: Db, vacanciesOf: Cast['vacanciesOf']) {
  async function takePart(fairId: string, employerIds: string[], perEmployer: number, pendingLast = false) {
    const attached: Array<{ vacancyId: string; employerId: string }> = [];
    for (const [i, employerId] of employerIds.entries()) {
      const pending = pendingLast && i === employerIds.length - 1;
      await db.fairEmployer.create({
        data: {
          fairId,
          employerId,
          status: pending ? 'pending' : 'approved',
          booth: pending
            ? null
            : `${String.fromCharCode(65 + Math.floor(i / 10))}${String((i % 10) + 1).padStart(2, '0')}`,
          decidedAt: pending ? null : new Date(),
        },
      });
      for (const v of vacanciesOf(employerId, perEmployer)) attached.push({ vacancyId: v.id, employerId });
    }
    await db.fairVacancy.createMany({ data: attached.map((a) => ({ fairId, ...a })), skipDuplicates: true });
    return attached;
  }

  async function register(
    fairId: string,
    persons: Person[],
    options: { checkedInAt?: (i: number) => Date | null; extra?: (i: number) => TargetGroup[] } = {},
  ) {
    const rows = persons.map((p, i) => ({
      fairId,
      labourerId: p.id,
      code: newRegistrationCode(),
      source: (i % 3 === 0 ? 'self' : i % 7 === 6 ? 'walk_in' : 'officer') as 'self' | 'officer' | 'walk_in',
      willAttend: i % 5 !== 4,
      targetGroups: groupsFor(p, options.extra?.(i) ?? []),
      regionCode: p.regionCode,
      checkedInAt: options.checkedInAt?.(i) ?? null,
    }));
    await db.fairRegistration.createMany({ data: rows, skipDuplicates: true });
    return db.fairRegistration.findMany({ where: { fairId }, orderBy: { registeredAt: 'asc' } });
  }
  return { takePart, register };
}

/** 1. Spring Breeze Action, held in February: closed, with interviews and hires that followed. */
async function seedSpringFair(db: Db, { verified, changting, longyan }: Cast, { takePart, register }: Participation) {
  const spring = await createFair(db, {
    kind: 'spring_breeze',
    name: '春风行动·长汀县返乡人员专场招聘会',
    status: 'closed',
    startsAt: morning(-280),
    hours: 6,
    regionCode: '350821',
    address: '长汀县汀州镇人力资源市场一楼大厅',
    lat: 25.8426,
    lng: 116.3574,
    organiser: '长汀县人力资源和社会保障局',
    targetGroups: ['registered_poor', 'returning_migrant'],
    capacity: 300,
    description: '面向返乡农民工和建档立卡贫困劳动力，现场提供岗位推荐、政策咨询和技能培训报名。',
  });
  const springJobs = await takePart(spring.id, verified.slice(1, 6), 2);
  const springPeople = [
    ...changting.slice(0, 30),
    ...longyan.filter((p) => !p.regionCode.startsWith('350821')).slice(0, 10),
  ];
  const springRegs = await register(spring.id, springPeople, {
    checkedInAt: (i) => (i % 4 === 3 ? null : new Date(spring.startsAt.getTime() + (i % 50) * 60_000)),
    extra: (i) => (i % 2 === 0 ? ['returning_migrant'] : []),
  });
  const attendees = springRegs.filter((r) => r.checkedInAt);
  const outcomes = ['interview', 'interview', 'intention', 'offer'] as const;
  const interactions = attendees.slice(0, 16).map((r, i) => {
    const job = springJobs[i % springJobs.length]!;
    return {
      fairId: spring.id,
      registrationId: r.id,
      employerId: job.employerId,
      vacancyId: job.vacancyId,
      outcome: outcomes[i % outcomes.length]!,
      at: new Date(spring.startsAt.getTime() + 2 * 3_600_000),
    };
  });
  await db.fairInteraction.createMany({ data: interactions });
  // Hires followed on the applications' side, some within 30 days and some later.
  for (const [i, r] of attendees.slice(0, 7).entries()) {
    const job = springJobs[(i * 3) % springJobs.length]!;
    const hiredAt = new Date(spring.startsAt.getTime() + (i < 4 ? 8 + i * 4 : 40 + i * 6) * DAY);
    await db.application.upsert({
      where: { labourerId_vacancyId: { labourerId: r.labourerId, vacancyId: job.vacancyId } },
      create: {
        labourerId: r.labourerId,
        vacancyId: job.vacancyId,
        status: 'hired',
        origin: 'self',
        hiredAt,
        createdAt: spring.startsAt,
        transitions: {
          create: [
            { fromStatus: null, toStatus: 'applied', at: spring.startsAt },
            { fromStatus: 'applied', toStatus: 'hired', at: hiredAt, note: '春风行动招聘会' },
          ],
        },
      },
      update: {},
    });
  }
}

type Participation = ReturnType<typeof participation>;

/**
 * Demo fairs of the demo province: a Spring Breeze fair held in February with its results, an
 * Employment Assistance Month fair open for registration (the demo employer and the demo labourer
 * take part), a poverty-workshop fair being planned and an online fair open for registration.
 */
export const seedFairsDemo: ModuleSeeder = async (db, context) => {
  const cast = await loadCast(db, context);
  const { demoEmployerId, employers, verified, changting, longyan, demoPerson } = cast;
  const { takePart, register } = participation(db, cast.vacanciesOf);
  await seedSpringFair(db, cast, { takePart, register });

  // 2. Employment Assistance Month: open for registration; the demo employer and labourer take part.
  const month = await createFair(db, {
    kind: 'employment_assistance_month',
    name: '就业援助月·长汀县就业困难人员专场招聘会',
    status: 'registration',
    startsAt: morning(9),
    hours: 5,
    regionCode: '350821',
    address: '长汀县体育馆',
    lat: 25.8364,
    lng: 116.3581,
    organiser: '长汀县公共就业服务中心',
    targetGroups: ['registered_poor', 'disabled', 'poor_family_graduate'],
    capacity: 500,
    description: '援助对象免费参加，残疾人可由家属陪同，现场设无障碍通道。',
  });
  await takePart(month.id, [demoEmployerId, ...verified.slice(6, 9)], 3, true);
  await register(month.id, [...(demoPerson ? [demoPerson] : []), ...changting.slice(30, 45)], {
    extra: (i) => (i % 6 === 1 ? ['poor_family_graduate'] : []),
  });

  // 3. Poverty-alleviation workshops: planned for next month.
  const workshops = employers.filter((e) => e.kind !== 'company').map((e) => e.id);
  const workshop = await createFair(db, {
    kind: 'poverty_workshop',
    name: '扶贫车间就近就业专场招聘会',
    status: 'planned',
    startsAt: morning(30),
    hours: 4,
    regionCode: '350821',
    address: '长汀县河田镇扶贫车间园区',
    organiser: '长汀县人力资源和社会保障局',
    targetGroups: ['registered_poor', 'disabled'],
    capacity: 200,
    description: '家门口就业，计件工资，可带孩子照顾家庭。',
  });
  await takePart(workshop.id, (workshops.length ? workshops : verified).slice(0, 3), 2, true);

  // 4. Online: the city's fair, open for registration.
  const online = await createFair(db, {
    kind: 'online',
    name: '龙岩市网络招聘会（稳岗就业专场）',
    status: 'registration',
    startsAt: morning(4),
    hours: 72,
    regionCode: '3508',
    address: null,
    organiser: '龙岩市人力资源和社会保障局',
    targetGroups: ['registered_poor', 'poor_family_graduate', 'returning_migrant'],
    capacity: null,
    description: '三天线上招聘，视频面试，在手机上即可投递。',
  });
  await takePart(online.id, verified.slice(9, 13), 2);
  await register(online.id, longyan.slice(40, 52));
  context.log('demo: 4 recruitment fairs');
};
