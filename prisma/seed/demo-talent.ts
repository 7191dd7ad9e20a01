import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { idCheckCharacter } from '../../services/platform/crypto/id-number.ts';
import { registeredPoorWhere } from '../../services/labourers/index.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import { createTalentServices } from '../../services/talent/index.ts';
import type { ModuleSeeder } from './demo-modules.ts';

const idNumber = (county: string, birth: string, seq: string) => {
  const first17 = `${county}${birth}${seq}`;
  return first17 + idCheckCharacter(first17);
};

/**
 * Demo data of the talent module, small and recorded through its services as the province officer
 * would: this year's 三支一扶 plan (500/250) with posts in 长汀 and 宁化 (key counties) and 上杭, four
 * participants at different steps, two catalogue lines with a recruit, and 长汀 as a linked county
 * with a meeting, items, a project and a pairing. 长汀's county officer sees their county's part.
 */
export const seedTalentDemo: ModuleSeeder = async (db, context) => {
  const officer = await db.user.findUnique({ where: { username: 'officer.fujian' } });
  if (!officer) return;
  const actor = { id: officer.id, role: officer.role, regionCode: officer.regionCode };
  const services = createTalentServices(db, new PiiCipher(context.piiKey));
  const { sanzhiyifu } = services;
  const year = new Date().getUTCFullYear();
  const on = (month: string) => `${year}-${month}`;

  const plan = await sanzhiyifu.createPlan(actor, {
    year,
    targetTotal: 500,
    targetKeyCounty: 250,
    note: '省级高校毕业生“三支一扶”计划',
  });
  const teach = await sanzhiyifu.createPost(actor, {
    planId: plan.id,
    countyCode: '350821',
    kind: 'education',
    title: '涂坊镇中心小学支教',
    count: 3,
  });
  const health = await sanzhiyifu.createPost(actor, {
    planId: plan.id,
    countyCode: '350424',
    kind: 'health',
    title: '安远镇卫生院支医',
    count: 2,
  });
  await sanzhiyifu.createPost(actor, {
    planId: plan.id,
    countyCode: '350823',
    kind: 'agriculture',
    title: '古田镇农技站支农',
    count: 2,
  });
  const people = [
    { name: '陈思远', county: '350821', post: teach.id, steps: ['selected', 'placed', 'serving'] },
    { name: '林雨桐', county: '350424', post: health.id, steps: ['selected', 'placed'] },
    { name: '黄晓峰', county: '350821', post: null, steps: ['selected'] },
    { name: '吴佳怡', county: '350821', post: null, steps: [] },
  ];
  for (const [i, p] of people.entries()) {
    const row = await sanzhiyifu.createParticipant(actor, {
      planId: plan.id,
      name: p.name,
      idNumber: idNumber(p.county, `2000030${i + 1}`, `12${i}`),
      homeRegionCode: p.county,
      school: '福建师范大学',
      major: '小学教育',
      appliedOn: on('04-10'),
    });
    for (const [n, to] of p.steps.entries()) {
      await sanzhiyifu.transition(actor, row.id, {
        to: to as 'selected',
        on: on(`0${6 + n}-01`),
        postId: to === 'placed' ? (p.post ?? undefined) : undefined,
      });
    }
    if (p.steps.includes('serving'))
      await sanzhiyifu.addTraining(actor, row.id, {
        title: '“三支一扶”能力提升示范培训班',
        attendedOn: on('08-15'),
        hours: 24,
      });
  }

  const poor = await localPoor(db, new PiiCipher(context.piiKey), '350821');
  await seedCatalogueAndLinked(services, actor, year, poor[0]!);
  await seedCampaign(services, actor, year, poor[1]!);
  context.log('database: talent demo (三支一扶 plan, catalogue, campaign, linked county) seeded');
};

type Services = ReturnType<typeof createTalentServices>;
type Person = { name: string; idNumber: string; reservedPost: boolean };

/**
 * Two registered poor people of the county's registry for the reserved posts (poor family and local
 * are the registry's, by ID number); without them, made-up people on ordinary posts.
 */
