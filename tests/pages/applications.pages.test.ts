import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEmployer, createPerson, createVacancy } from '../helpers/applications.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const idOf = (location: unknown) => /application-([0-9a-f-]{36})/.exec(String(location))?.[1];

/** Opens a page and keeps its CSRF token (the shared header writes it in single quotes). */
async function open(client: PageClient, url: string) {
  const response = await client.get(url);
  const token = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(response.body)?.[1];
  if (token) client.csrf = token;
  return response;
}

/** The applications pages as a browser without JavaScript uses them (needs the module wired). */
describe('applications pages', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let demoEmployerId: string;
  let demoLabourerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    demoEmployerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } })).employerId!;
    demoLabourerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } })).labourerId!;
    await ctx.db.labourer.update({ where: { id: demoLabourerId }, data: { hardToEmploy: false } });
    const other = await createEmployer(ctx.db, { regionCode: '350203' });
    await createUser(ctx.db, { role: 'employer', employerId: other.id, username: 'employer.other' });
  });
  afterAll(() => ctx.close());

  const job = (over: Parameters<typeof createVacancy>[2] = {}) =>
    createVacancy(ctx.db, demoEmployerId, { title: '竹编工（可培训上岗）', ...over });

  it('lets a job seeker apply in one tap and see the application', async () => {
    const vacancy = await job();
    const person = await new PageClient(ctx).signIn('labourer.demo');
    await open(person, '/applications');
    const response = await person.post('/applications', { vacancyId: vacancy.id });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/applications?applied=1');
    const page = await person.get('/applications?applied=1');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('报名成功');
    expect(page.body).toContain('竹编工（可培训上岗）');
    expect(page.body).toContain('已报名');
    expect(page.body).toContain('撤回报名');
  });

  it('explains in Chinese why an application is refused', async () => {
    const closed = await job({ status: 'closed' });
    const person = await new PageClient(ctx).signIn('labourer.demo');
    await open(person, '/applications');
    const response = await person.post('/applications', { vacancyId: closed.id });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('这个岗位目前不招人了');
    const english = await person.get('/applications?lang=en');
    expect(english.body).toContain('My applications');
  });

  it('runs an applicant through the employer’s board, re-rendering a step with a missing field', async () => {
    const vacancy = await job();
    const seeker = await new PageClient(ctx).signIn('labourer.demo');
    await open(seeker, '/applications');
    await seeker.post('/applications', { vacancyId: vacancy.id });

    const employer = await new PageClient(ctx).signIn('employer.demo');
    const board = await open(employer, `/employer/vacancies/${vacancy.id}/applicants`);
    expect(board.statusCode).toBe(200);
    const person = await ctx.db.labourer.findUniqueOrThrow({ where: { id: demoLabourerId } });
    expect(board.body).toContain(`${Array.from(person.name)[0]}*`);
    expect(board.body).not.toContain(person.name);
    expect(board.body).not.toContain(person.idNumberMasked);
    const id = /action="\/applications\/([0-9a-f-]{36})\/transitions"/.exec(board.body)?.[1];
    expect(id).toBeTruthy();

    const viewed = await employer.post(`/applications/${id}/transitions`, { to: 'viewed' });
    expect(viewed.statusCode).toBe(303);
    expect(idOf(viewed.headers.location)).toBe(id);
    const missing = await employer.post(`/applications/${id}/transitions`, {
      to: 'interview',
      interviewAt: '2030-05-01T10:00',
      interviewPlace: '',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('请填写面试地点');
    expect(missing.body).toContain('value="2030-05-01T10:00"');
    const interview = await employer.post(`/applications/${id}/transitions`, {
      to: 'interview',
      interviewAt: '2030-05-01T10:00',
      interviewPlace: '汀州镇工业园区3号楼',
    });
    expect(interview.statusCode).toBe(303);
    const illegal = await employer.post(`/applications/${id}/transitions`, { to: 'started' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.body).toContain('这一步现在不能做');

    const mine = await open(seeker, '/applications');
    expect(mine.body).toContain('2030-05-01 10:00');
    expect(mine.body).toContain('汀州镇工业园区3号楼');

    await employer.post(`/applications/${id}/transitions`, { to: 'offered', offeredWage: '4300' });
    await employer.post(`/applications/${id}/transitions`, { to: 'hired' });
    const future = await employer.post(`/applications/${id}/transitions`, { to: 'started', at: '2099-01-01' });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('日期不能晚于今天');
    const started = await employer.post(`/applications/${id}/transitions`, { to: 'started' });
    expect(started.statusCode).toBe(303);
    const after = await employer.get(`/employer/vacancies/${vacancy.id}/applicants`);
    expect(after.body).toContain('登记离职');
    expect(after.body).toMatch(/已上岗/);
  });

  it('lets the employer find a candidate, invite them, and the person accept', async () => {
    const vacancy = await job({ ageMin: null, ageMax: null });
    await ctx.db.labourerSkill.upsert({
      where: { labourerId_skillCode: { labourerId: demoLabourerId, skillCode: 'S-TILING' } },
      create: { labourerId: demoLabourerId, skillCode: 'S-TILING' },
      update: {},
    });
    await ctx.db.searchOutbox.create({ data: { indexName: 'labourers', documentId: demoLabourerId } });
    await ctx.drain.drainAll();

    const employer = await new PageClient(ctx).signIn('employer.demo');
    const list = await employer.get(`/employer/candidates?vacancyId=${vacancy.id}&skill=S-TILING`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('邀请应聘');
    expect(list.body).not.toMatch(/1[3-9]\d{9}/);
    const invite = await employer.post('/employer/candidates/invite', {
      vacancyId: vacancy.id,
      labourerId: demoLabourerId,
      skill: 'S-TILING',
    });
    expect(invite.statusCode).toBe(303);
    expect(invite.headers.location).toContain('skill=S-TILING');
    expect(invite.headers.location).toContain('invited=1');
    const again = await employer.get(String(invite.headers.location));
    expect(again.body).toContain('邀请已发出');
    expect(again.body).toContain('已邀请');
    const twice = await employer.post('/employer/candidates/invite', {
      vacancyId: vacancy.id,
      labourerId: demoLabourerId,
    });
    expect(twice.statusCode).toBe(409);

    const seeker = await new PageClient(ctx).signIn('labourer.demo');
    const mine = await open(seeker, '/applications');
    expect(mine.body).toContain('用人单位邀请您');
    const id = /id="application-([0-9a-f-]{36})"/.exec(mine.body)?.[1];
    const accepted = await seeker.post(`/applications/${id}/transitions`, { to: 'applied' });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/applications?done=applied');
    expect((await seeker.get('/applications?done=applied')).body).toContain('已接受邀请');
  });

  it('shows hires, people in work, early leaves and the retention rate with a meter chart', async () => {
    const vacancy = await job({ title: '稳岗统计岗位' });
    const person = await createPerson(ctx.db, pii);
    await createApplication(ctx.db, {
      labourerId: person.id,
      vacancyId: vacancy.id,
      status: 'started',
      startedAt: new Date(Date.now() - 200 * 86_400_000),
    });
    const employer = await new PageClient(ctx).signIn('employer.demo');
    const page = await employer.get('/employer');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('累计录用');
    expect(page.body).toContain('3个月稳岗率');
    expect(page.body).toContain('<meter');
    expect(page.body).toContain('稳岗统计岗位');
    const picker = await employer.get('/employer/candidates');
    expect(picker.body).toContain('稳岗统计岗位');
  });

  it('keeps each role to its own pages and records', async () => {
    const vacancy = await job();
    const other = await new PageClient(ctx).signIn('employer.other');
    expect((await other.get(`/employer/vacancies/${vacancy.id}/applicants`)).statusCode).toBe(403);
    expect((await other.get(`/employer/candidates?vacancyId=${vacancy.id}`)).statusCode).toBe(403);
    const application = await createApplication(ctx.db, {
      labourerId: demoLabourerId,
      vacancyId: vacancy.id,
      status: 'applied',
    });
    await open(other, '/employer');
    expect((await other.post(`/applications/${application.id}/transitions`, { to: 'viewed' })).statusCode).toBe(403);
    const seeker = await new PageClient(ctx).signIn('labourer.demo');
    expect((await seeker.get(`/employer/vacancies/${vacancy.id}/applicants`)).statusCode).toBe(403);
    const officer = await new PageClient(ctx).signIn('officer.changting');
    expect((await officer.get('/applications')).statusCode).toBe(403);
    const anonymous = new PageClient(ctx);
    const login = await anonymous.get('/applications');
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toContain('/login');
  });
});
