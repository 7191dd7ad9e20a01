import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import { seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('job and employer pages', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await ctx.drain.drainAll();
  });
  afterAll(() => ctx.close());

  it('lets anyone search jobs and open one, without signing in', async () => {
    const visitor = new PageClient(ctx);
    const list = await visitor.get('/jobs');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/找到 \d+ 个岗位/);
    const href = /href="(\/jobs\/[0-9a-f-]{36})"/.exec(list.body)?.[1];
    expect(href).toBeTruthy();
    const detail = await visitor.get(href!);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('登录后报名');
    expect((await visitor.get('/jobs/not-a-uuid')).statusCode).toBe(404);
    expect((await visitor.get('/jobs?pageSize=9999')).body).toContain('每页条数不能大于 50');
  });

  it('walks an employer from registration to a posted job that an officer verifies', async () => {
    const employer = new PageClient(ctx);
    await employer.get('/employers/register');
    const body = '91350821MA12345678';
    const creditCode = body.slice(0, 17) + creditCodeCheck(body.slice(0, 17));
    const wrongCode = body.slice(0, 17) + (creditCode.endsWith('0') ? '1' : '0');
    const bad = await employer.post('/employers/register', {
      name: '长汀县红山乡竹编扶贫车间',
      creditCode: wrongCode,
      kind: 'poverty_workshop',
      regionCode: '350821',
      address: '红山乡',
      contactName: '钟师傅',
      contactPhone: '13905971111',
      username: 'zhubian.hongshan',
      password: 'a-good-password',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('aria-invalid="true" aria-describedby="creditCode-error"');
    const ok = await employer.post('/employers/register', {
      name: '长汀县红山乡竹编扶贫车间',
      creditCode,
      kind: 'poverty_workshop',
      regionCode: '350821',
      address: '红山乡',
      contactName: '钟师傅',
      contactPhone: '13905971111',
      username: 'zhubian.hongshan',
      password: 'a-good-password',
    });
    expect(ok.statusCode).toBe(303);
    const home = await employer.get('/');
    expect(home.body).toContain('等待人社部门审核');

    await employer.get('/employer/vacancies/new');
    const discriminating = await employer.post('/employer/vacancies', {
      title: '竹编工（限男性）',
      occupationCode: 'C14-001',
      description: '编织竹制工艺品，计件工资，在家门口上班。',
      regionCode: '350821',
      wageMin: '2500',
      wageMax: '3800',
      headcount: '5',
      payBasis: 'piece',
    });
    expect(discriminating.statusCode).toBe(422);
    expect(discriminating.body).toContain('限男性');
    expect(discriminating.body).toContain('就业促进法');
    const posted = await employer.post('/employer/vacancies', {
      title: '竹编工',
      occupationCode: 'C14-001',
      description: '编织竹制工艺品，计件工资，在家门口上班，男女不限。',
      regionCode: '350821',
      wageMin: '2500',
      wageMax: '3800',
      headcount: '5',
      payBasis: 'piece',
      meals: 'true',
    });
    expect(posted.statusCode).toBe(303);
    const vacancyUrl = posted.headers.location as string;
    const vacancyId = vacancyUrl.split('/').pop()!;
    await employer.get(vacancyUrl);
    expect((await employer.post(`${vacancyUrl}/status`, { status: 'open' })).statusCode).toBe(303);
    expect((await ctx.db.vacancy.findUniqueOrThrow({ where: { id: vacancyId } })).status).toBe('open');
    expect((await new PageClient(ctx).get(`/jobs/${vacancyId}`)).statusCode).toBe(404);

    const officer = await new PageClient(ctx).signIn('officer.changting');
    const pending = await officer.get('/employers?verified=false');
    expect(pending.body).toContain('长汀县红山乡竹编扶贫车间');
    const employerId = (await ctx.db.employer.findUniqueOrThrow({ where: { creditCode } })).id;
    await officer.get(`/employers/${employerId}`);
    expect(
      (await officer.post(`/employers/${employerId}/verify`, { verified: 'true', note: '执照已核' })).statusCode,
    ).toBe(303);
    await ctx.drain.drainAll();
    const publicPage = await new PageClient(ctx).get(`/jobs/${vacancyId}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('竹编工');
    const found = await new PageClient(ctx).get(`/jobs?q=${encodeURIComponent('竹编')}`);
    expect(found.body).toContain(`/jobs/${vacancyId}`);
  });

  it('keeps officers in their region on employer pages', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const outside = await ctx.db.employer.findFirst({ where: { NOT: { regionCode: { startsWith: '350821' } } } });
    if (outside) expect((await officer.get(`/employers/${outside.id}`)).statusCode).toBe(403);
    const labourer = await new PageClient(ctx).signIn('labourer.demo');
    expect((await labourer.get('/employers')).statusCode).toBe(403);
    expect((await labourer.get('/employer/vacancies/new')).statusCode).toBe(403);
  });
});
