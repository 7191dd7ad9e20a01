import type { Db } from '../../services/platform/database/prisma.ts';
import type { GraduateSchoolKind, GraduateStatus } from '../../services/platform/database/generated/enums.ts';
import type { ModuleSeeder } from './demo-modules.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

const SCHOOLS: Array<[string, GraduateSchoolKind, string]> = [
  ['闽西职业技术学院', 'college', '电子商务'],
  ['龙岩技师学院', 'technical_senior', '数控加工'],
  ['福建师范大学', 'college', '学前教育'],
  ['龙岩技师学院', 'technical_preparatory', '电气自动化'],
  ['龙岩特殊教育学校', 'special_education', '中式面点'],
  ['闽西职业技术学院', 'college', '护理'],
  ['龙岩学院', 'college', '会计学'],
];
const STATUSES: GraduateStatus[] = [
  'left_without_work',
  'left_without_work',
  'employed',
  'left_without_work',
  'in_school',
  'started_business',
  'further_study',
];

/**
 * Demo data of the graduates module: seven poor-family graduates of this year in 长汀县 (registered poor
 * people of the seeded registry), a volunteer matchmaker account (matchmaker.changting, a volunteer of
 * 长汀县) paired with two of those without work, officer.changting with the third, and a few contacts.
 */
export const seedGraduatesDemo: ModuleSeeder = async (db: Db, context) => {
  const year = new Date().getUTCFullYear();
  const people = await db.labourer.findMany({
    where: { regionCode: { startsWith: '350821' }, povertyStatus: 'registered', erasedAt: null },
    select: { id: true, regionCode: true },
    orderBy: { id: 'asc' },
    take: SCHOOLS.length,
  });
  const county = await db.user.findUnique({ where: { username: 'officer.changting' } });
  const matchmaker = await db.user.create({
    data: {
      username: 'matchmaker.changting',
      passwordHash: context.passwordHash,
      role: 'volunteer',
      displayName: '长汀县就业红娘（志愿者）',
      regionCode: '350821',
    },
  });
  const left = day(`${year}-07-01`);
  const seeking: string[] = [];
  for (const [i, person] of people.entries()) {
    const [schoolName, schoolKind, major] = SCHOOLS[i]!;
    const status = STATUSES[i]!;
    const inWork = status === 'employed' || status === 'started_business';
    const graduate = await db.graduate.create({
      data: {
        labourerId: person.id,
        regionCode: person.regionCode,
        schoolName,
        schoolKind,
        major,
        graduationYear: year,
        leftSchoolOn: left,
        wish: status === 'started_business' ? 'start_up' : status === 'further_study' ? 'further_study' : 'job',
        status,
        statusSince: inWork ? day(`${year}-08-20`) : left,
        workFoundOn: inWork ? day(`${year}-08-20`) : null,
        occupations: i % 2 ? ['C03-001'] : [],
        createdById: county?.id ?? null,
        history: { create: [{ toStatus: status, on: left, byId: county?.id ?? null }] },
      },
    });
    if (status === 'left_without_work') seeking.push(graduate.id);
  }
  for (const [i, graduateId] of seeking.entries()) {
    const matchmakerId = i < 2 || !county ? matchmaker.id : county.id;
    const contactOn = day(`${year}-${i === 0 ? '09-10' : '08-05'}`);
    await db.matchmakerPairing.create({
      data: {
        graduateId,
        matchmakerId,
        assignedById: county?.id ?? matchmaker.id,
        openKey: graduateId,
        startedAt: day(`${year}-07-15`),
        lastContactAt: contactOn,
        contacts: {
          create: [
            { on: contactOn, channel: 'phone', note: '电话了解求职意向，推送了本县岗位信息。', byId: matchmakerId },
          ],
        },
      },
    });
  }
  context.log(`seed: ${people.length} poor-family graduates, ${seeking.length} paired with matchmakers`);
};
