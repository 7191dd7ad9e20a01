import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexUid } from '../../search-index/indexes.ts';
import { bearer } from '../helpers/auth.ts';
import { buildVacancy, seedSmallDemo } from '../helpers/factories.ts';
import { formFields } from '../helpers/form-fields.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const errorOf = (body: string, field: string) =>
  new RegExp(`id='${field}-error' role='alert'>([^<]*)<`).exec(body)?.[1];

/** Required certificates, least skill levels and "trains and certifies" on a vacancy: API, form, job page, index. */
describe('vacancy requirements', () => {
  let ctx: TestContext;
  let employerId: string;
  let employer: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    employerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } })).employerId!;
    await ctx.db.employer.update({ where: { id: employerId }, data: { verifiedAt: new Date() } });
    employer = await bearer(ctx, 'employer.demo');
  });
  afterAll(() => ctx.close());

  const welder = (overrides: Record<string, unknown> = {}) =>
    buildVacancy(employerId, {
      title: '电焊工',
      occupationCode: 'C15-002',
      description: '钢结构车间电焊工，长期工，包吃住。',
      skillCodes: ['S-ARC-WELDING', 'S-GAS-CUTTING'],
      requiredCertificates: ['CERT-WELDER'],
      requiredSkillLevels: { 'S-ARC-WELDING': 'skilled' },
      ...overrides,
    });
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    ctx.app.inject({ method, url, headers: employer, payload: payload as object });

  it('takes them through the API, checks them against the reference data and indexes them', async () => {
    const created = await send('POST', '/api/v1/vacancies', welder());
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      requiredCertificates: ['CERT-WELDER'],
      requiredCertificateNames: ['特种作业操作证（焊接与热切割）'],
      requiredSkillLevels: { 'S-ARC-WELDING': 'skilled' },
      trainsForCertificate: false,
    });

    const refused = await send(
      'POST',
      '/api/v1/vacancies',
      welder({
        requiredCertificates: ['CERT-NOPE'],
        requiredSkillLevels: { 'S-ARC-WELDING': 'master', 'S-FORKLIFT': 'skilled' },
      }),
    );
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().details.map((d: { field: string }) => d.field);
    expect(fields).toContain('requiredSkillLevels.S-ARC-WELDING');

    const unknown = await send(
      'POST',
      '/api/v1/vacancies',
      welder({ requiredCertificates: ['CERT-NOPE'], requiredSkillLevels: { 'S-FORKLIFT': 'skilled' } }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'requiredCertificates.0', code: 'certificate_unknown' }),
        expect.objectContaining({ field: 'requiredSkillLevels.S-FORKLIFT', code: 'level_without_skill' }),
      ]),
    );

    // A change that sends other fields keeps the requirements; dropping a skill drops its level.
    const kept = await send('PATCH', `/api/v1/vacancies/${body.id}`, { trainsForCertificate: true, wageMax: 7000 });
    expect(kept.json()).toMatchObject({ requiredCertificates: ['CERT-WELDER'], trainsForCertificate: true });
    expect(kept.json().requiredSkillLevels).toEqual({ 'S-ARC-WELDING': 'skilled' });
    const dropped = await send('PATCH', `/api/v1/vacancies/${body.id}`, { skillCodes: ['S-GAS-CUTTING'] });
    expect(dropped.json().requiredSkillLevels).toEqual({});
    const bad = await send('PATCH', `/api/v1/vacancies/${body.id}`, {
      requiredSkillLevels: { 'S-ARC-WELDING': 'expert' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({
      field: 'requiredSkillLevels.S-ARC-WELDING',
      code: 'level_without_skill',
    });

    await send('PATCH', `/api/v1/vacancies/${body.id}`, { status: 'open' });
    await ctx.drain.drainAll();
    const doc = await ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'vacancies')).getDocument(body.id);
    expect(doc).toMatchObject({ requiredCertificates: ['CERT-WELDER'], trainsForCertificate: true });
  });

  it('shows them on the employer form without JavaScript, keeps them on save and names a wrong field', async () => {
    const created = (await send('POST', '/api/v1/vacancies', welder())).json();
    const page = new PageClient(ctx);
    await page.signIn('employer.demo');
    const url = `/employer/vacancies/${created.id}`;
    const form = formFields((await page.get(url)).body, url);
    delete form._csrf;
    expect(form.requiredCertificates).toEqual(['CERT-WELDER']);
    expect(form.levelSkill).toEqual(['S-ARC-WELDING', '', '']);
    expect(form.levelValue).toEqual(['skilled', '', '']);
    expect(form.trainsForCertificate).toBeUndefined();

    // Saved unchanged: nothing is lost.
    expect((await page.post(url, form)).statusCode).toBe(303);
    const row = await ctx.db.vacancy.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.requiredCertificates).toEqual(['CERT-WELDER']);
    expect(row.requiredSkillLevels).toEqual({ 'S-ARC-WELDING': 'skilled' });

    // A second row for gas cutting, the training box ticked.
    const more = {
      ...form,
      levelSkill: ['S-ARC-WELDING', 'S-GAS-CUTTING', ''],
      levelValue: ['skilled', 'intermediate', ''],
      trainsForCertificate: ['true'],
    };
    expect((await page.post(url, more)).statusCode).toBe(303);
    const changed = await ctx.db.vacancy.findUniqueOrThrow({ where: { id: created.id } });
    expect(changed.requiredSkillLevels).toEqual({ 'S-ARC-WELDING': 'skilled', 'S-GAS-CUTTING': 'intermediate' });
    expect(changed.trainsForCertificate).toBe(true);

    // A level for a skill not ticked as required is refused, naming the field, in both languages.
    const wrong = { ...form, levelSkill: ['S-FORKLIFT', '', ''], levelValue: ['skilled', '', ''] };
    const refused = await page.post(url, wrong);
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused.body, 'requiredSkillLevels')).toContain('技能等级要求');
    const english = await page.post(`${url}?lang=en`, wrong);
    expect(errorOf(english.body, 'requiredSkillLevels')).toContain('Skill levels required');
  });

  it('says on the job page which licence is needed and that the employer trains for it', async () => {
    const created = (await send('POST', '/api/v1/vacancies', welder({ trainsForCertificate: true }))).json();
    await send('PATCH', `/api/v1/vacancies/${created.id}`, { status: 'open' });
    const detail = await new PageClient(ctx).get(`/jobs/${created.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('需持证：特种作业操作证（焊接与热切割）');
    expect(detail.body).toContain('提供培训并取证');
    expect(detail.body).toContain('电焊 · 技术骨干');
  });
});