async function localPoor(db: Db, pii: PiiCipher, county: string): Promise<Person[]> {
  const rows = await db.labourer.findMany({
    where: { ...registeredPoorWhere(), regionCode: { startsWith: county } },
    select: { name: true, idNumberEncrypted: true },
    orderBy: { createdAt: 'asc' },
    take: 2,
  });
  const found = rows.map((r) => ({ name: r.name, idNumber: pii.decrypt(r.idNumberEncrypted), reservedPost: true }));
  const madeUp = [
    { name: '刘明辉', idNumber: idNumber(county, '19970512', '131'), reservedPost: false },
    { name: '钟春兰', idNumber: idNumber(county, '19980316', '142'), reservedPost: false },
  ];
  return [found[0] ?? madeUp[0]!, found[1] ?? madeUp[1]!];
}

/** A township institution's special recruitment in 长汀 (3 posts, 1 reserved) with two recruits, one poor-family. */
async function seedCampaign(
  { campaigns }: Services,
  actor: Parameters<Services['linked']['create']>[0],
  year: number,
  poor: Person,
) {
  const campaign = await campaigns.createCampaign(actor, {
    countyCode: '350821',
    year,
    institution: '长汀县河田镇农业农村服务中心',
    title: '乡镇事业单位专项招聘',
    posts: 3,
    reservedPoor: 1,
  });
  await campaigns.addRecruit(actor, campaign.id, { ...poor, post: '农技推广员', recruitedOn: `${year}-09-01` });
  await campaigns.addRecruit(actor, campaign.id, {
    name: '曾志明',
    idNumber: idNumber('350821', '19961103', '153'),
    post: '水利员',
    reservedPost: false,
    recruitedOn: `${year}-09-01`,
  });
}

/** Two catalogue lines with a poor-family recruit; 长汀 linked, with a meeting, items, a project, a pairing. */
async function seedCatalogueAndLinked(
  { catalogue, linked }: Services,
  actor: Parameters<Services['linked']['create']>[0],
  year: number,
  poor: Person,
) {
  const on = (month: string) => `${year}-${month}`;
  const line = await catalogue.createEntry(actor, {
    countyCode: '350821',
    year,
    field: '临床医学',
    level: 'bachelor',
    posts: 3,
    reservedPoor: 1,
    allowancePerMonth: 2000,
    campaign: '乡镇卫生院专项招聘',
  });
  await catalogue.createEntry(actor, {
    countyCode: '350424',
    year,
    field: '农业技术推广',
    level: 'college',
    posts: 2,
    reservedPoor: 0,
    allowancePerMonth: 1500,
  });
  await catalogue.addRecruit(actor, line.id, { ...poor, institution: '长汀县涂坊镇卫生院', recruitedOn: on('07-01') });

  const county = await linked.create(actor, {
    countyCode: '350821',
    since: year - 1,
    villages: ['涂坊镇溪口村', '濯田镇莲湖村'],
  });
  const meeting = (
    await linked.addMeeting(actor, county.id, {
      heldOn: on('03-20'),
      decisions: '推进技能培训进村、落实帮扶项目和结对帮扶',
    })
  ).meetings[0]!;
  const withItems = await linked.addItem(actor, meeting.id, {
    title: '在驻点村开办电商技能培训班',
    owner: '职业能力建设处',
    dueOn: on('06-30'),
  });
  await linked.addItem(actor, meeting.id, { title: '对接光伏扶贫项目', owner: '规划财务处', dueOn: on('12-31') });
  await linked.setItem(actor, withItems.meetings[0]!.items[0]!.id, { state: 'done', doneOn: on('06-20') });
  const project = (
    await linked.addProject(actor, county.id, { title: '溪口村村部和便民服务中心', notes: '厅帮扶资金' })
  ).projects[0]!;
  await linked.updateProject(actor, project.id, { on: on('09-01'), percent: 60, note: '主体完工' });
  await linked.addPairing(actor, county.id, {
    branch: '厅机关第一党支部',
    student: '李同学（高二）',
    support: '学费和学习用品',
    amount: 2000,
    givenOn: on('09-01'),
  });
}
