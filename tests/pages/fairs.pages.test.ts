import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVacancy } from '../helpers/applications.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const HOUR = 3_600_000;
const local = (date: Date) => new Date(date.getTime() + 8 * HOUR).toISOString().slice(0, 16);

/** The fair pages without JavaScript: plain forms, post/redirect/get, errors re-rendered with 422. */
describe('fair pages', () => {
  let ctx: TestContext;
  let officer: PageClient;
  let employer: PageClient;
  let labourer: PageClient;
  let demoEmployerId: string;
  let fairId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    demoEmployerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } })).employerId!;
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua-pages' });
    officer = await new PageClient(ctx).signIn('officer.changting');
    employer = await new PageClient(ctx).signIn('employer.demo');
    labourer = await new PageClient(ctx).signIn('labourer.demo');
  });
  afterAll(() => ctx.close());

  const fairForm = (over: Record<string, string | string[]> = {}) => ({
    kind: 'poverty_workshop',
    name: '扶贫车间专场招聘会',
    startsAt: local(new Date(Date.now() - HOUR)),
    endsAt: local(new Date(Date.now() + 5 * HOUR)),
    regionCode: '350821',
    address: '长汀县河田镇扶贫车间',
    organiser: '长汀县人社局',
    targetGroups: ['registered_poor', 'disabled'],
    ...over,
  });

  it('plans a fair through the form, showing field errors in Chinese with 422', async () => {
    await officer.get('/fairs/new');
    const unnamed = await officer.post('/fairs', fairForm({ name: '' }));
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.body).toContain('class="field-error"');
    const bad = await officer.post('/fairs', fairForm({ endsAt: local(new Date(Date.now() - 5 * HOUR)) }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('结束时间不能早于开始时间');
    const good = await officer.post('/fairs', fairForm());
    expect(good.statusCode).toBe(303);
    fairId = /\/fairs\/([0-9a-f-]{36})\/manage/.exec(good.headers.location as string)![1]!;
    const manage = await officer.get(`/fairs/${fairId}/manage`);
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain('开放报名');
    expect((await officer.post(`/fairs/${fairId}/state`, { to: 'registration' })).statusCode).toBe(303);
    const illegal = await officer.post(`/fairs/${fairId}/state`, { to: 'closed' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.body).toContain('招聘会现在不能进入这个状态');
  });

  it('offers where to hold a fair and which agreement it serves as choices: nobody types a code or an id', async () => {
    const agreement = await ctx.db.cooperationAgreement.create({
      data: {
        homeRegionCode: '3508',
        partnerRegionCode: '6404',
        year: 2026,
        title: '龙岩—固原劳务协作',
        homeContactName: '陈明',
        homeContactPhone: '13900000001',
        partnerContactName: '马强',
        partnerContactPhone: '13900000002',
      },
    });
    // The province officer's own region (35) is no place to hold a fair: the form asks them to choose.
    const province = await new PageClient(ctx).signIn('officer.fujian');
    const form = await province.get('/fairs/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<select id="regionCode" name="regionCode" required\s*>/);
    expect(form.body).toContain('<option value="3508" >龙岩市（全市）</option>');
    expect(form.body).toContain('<option value="350821" >长汀县</option>');
    expect(form.body).toMatch(
      /<select id="partnerRegionCode" name="partnerRegionCode"[^>]*>[\s\S]*?<option value="6404" >/,
    );
    expect(form.body).toContain(`<option value="${agreement.id}" >2026 · 龙岩—固原劳务协作</option>`);
    expect(form.body).not.toContain('inputmode="numeric" required');
    expect(form.body).not.toContain('<option value="35"');

    // The first choice of every select, as a hurried officer would leave them, makes a valid fair.
    const planned = await province.post('/fairs', {
      ...fairForm({ name: '龙岩劳务协作专场' }),
      regionCode: '3508',
      homeRegionCode: '3508',
      partnerRegionCode: '6404',
      agreementId: agreement.id,
    });
    expect(planned.statusCode, /field-error[^>]*>([^<]*)/.exec(planned.body)?.[1]).toBe(303);
    const id = /\/fairs\/([0-9a-f-]{36})\/manage/.exec(planned.headers.location as string)![1]!;
    expect(await ctx.db.fair.findUniqueOrThrow({ where: { id } })).toMatchObject({
      regionCode: '3508',
      partnerRegionCode: '6404',
      agreementId: agreement.id,
    });
    // Editing shows the saved choices selected, so saving unchanged keeps them.
    const edit = await province.get(`/fairs/${id}/edit`);
    expect(edit.body).toContain('<option value="3508" selected>龙岩市（全市）</option>');
    expect(edit.body).toContain(`<option value="${agreement.id}" selected>`);
    // The county officer is offered the county only.
    const county = await officer.get('/fairs/new');
    expect(county.body).toContain('<option value="350821" selected>长汀县</option>');
    expect(county.body).not.toContain('<option value="3508" ');
  });

  it('refuses an empty check-in, walk-in or bulk check-in with 422 and the field named beside it, before the fair is under way too', async () => {
    await officer.get(`/fairs/${fairId}/check-in`);
    const code = await officer.post(`/fairs/${fairId}/check-in`, { code: '' });
    expect(code.statusCode).toBe(422);
    expect(code.body).toContain("<p class='field-error' id='fair-code-error' role='alert'>请填写入场码</p>");
    const walkIn = await officer.post(`/fairs/${fairId}/walk-in`, { idNumber: '' });
    expect(walkIn.statusCode).toBe(422);
    expect(walkIn.body).toContain("<p class='field-error' id='walk-in-id-error' role='alert'>请填写身份证号</p>");
    await officer.get(`/fairs/${fairId}/registrations`);
    const bulk = await officer.post(`/fairs/${fairId}/check-ins/bulk`, {});
    expect(bulk.statusCode).toBe(422);
    expect(bulk.body).toContain("<p class='field-error' id='registrationIds-error' role='alert'>请选择要签到的人</p>");
    const nobody = await officer.post(`/fairs/${fairId}/registrations`, { idNumber: '' });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.body).toContain("<p class='field-error' id='register-id-error' role='alert'>请填写身份证号</p>");
    // A well-formed code is refused for the fair's state until it is under way.
    const early = await officer.post(`/fairs/${fairId}/check-in`, { code: 'ABCD2345' });
    expect(early.statusCode).toBe(409);
  });

  it('lets the employer apply with a vacancy, the officer approve, and the person register and see the ticket', async () => {
    const vacancy = await createVacancy(ctx.db, demoEmployerId, { title: '竹编工' });
    await employer.get(`/fairs/${fairId}/employer`);
    const applied = await employer.post(`/fairs/${fairId}/employer/apply`, { vacancyIds: [vacancy.id] });
    expect(applied.statusCode).toBe(303);
    await officer.get(`/fairs/${fairId}/manage`);
    const noBooth = await officer.post(`/fairs/${fairId}/employers/${demoEmployerId}/decision`, { status: 'approved' });
    expect(noBooth.statusCode).toBe(422);
    const approved = await officer.post(`/fairs/${fairId}/employers/${demoEmployerId}/decision`, {
      status: 'approved',
      booth: 'B07',
    });
    expect(approved.statusCode).toBe(303);

    const page = await labourer.get(`/fairs/${fairId}`);
    expect(page.body).toContain('竹编工');
    const registered = await labourer.post(`/fairs/${fairId}/register`, { targetGroups: 'returning_migrant' });
    expect(registered.statusCode).toBe(303);
    const ticket = await labourer.get(`/fairs/${fairId}/ticket`);
    expect(ticket.statusCode).toBe(200);
    expect(ticket.body).toContain('<svg');
    expect(ticket.body).toContain('竹编工');
    expect(ticket.body).toContain('B07');
  });

  it('checks a person in by typed code on the check-in page, and shows the results with exports', async () => {
    await officer.get(`/fairs/${fairId}/manage`);
    expect((await officer.post(`/fairs/${fairId}/state`, { to: 'ongoing' })).statusCode).toBe(303);
    const registration = await ctx.db.fairRegistration.findFirstOrThrow({ where: { fairId } });
    await officer.get(`/fairs/${fairId}/check-in`);
    const wrong = await officer.post(`/fairs/${fairId}/check-in`, { code: 'ZZZ' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('入场码应为8位字母或数字');
    const checked = await officer.post(`/fairs/${fairId}/check-in`, { code: registration.code.toLowerCase() });
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('签到成功');
    const again = await officer.post(`/fairs/${fairId}/check-in`, { code: registration.code });
    expect(again.body).toContain('此人已经签到过');

    const list = await officer.get(`/fairs/${fairId}/registrations?checkedIn=true`);
    expect(list.body).toContain(registration.code);
    const employerView = await employer.get(`/fairs/${fairId}/employer?willAttend=true`);
    expect(employerView.body).toContain('已入场');
    expect(employerView.body).not.toContain(registration.code);
    const recorded = await employer.post(`/fairs/${fairId}/employer/interactions`, {
      registrationId: registration.id,
      outcome: 'interview',
    });
    expect(recorded.statusCode).toBe(303);

    const results = await officer.get(`/fairs/${fairId}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('application/json');
    expect(results.body).toContain('返乡农民工');
    const csv = await officer.get(`/fairs/${fairId}/results/export?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('报名');
    const xlsx = await officer.get(`/fairs/${fairId}/results/export?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const compare = await officer.get(`/fairs/compare?ids=${fairId}`);
    expect(compare.statusCode).toBe(200);

    // Exporting the list of people is personal data: it leaves an audit record.
    const exported = await officer.get(`/fairs/${fairId}/registrations/export?format=csv`);
    expect(exported.body).toContain(registration.code);
    expect(await ctx.db.auditLog.count({ where: { action: 'fair.registrations.export', entityId: fairId } })).toBe(1);
    const english = await officer.get(`/fairs/${fairId}/check-in?lang=en`);
    expect(english.body).toContain('Ticket code (8 characters)');
  });

  it('shows the public calendar to anyone and keeps other counties out of the management pages', async () => {
    const anonymous = new PageClient(ctx);
    const calendar = await anonymous.get('/fairs');
    expect(calendar.statusCode).toBe(200);
    expect(calendar.body).toContain('扶贫车间专场招聘会');
    const ninghua = await new PageClient(ctx).signIn('officer.ninghua-pages');
    expect((await ninghua.get(`/fairs/${fairId}/manage`)).statusCode).toBe(403);
    expect((await ninghua.get(`/fairs/${fairId}/check-in`)).statusCode).toBe(403);
  });
});
