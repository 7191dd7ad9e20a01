import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { createEmployer, createPerson, createVacancy } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const HOUR = 3_600_000;

/** One fair from planning to results through the API, as the officers, employers and people use it. */
describe('a fair from planning to results', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let officer: Headers;
  let employer: Headers;
  let otherEmployer: Headers;
  let labourer: Headers;
  let demoEmployerId: string;
  let demoLabourerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    demoEmployerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } })).employerId!;
    demoLabourerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } })).labourerId!;
    await ctx.db.labourer.update({
      where: { id: demoLabourerId },
      data: { hardToEmploy: false, povertyStatus: 'registered', disability: false },
    });
    const other = await createEmployer(ctx.db, { regionCode: '350821' });
    await createUser(ctx.db, { role: 'employer', employerId: other.id, username: 'employer.walk-other' });
    officer = await bearer(ctx, 'officer.changting');
    employer = await bearer(ctx, 'employer.demo');
    otherEmployer = await bearer(ctx, 'employer.walk-other');
    labourer = await bearer(ctx, 'labourer.demo');
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('plans, runs and closes a fair whose results add up', async () => {
    // The officer plans the fair for tomorrow morning and opens registration.
    const startsAt = new Date(Date.now() + 2 * HOUR);
    const created = await call('POST', '/api/v1/fairs', officer, {
      kind: 'employment_assistance_month',
      name: '2027年就业援助月长汀专场',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * HOUR).toISOString(),
      regionCode: '350821',
      address: '长汀县人力资源市场',
      lat: 25.84,
      lng: 116.35,
      organiser: '长汀县人力资源和社会保障局',
      targetGroups: ['registered_poor', 'disabled'],
      capacity: 200,
    });
    expect(created.statusCode).toBe(201);
    const fair = created.json();
    expect(fair).toMatchObject({ status: 'planned', online: false, regionName: expect.stringContaining('长汀') });
    const fairUrl = `/api/v1/fairs/${fair.id}`;
    expect((await call('POST', `${fairUrl}/state`, officer, { to: 'registration' })).json().status).toBe(
      'registration',
    );

    // The employer applies with an open vacancy; the officer approves with a booth.
    const vacancy = await createVacancy(ctx.db, demoEmployerId, { title: '电子厂装配工' });
    const applied = await call('POST', `${fairUrl}/employers`, employer, {
      vacancyIds: [vacancy.id],
      note: '需要两个展位',
    });
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({ status: 'pending', vacancies: [{ id: vacancy.id }] });
    expect((await call('POST', `${fairUrl}/employers`, employer, {})).statusCode).toBe(409);
    const noBooth = await call('POST', `${fairUrl}/employers/${demoEmployerId}/decision`, officer, {
      status: 'approved',
    });
    expect(noBooth.statusCode).toBe(400);
    expect(noBooth.json().details[0].field).toBe('booth');
    const approved = await call('POST', `${fairUrl}/employers/${demoEmployerId}/decision`, officer, {
      status: 'approved',
      booth: 'A01',
    });
    expect(approved.json()).toMatchObject({ status: 'approved', booth: 'A01' });

    // People register: the demo labourer themself, two more by the officer; invitations go to matches.
    const mine = await call('POST', `${fairUrl}/registrations`, labourer, { targetGroups: ['returning_migrant'] });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().targetGroups.sort()).toEqual(['registered_poor', 'returning_migrant']);
    expect(mine.json().code).toMatch(/^[0-9A-Z]{8}$/);
    expect((await call('POST', `${fairUrl}/registrations`, labourer, {})).json().details).toMatchObject({
      reason: 'already_registered',
    });
    const graduate = await createPerson(ctx.db, pii, { name: '钟晓燕', male: false, birth: '20030310' });
    const disabled = await createPerson(ctx.db, pii, { name: '王有福', povertyStatus: 'lifted_out' });
    await ctx.db.labourer.update({ where: { id: disabled.id }, data: { disability: true } });
    const absent = await createPerson(ctx.db, pii, { name: '刘金水' });
    const walkIn = await createPerson(ctx.db, pii, { name: '陈桂香', male: false });
    const byOfficer = async (labourerId: string, targetGroups: string[] = []) => {
      const response = await call('POST', `${fairUrl}/registrations`, officer, {
        labourerId,
        targetGroups,
        willAttend: true,
      });
      expect(response.statusCode).toBe(201);
      return response.json();
    };
    const gradReg = await byOfficer(graduate.id, ['poor_family_graduate']);
    const disabledReg = await byOfficer(disabled.id);
    // Lifted out of poverty, still 建档立卡 (脱贫不脱政策, plan §1(2)): in the registered-poor group.
    expect(disabledReg.targetGroups).toEqual(['registered_poor', 'disabled']);
    const absentReg = await byOfficer(absent.id);
    await call('PATCH', `${fairUrl}/registrations/${absentReg.id}`, officer, { willAttend: false });

    await ctx.drain.drainAll();
    const invited = await call('POST', `${fairUrl}/invitations`, officer, { perVacancy: 50 });
    expect(invited.statusCode).toBe(200);
    expect(invited.json().invited).toBeGreaterThan(0);
    const invitation = await ctx.db.fairInvitation.findFirstOrThrow({ where: { fairId: fair.id } });
    const notice = await ctx.db.notification.findFirstOrThrow({
      where: { dedupeKey: `fair-invite:${fair.id}:${invitation.labourerId}` },
    });
    expect(notice).toMatchObject({ kind: 'fair_invitation', labourerId: invitation.labourerId });
    expect(invitation.notificationId).toBe(notice.id);
    // Registered people are not invited, and nobody twice.
    expect(await ctx.db.fairInvitation.count({ where: { fairId: fair.id, labourerId: demoLabourerId } })).toBe(0);
    expect((await call('POST', `${fairUrl}/invitations`, officer, {})).json().invited).toBe(0);

    // The employer filters the people by their mark and sees names masked.
    const willCome = await call('GET', `${fairUrl}/registrations?willAttend=true`, employer);
    expect(willCome.statusCode).toBe(200);
    expect(willCome.json().total).toBe(3);
    for (const item of willCome.json().items) {
      expect(item.name).toMatch(/\*/);
      expect(item.code).toBeNull();
      expect(item.idNumberMasked).toBeNull();
    }
    expect((await call('GET', `${fairUrl}/registrations`, otherEmployer)).statusCode).toBe(403);

    // The hourly job reminds everyone registered, once.
    const reminders = ctx.app.modules.instances.get('fairs')!.jobs!.find((job) => job.name === 'fairs.reminders');
    await reminders!.run();
    await reminders!.run();
    expect(
      await ctx.db.notification.count({
        where: { kind: 'fair_reminder', data: { path: ['fairId'], equals: fair.id } },
      }),
    ).toBe(4);
    expect(await ctx.db.fairRegistration.count({ where: { fairId: fair.id, reminderSentAt: null } })).toBe(0);

    // The fair is brought forward to this morning and opens; check-in by typed code, in bulk, walk-in.
    const moved = await call('PATCH', fairUrl, officer, {
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
    });
    expect(moved.statusCode).toBe(200);
    expect(
      (await call('POST', `${fairUrl}/check-ins`, officer, { code: mine.json().code })).json().details,
    ).toMatchObject({
      reason: 'not_ongoing',
    });
    expect((await call('POST', `${fairUrl}/state`, officer, { to: 'ongoing' })).json().status).toBe('ongoing');
    const typed = mine
      .json()
      .code.toLowerCase()
      .replace(/^(.{4})/, '$1-');
    const checked = await call('POST', `${fairUrl}/check-ins`, officer, { code: typed });
    expect(checked.json()).toMatchObject({ already: false, registration: { labourerId: demoLabourerId } });
    expect((await call('POST', `${fairUrl}/check-ins`, officer, { code: mine.json().code })).json().already).toBe(true);
    const bulk = await call('POST', `${fairUrl}/check-ins/bulk`, officer, {
      registrationIds: [gradReg.id, disabledReg.id, mine.json().id],
    });
    expect(bulk.json()).toEqual({ checkedIn: 2, already: 1 });
    const walked = await call('POST', `${fairUrl}/walk-ins`, officer, { idNumber: walkIn.idNumber });
    expect(walked.statusCode).toBe(201);
    expect(walked.json().registration).toMatchObject({ source: 'walk_in', checkedInAt: expect.any(String) });

    // On site: the attendee's slip ranks the fair's vacancies; employers record what happened.
    const slip = await call('GET', `${fairUrl}/registrations/${mine.json().id}/slip`, labourer);
    expect(slip.statusCode).toBe(200);
    expect(slip.json().items).toMatchObject([{ rank: 1, vacancyId: vacancy.id, booth: 'A01' }]);
    expect(slip.json().items[0].reasons.length).toBeGreaterThan(0);
    const record = (headers: Headers, registrationId: string, outcome: string) =>
      call('POST', `${fairUrl}/interactions`, headers, { registrationId, outcome, vacancyId: vacancy.id });
    expect((await record(employer, mine.json().id, 'interview')).statusCode).toBe(201);
    expect((await record(employer, mine.json().id, 'offer')).statusCode).toBe(201);
    expect((await record(employer, gradReg.id, 'intention')).statusCode).toBe(201);
    expect((await record(employer, walked.json().registration.id, 'interview')).statusCode).toBe(201);
    expect((await record(employer, absentReg.id, 'interview')).json().details).toMatchObject({
      reason: 'not_checked_in',
    });
    expect((await record(otherEmployer, mine.json().id, 'interview')).statusCode).toBe(403);
    expect((await call('GET', `${fairUrl}/interactions`, otherEmployer)).json().items).toEqual([]);
    expect((await call('GET', `${fairUrl}/employers`, otherEmployer)).json().items).toEqual([]);

    // The hire goes through the applications API.
    const application = await call('POST', '/api/v1/applications', labourer, { vacancyId: vacancy.id });
    expect(application.statusCode).toBe(201);
    const appId = application.json().id;
    for (const to of ['offered', 'hired']) {
      const step = await call('POST', `/api/v1/applications/${appId}/transitions`, employer, { to });
      expect(step.statusCode).toBe(200);
    }

    expect((await call('POST', `${fairUrl}/state`, officer, { to: 'closed' })).json().status).toBe('closed');
    expect((await call('POST', `${fairUrl}/state`, officer, { to: 'ongoing' })).statusCode).toBe(409);

    const results = (await call('GET', `${fairUrl}/results`, officer)).json();
    expect(results).toMatchObject({ employers: 1, vacancies: 1 });
    expect(results.total).toEqual({
      key: 'total',
      registered: 5,
      attended: 4,
      interviewed: 2,
      intentions: 1,
      offers: 1,
      hired30: 1,
      hired90: 1,
    });
    for (const row of [results.total, ...results.byCounty, ...results.byGroup]) {
      expect(row.registered).toBeGreaterThanOrEqual(row.attended);
      expect(row.attended).toBeGreaterThanOrEqual(row.hired90);
      expect(row.hired90).toBeGreaterThanOrEqual(row.hired30);
    }
    const group = Object.fromEntries(results.byGroup.map((r: { key: string }) => [r.key, r]));
    // 王有福, lifted out, is registered poor too (plan §1(2)): five registered, four attended
    // (刘金水 stayed away).
    expect(group.registered_poor).toMatchObject({ registered: 5, attended: 4, hired90: 1 });
    expect(group.poor_family_graduate).toMatchObject({ registered: 1, attended: 1, intentions: 1, hired90: 0 });
    expect(group.disabled).toMatchObject({ registered: 1, attended: 1 });
    expect(group.returning_migrant).toMatchObject({ registered: 1, attended: 1, hired30: 1 });
    expect(results.byCounty).toEqual([expect.objectContaining({ key: '350821', registered: 5, attended: 4 })]);
    const groupSum = results.byCounty.reduce((n: number, r: { registered: number }) => n + r.registered, 0);
    expect(groupSum).toBe(results.total.registered);

    // The public calendar no longer lists it; its public page still shows who took part.
    const calendar = (await ctx.app.inject({ method: 'GET', url: '/api/v1/fairs/calendar' })).json();
    expect(calendar.items.map((f: { id: string }) => f.id)).not.toContain(fair.id);
    const publicPage = (await ctx.app.inject({ method: 'GET', url: `${fairUrl}/public` })).json();
    expect(publicPage.employers).toMatchObject([
      { employerId: demoEmployerId, booth: 'A01', vacancies: [{ id: vacancy.id }] },
    ]);
  });
});
