import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCooperationDemo } from '../../prisma/seed/demo-cooperation.ts';
import { createCooperationRepository } from '../../services/cooperation/cooperation.repository.ts';
import { remindDueFollowUps } from '../../services/cooperation/reminders.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { seedSmallDemo, testPasswordHash } from '../helpers/factories.ts';
import { api, bearer } from '../helpers/cooperation-fixtures.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('cooperation demo data', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    const seeded = await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await seedCooperationDemo(ctx.db, {
      ...seeded,
      piiKey: ctx.config.piiKey,
      log: () => {},
      passwordHash: await testPasswordHash(),
    });
  });
  afterAll(() => ctx.close());

  it('seeds Ningxia labourers with valid, encrypted ID numbers of their county', async () => {
    const people = await ctx.db.labourer.findMany({ where: { regionCode: { startsWith: '6404' } } });
    expect(people.length).toBe(14);
    const pii = new PiiCipher(ctx.config.piiKey);
    for (const p of people) {
      const number = pii.decrypt(p.idNumberEncrypted);
      expect(number.slice(0, 6)).toBe(p.regionCode.slice(0, 6));
      expect(p.idNumberMasked).toBe(`${number.slice(0, 6)}********${number.slice(-4)}`);
    }
  });

  it('shows the Fuzhou officer the pairing’s progress with follow-ups in every state', async () => {
    const fuzhou = await bearer(ctx, 'officer.fuzhou');
    const list = await api(ctx, 'GET', '/api/v1/cooperation/agreements', fuzhou);
    expect(list.json().items).toHaveLength(1);
    const { progress } = list.json().items[0];
    expect(progress.transfers.actual).toBe(9);
    expect(progress.trainings.actual).toBe(10);
    expect(progress.retention[0]).toMatchObject({
      due: 7,
      inWork: 6,
      changedJob: 1,
      returnedHome: 1,
      unrecorded: 0,
      notYetDue: 2,
    });
    expect(progress.retention[1]).toMatchObject({ due: 7, inWork: 4, changedJob: 1, returnedHome: 1, unrecorded: 2 });
    const province = await bearer(ctx, 'officer.fujian');
    expect((await api(ctx, 'GET', '/api/v1/cooperation/agreements', province)).json().items).toHaveLength(3);
  });

  it('reminds the officers of the autumn batch’s due follow-ups', async () => {
    const sent = await remindDueFollowUps(createCooperationRepository(ctx.db), ctx.app.notifier, new Date());
    expect(sent.followUps).toBe(2);
    expect(sent.notices).toBeGreaterThanOrEqual(2);
  });
});
