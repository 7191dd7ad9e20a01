import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Issue #19 §7: the officer's view of a person and the person's own page show trainings and certificates. */
describe('trainings and certificates on the profile pages', () => {
  let ctx: TestContext;
  let labourerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    const user = await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    labourerId = user.labourerId!;
    await ctx.db.labourer.update({ where: { id: labourerId }, data: { regionCode: '350821104201', erasedAt: null } });
    await ctx.db.labourerCertificate.deleteMany({ where: { labourerId } });
    const course = await ctx.db.trainingCourse.create({
      data: {
        title: '家政服务员培训班',
        programme: 'spring_tide',
        certificateKind: 'CERT-HOUSEKEEPING',
        providerName: '长汀县就业培训中心',
        providerKind: 'public_centre',
        regionCode: '350821',
        place: '县就业培训中心',
        startsOn: new Date('2026-09-01'),
        endsOn: new Date('2026-09-20'),
        seats: 30,
      },
    });
    const certificate = await ctx.db.labourerCertificate.create({
      data: {
        labourerId,
        kind: 'CERT-HOUSEKEEPING',
        level: '五级',
        issuer: '长汀县就业培训中心',
        issuedOn: new Date('2026-09-20'),
        number: 'FJ-JZ-2026-0042',
      },
    });
    await ctx.db.trainingEnrolment.create({
      data: {
        courseId: course.id,
        labourerId,
        status: 'completed',
        passed: true,
        completedAt: new Date('2026-09-20'),
        certificateId: certificate.id,
        certificateNumber: 'FJ-JZ-2026-0042',
      },
    });
    await ctx.db.trainingRecord.create({
      data: {
        labourerId,
        course: '电子商务入门',
        provider: '厦门市思明区职业培训学校',
        startedOn: new Date('2025-03-01'),
        endedOn: new Date('2025-03-10'),
        passed: false,
      },
    });
  });
  afterAll(() => ctx.close());

  const expectSection = (body: string) => {
    expect(body).toContain('参加的培训');
    expect(body).toContain('家政服务员培训班');
    expect(body).toContain('2026-09-01 – 2026-09-20');
    expect(body).toContain('考核合格');
    expect(body).toContain('电子商务入门');
    expect(body).toContain('考核不合格');
    expect(body).toContain('家政服务员职业技能等级证书');
    expect(body).toContain('五级');
    expect(body).toContain('编号 FJ-JZ-2026-0042');
  };

  it('shows them on the officer’s view of the person', async () => {
    const page = await new PageClient(ctx).signIn('officer.changting');
    const profile = await page.get(`/labourers/${labourerId}`);
    expect(profile.statusCode).toBe(200);
    expectSection(profile.body);
    // The page the ID reveal draws keeps the section too.
    const revealed = await page.post(`/labourers/${labourerId}/id-number`, {});
    expect(revealed.statusCode).toBe(200);
    expectSection(revealed.body);
  });

  it('shows them on the person’s own page, with a link to 我的培训', async () => {
    const page = await new PageClient(ctx).signIn('labourer.demo');
    const me = await page.get('/me');
    expect(me.statusCode).toBe(200);
    expectSection(me.body);
    expect(me.body).toContain('href="/my-training"');
  });
});
