import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGraduatesDemo } from '../../prisma/seed/demo-graduates.ts';
import { seedTalentDemo } from '../../prisma/seed/demo-talent.ts';
import { seedSmallDemo, testPasswordHash } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** The demo of issue #21 as the README promises it: a volunteer matchmaker, a special recruitment campaign. */
describe('graduates and talent demo data', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    const seeded = await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await ctx.db.labourer.updateMany({
      where: { id: { in: seeded.labourerIds.slice(0, 7) } },
      data: { regionCode: '350821100000', povertyStatus: 'registered', erasedAt: null },
    });
    const context = { ...seeded, piiKey: ctx.config.piiKey, log: () => {}, passwordHash: await testPasswordHash() };
    await seedGraduatesDemo(ctx.db, context);
    await seedTalentDemo(ctx.db, context);
  });
  afterAll(() => ctx.close());

  it('signs matchmaker.changting in as a volunteer who sees its two graduates and no officer page', async () => {
    const volunteer = await new PageClient(ctx).signIn('matchmaker.changting');
    const list = await volunteer.get('/matchmaker/pairings');
    expect(list.statusCode).toBe(200);
    expect(list.body.match(/id="pairing-/g)).toHaveLength(2);
    expect(list.body).toContain('就业红娘志愿者');
    expect((await volunteer.get('/graduates')).statusCode).toBe(403);
  });

  it('shows 长汀 officer the demo campaign with its poor-family recruit', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const page = await officer.get('/talent/campaigns');
    expect(page.body).toContain('长汀县河田镇农业农村服务中心');
    expect(page.body).toContain('2/3');
    expect(page.body).toContain('1/1');
    expect((await officer.get('/matchmaker/volunteers')).body).toContain('长汀县就业红娘（志愿者）');
  });
});
