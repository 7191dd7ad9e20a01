import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedSmallDemo } from '../helpers/factories.ts';
import { formFields } from '../helpers/form-fields.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Saving a profile form changes what the form shows and nothing it does not show. */
describe('profile forms keep what they do not show', () => {
  let ctx: TestContext;
  let labourerId: string;
  let skillCodes: string[];

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    labourerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } })).labourerId!;
    skillCodes = (await ctx.db.skill.findMany({ orderBy: { code: 'asc' }, take: 4 })).map((s) => s.code);
  });
  afterAll(() => ctx.close());

  // Each test starts from skills with their own levels and certificates with every detail.
  beforeEach(async () => {
    const kinds = (await ctx.db.certificateKind.findMany({ orderBy: { code: 'asc' }, take: 2 })).map((k) => k.code);
    await ctx.db.labourerSkill.deleteMany({ where: { labourerId } });
    await ctx.db.labourerSkill.createMany({
      data: [
        { labourerId, skillCode: skillCodes[0]!, level: 'expert', note: '二十年砌筑经验' },
        { labourerId, skillCode: skillCodes[1]!, level: 'beginner' },
        { labourerId, skillCode: skillCodes[2]!, level: 'skilled' },
      ],
    });
    await ctx.db.labourerCertificate.deleteMany({ where: { labourerId } });
    await ctx.db.labourerCertificate.createMany({
      data: [
        { labourerId, kind: kinds[0]!, level: '四级/中级工', issuer: '长汀县人社局', issuedOn: new Date('2021-06-30') },
        {
          labourerId,
          kind: kinds[1]!,
          level: '五级/初级工',
          issuer: '龙岩市职业技能鉴定中心',
          issuedOn: new Date('2019-03-15'),
        },
      ],
    });
  });

  async function record() {
    const row = await ctx.db.labourer.findUniqueOrThrow({
      where: { id: labourerId },
      include: {
        skills: { orderBy: { skillCode: 'asc' } },
        certificates: { orderBy: { id: 'asc' } },
        workHistory: { orderBy: { id: 'asc' } },
        statusChanges: { orderBy: { id: 'asc' } },
      },
    });
    const { updatedAt: _updatedAt, ...rest } = row;
    return rest;
  }

  async function submitUnchanged(
    client: PageClient,
    page: string,
    action: string,
    change = (f: Record<string, string[]>) => f,
  ) {
    const fields = formFields((await client.get(page)).body, action);
    delete fields._csrf;
    const response = await client.post(action, change(fields));
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
  }

  it('leaves the record exactly as it was when an officer saves the edit form unchanged', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const before = await record();
    await submitUnchanged(officer, `/labourers/${labourerId}/edit`, `/labourers/${labourerId}`);
    expect(await record()).toEqual(before);
  });

  it('leaves the record exactly as it was when the person saves /me unchanged', async () => {
    const person = await new PageClient(ctx).signIn('labourer.demo');
    const { contactedAt: contactBefore, ...before } = await record();
    await submitUnchanged(person, '/me', '/me');
    // Saving their own record is a contact (dynamic management): only that moment is new.
    const { contactedAt, ...after } = await record();
    expect(after).toEqual(before);
    expect(contactedAt!.getTime()).toBeGreaterThan(contactBefore?.getTime() ?? 0);
  });

  it('adds and removes one skill and keeps the others’ levels and every certificate', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const before = await record();
    await submitUnchanged(officer, `/labourers/${labourerId}/edit`, `/labourers/${labourerId}`, (fields) => ({
      ...fields,
      skills: [...(fields.skills ?? []).filter((code) => code !== skillCodes[1]), skillCodes[3]!],
    }));
    const after = await record();
    expect(after.skills.map(({ skillCode, level, note }) => ({ skillCode, level, note }))).toEqual([
      { skillCode: skillCodes[0], level: 'expert', note: '二十年砌筑经验' },
      { skillCode: skillCodes[2], level: 'skilled', note: null },
      { skillCode: skillCodes[3], level: 'intermediate', note: null },
    ]);
    expect(after.certificates).toEqual(before.certificates);
  });
});
