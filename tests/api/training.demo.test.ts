import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTrainingDemo } from '../../prisma/seed/demo-training.ts';
import { seedSmallDemo, testPasswordHash } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('training demo data', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    const seeded = await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await ctx.db.labourer.updateMany({
      where: { id: { in: seeded.labourerIds.slice(0, 3) } },
      data: { regionCode: '350821100000', povertyStatus: 'registered', erasedAt: null },
    });
    await seedTrainingDemo(ctx.db, {
      ...seeded,
      piiKey: ctx.config.piiKey,
      log: () => {},
      passwordHash: await testPasswordHash(),
    });
  });
  afterAll(() => ctx.close());

  it('gives the 长汀 officer a course with people and a class day whose sheet opens from it', async () => {
    // Everyone enrolled but the second was present at the class day.
    const enrolled = await ctx.db.trainingEnrolment.count();
    expect(enrolled).toBeGreaterThanOrEqual(3);
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const list = await officer.get('/training/courses');
    const courseLink = list.body.match(/href="(\/training\/courses\/[0-9a-f-]{36})"/)![1]!;
    const course = await officer.get(courseLink);
    expect(course.statusCode).toBe(200);
    expect(course.body).toContain('焊接安全与设备操作');
    expect(course.body).toContain(`到课 ${enrolled - 1} 人`);
    const sessionLink = course.body.match(/href="(\/training\/sessions\/[0-9a-f-]{36})"/)![1]!;
    const sheet = await officer.get(sessionLink);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body.match(/name="present"/g)).toHaveLength(enrolled);
    expect(sheet.body.match(/checked/g)).toHaveLength(enrolled - 1);
  });

  it('gives the 长汀 officer technical-school places at each step, with their figures', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const schools = await officer.get('/technical-schools');
    expect(schools.statusCode).toBe(200);
    // Three families of the demo: wished, placed, enrolled → wished 3, placed 2 (1 enrolled), 2 ÷ 3 = 66.7%.
    expect(schools.body).toContain('有意愿 3 人，已落实学位 2 人（其中已入学 1 人），落实率 66.7%');
    expect(schools.body).toContain('落实学位');
  });
});
