import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallDemo } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('labourer registry pages', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
  });
  afterAll(() => ctx.close());

  it('lists the county’s labourers with masked ID numbers and phones, and filters them', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const page = await officer.get('/labourers?wantsJob=true');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('劳动力台账');
    expect(page.body).toMatch(/350821\*{8}\d{3}[\dX]/);
    expect(page.body).not.toMatch(/1[3-9]\d{9}/);
    expect(page.body).toContain('导出 Excel');
  });

  it('re-renders the form with 422 and the reason in Chinese for a mistyped ID number', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    await officer.get('/labourers/new');
    const good = makeIdNumber('350821', '19920202', true);
    const typo = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const response = await officer.post('/labourers', {
      name: '廖志明',
      idNumber: typo,
      regionCode: '350821',
      mobility: 'county',
      employmentStatus: 'unemployed',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('身份证号最后一位校验码不对');
    expect(response.body).toContain('value="廖志明"');

    const created = await officer.post('/labourers', {
      name: '廖志明',
      idNumber: good,
      regionCode: '350821',
      mobility: 'city',
      employmentStatus: 'unemployed',
      wantsJob: 'true',
      desiredOccupations: ['C03-001', 'C06-001'],
      skills: ['S-ELEC-ASSEMBLY'],
      expectedWage: '4500',
    });
    expect(created.statusCode).toBe(303);
    const profile = await officer.get(created.headers.location as string);
    expect(profile.body).toContain('廖志明');
    expect(profile.body).toContain('电子产品组装');
    expect(profile.body).not.toContain(good);
  });

  it('sends a reveal page’s address opened again back to the masked profile, revealing nothing', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const person = await ctx.db.labourer.findFirstOrThrow({ where: { regionCode: { startsWith: '350821' } } });
    const audits = await ctx.db.auditLog.count();
    for (const revealed of ['id-number', 'phone']) {
      const response = await officer.get(`/labourers/${person.id}/${revealed}`);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/labourers/${person.id}`);
    }
    expect(await ctx.db.auditLog.count()).toBe(audits);
  });

  it('changes a status through the edit form and shows it in the history', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    await officer.get('/labourers/new');
    const created = await officer.post('/labourers', {
      name: '黄春兰',
      idNumber: makeIdNumber('350821', '19830303', false),
      regionCode: '350821',
      mobility: 'county',
      employmentStatus: 'unemployed',
      wantsJob: 'true',
    });
    const url = created.headers.location as string;
    await officer.get(`${url}/edit`);
    const saved = await officer.post(url, {
      name: '黄春兰',
      regionCode: '350821',
      mobility: 'county',
      employmentStatus: 'employed_local',
      statusNote: '在县内扶贫车间上班',
      povertyStatus: 'lifted_out',
      pensionInsurance: 'urban_rural_resident',
    });
    expect(saved.statusCode).toBe(303);
    const profile = await officer.get(url);
    expect(profile.body).toContain('在县内扶贫车间上班');
    expect(profile.body).toMatch(/未就业 → <strong>县内就业<\/strong>/);
  });

  it('exports the filtered list as CSV and records the export', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const before = await ctx.db.auditLog.count({ where: { action: 'labourer.export' } });
    const response = await officer.get('/labourers/export?format=csv&wantsJob=true');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const lines = response.body.replace('\uFEFF', '').trim().split('\n');
    expect(lines[0]).toContain('姓名,身份证号');
    expect(lines.length).toBeGreaterThan(1);
    expect(response.body).not.toMatch(/350821(19|20)\d{9}[\dX]/);
    expect(await ctx.db.auditLog.count({ where: { action: 'labourer.export' } })).toBe(before + 1);
    const xlsx = await officer.get('/labourers/export?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('keeps job seekers and employers out of the registry pages', async () => {
    for (const username of ['labourer.demo', 'employer.demo']) {
      const client = await new PageClient(ctx).signIn(username);
      const response = await client.get('/labourers');
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('没有权限');
    }
  });

  it('lets a job seeker register, land signed in on their page, and keep their wishes', async () => {
    const visitor = new PageClient(ctx);
    const form = await visitor.get('/register');
    expect(form.body).toContain('求职登记');
    const idNumber = makeIdNumber('350821', '19990909', false);
    const short = await visitor.post('/register', {
      name: '钟美玲',
      idNumber,
      phone: '13800001111',
      password: 'short',
      regionCode: '350821',
      mobility: 'city',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('密码至少 8 位');
    const done = await visitor.post('/register', {
      name: '钟美玲',
      idNumber,
      phone: '13800001111',
      password: 'a-good-password',
      regionCode: '350821',
      desiredOccupations: 'C05-001',
      mobility: 'city',
      expectedWage: '5000',
      needsAccommodation: 'true',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/me?welcome=1');
    const me = await visitor.get('/me?welcome=1');
    expect(me.body).toContain('登记成功');
    expect(me.body).toContain('钟美玲');
    const saved = await visitor.post('/me', {
      wantsJob: 'true',
      mobility: 'province',
      expectedWage: '5500',
      desiredOccupations: ['C05-001', 'C05-005'],
      consentContact: 'true',
      consentShowEmployer: 'true',
      phone: '13800001111',
    });
    expect(saved.statusCode).toBe(303);
    const person = await ctx.db.labourer.findFirstOrThrow({
      where: { name: '钟美玲' },
      include: { statusChanges: true },
    });
    expect(person).toMatchObject({
      mobility: 'province',
      expectedWage: 5500,
      desiredOccupations: ['C05-001', 'C05-005'],
      employmentStatus: 'unemployed',
    });
    expect(person.statusChanges[0]?.source).toBe('self');
    const user = await ctx.db.user.findUniqueOrThrow({ where: { labourerId: person.id } });
    expect(user.username).not.toContain('13800001111');
    expect(user).toMatchObject({ role: 'labourer', labourerId: person.id });

    const again = new PageClient(ctx);
    await again.get('/register');
    const duplicate = await again.post('/register', {
      name: '钟美玲',
      idNumber,
      phone: '13800002222',
      password: 'a-good-password',
      regionCode: '350821',
      mobility: 'city',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('请携带身份证到户籍所在县（市、区）公共就业服务机构办理');
    expect(duplicate.body).not.toContain('已经登记过了');
  });
});
