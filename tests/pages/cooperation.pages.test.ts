import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { createCooperationEmployer } from '../helpers/cooperation-fixtures.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const agreementForm = {
  homeRegionCode: '3501',
  partnerRegionCode: '6404',
  year: String(new Date().getUTCFullYear()),
  title: '福州市—固原市劳务协作',
  homeContactName: '林建国',
  homeContactPhone: '0591-87654321',
  partnerContactName: '马海军',
  partnerContactPhone: '13995412345',
  targetFairs: '2',
  targetTransfers: '10',
  targetHouseholdPlacements: '4',
  targetTrainings: '6',
};

describe('cooperation pages (no JavaScript)', () => {
  let ctx: TestContext;
  let officer: PageClient;
  let agreementUrl: string;
  let household: { id: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '3501', username: 'officer.fuzhou' });
    await createUser(ctx.db, { role: 'officer', regionCode: '3502', username: 'officer.xiamen' });
    household = await createCooperationEmployer(ctx.db, 'household_service', '350102', '福州巧手家政服务有限公司');
    officer = await new PageClient(ctx).signIn('officer.fuzhou');
  });
  afterAll(() => ctx.close());

  it('re-renders the agreement form with field errors (422), then saves it', async () => {
    await officer.get('/cooperation/agreements/new');
    const bad = await officer.post('/cooperation/agreements', { ...agreementForm, title: '', homeContactPhone: '12' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("id='title-error'");
    expect(bad.body).toContain("id='homeContactPhone-error'");
    const same = await officer.post('/cooperation/agreements', { ...agreementForm, partnerRegionCode: '3508' });
    expect(same.statusCode).toBe(422);
    expect(same.body).toContain('协作地区须在外省');
    const saved = await officer.post('/cooperation/agreements', agreementForm);
    expect(saved.statusCode).toBe(303);
    agreementUrl = saved.headers.location!.split('?')[0]!;
    const shown = await officer.get(saved.headers.location!);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('马海军');
    expect(shown.body).toContain('固原市');
    expect(shown.body).toContain('application/json');
    const english = await officer.get(`${agreementUrl}?lang=en`);
    expect(english.body).toContain('Progress against targets');
    await officer.get(`${agreementUrl}?lang=zh-CN`);
  });

  it('lists the agreement with its progress and downloads it', async () => {
    const list = await officer.get('/cooperation');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('福州市—固原市劳务协作');
    expect(list.body).toContain('<meter');
    const csv = await officer.get('/cooperation/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('福州市—固原市劳务协作');
  });

  it('keeps the agreement from another city’s officer (403)', async () => {
    const xiamen = await new PageClient(ctx).signIn('officer.xiamen');
    expect((await xiamen.get(agreementUrl)).statusCode).toBe(403);
  });

  it('registers a partner-area labourer, runs a batch from departure to arrival, and records a follow-up', async () => {
    const form = await officer.get(`${agreementUrl}/labourers/new`);
    // The person lives in a county of the partner city; the city itself is not offered (it is refused).
    expect(form.body).toMatch(/<select id="regionCode" name="regionCode" required\s*>\s*<option value="640402"/);
    expect(form.body).not.toContain('<option value="6404" ');
    const person = {
      name: '马玉兰',
      idNumber: makeIdNumber('640402', '19900512', false),
      phone: '13995400001',
      regionCode: '640402',
      mobility: 'partner_region',
      desiredOccupations: 'C05-001',
      wantsJob: 'true',
      consentContact: 'true',
      consentShowEmployer: 'true',
    };
    const bad = await officer.post(`${agreementUrl}/labourers`, { ...person, idNumber: '640402199005120001' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('idNumber-error');
    expect((await officer.post(`${agreementUrl}/labourers`, person)).statusCode).toBe(303);

    await officer.get(agreementUrl);
    const batch = await officer.post(`${agreementUrl}/batches`, {
      departureDate: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
      fromRegionCode: '640402',
      toRegionCode: '3501',
      employerIds: household.id,
      escortName: '马占山',
      transport: '火车',
      travelSubsidyPerHead: '500',
    });
    expect(batch.statusCode).toBe(303);
    const batchUrl = batch.headers.location!.split('?')[0]!;
    const page = await officer.get(batchUrl);
    const labourerId = /<option value="([0-9a-f-]{36})">马玉兰/.exec(page.body)![1]!;
    expect((await officer.post(`${batchUrl}/members`, { labourerId, employerId: household.id })).statusCode).toBe(303);
    // With everyone in the batch, there is no one to add: no form that can only be refused.
    const full = await officer.get(batchUrl);
    expect(full.body).not.toContain(`action="${batchUrl}/members"`);
    expect(full.body).toContain('暂无可加入的人员');
    expect((await officer.post(`${batchUrl}/departure`, {})).statusCode).toBe(303);
    expect(await ctx.db.notification.count({ where: { kind: 'transfer_departure', labourerId } })).toBe(1);
    const departed = await officer.get(batchUrl);
    const memberId = /id="member-([0-9a-f-]{36})"/.exec(departed.body)![1]!;
    const tooEarly = await officer.post(`${batchUrl}/members/${memberId}/arrival`, {
      arrived: 'true',
      arrivedOn: '2000-01-01',
    });
    expect(tooEarly.statusCode).toBe(422);
    const arrivedOn = new Date(Date.now() - 38 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (await officer.post(`${batchUrl}/members/${memberId}/arrival`, { arrived: 'true', arrivedOn })).statusCode,
    ).toBe(303);

    const due = await officer.get('/cooperation/follow-ups');
    expect(due.body).toContain('马玉兰');
    const followUpId = /action="\/cooperation\/follow-ups\/([0-9a-f-]{36})"/.exec(due.body)![1]!;
    // The follow-up list shows the phone masked; the button shows it in clear, once, audited.
    expect(due.body).toContain('139****0001');
    expect(due.body).not.toContain('13995400001');
    const reads = () => ctx.db.auditLog.count({ where: { action: 'labourer.phone.read', entityId: labourerId } });
    expect(await reads()).toBe(0);
    const xiamen = await new PageClient(ctx).signIn('officer.xiamen');
    await xiamen.get('/cooperation');
    expect((await xiamen.post(`/cooperation/follow-ups/${followUpId}/phone`, {})).statusCode).toBe(403);
    expect(await reads()).toBe(0);
    const revealed = await officer.post(`/cooperation/follow-ups/${followUpId}/phone`, {});
    expect(revealed.statusCode).toBe(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.body).toContain('href="tel:13995400001"');
    expect(await reads()).toBe(1);
    const again = await officer.get(`/cooperation/follow-ups/${followUpId}/phone`);
    expect(again.statusCode).toBe(303);
    expect((await officer.get('/cooperation/follow-ups')).body).not.toContain('13995400001');
    const noReason = await officer.post(`/cooperation/follow-ups/${followUpId}`, { state: 'returned_home' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain(`reason-${followUpId}-error`);
    expect((await officer.post(`/cooperation/follow-ups/${followUpId}`, { state: 'in_work' })).statusCode).toBe(303);
  });

  it('refers a willing person to a household company and adds a training on the docking page', async () => {
    const board = await officer.get(`${agreementUrl}/household`);
    expect(board.statusCode).toBe(200);
    const labourerId = /id="person-([0-9a-f-]{36})"/.exec(board.body)![1]!;
    const training = await officer.post(`${agreementUrl}/trainings`, {
      labourerId,
      course: '',
      provider: '固原市职业技能培训中心',
      startedOn: '2025-03-01',
    });
    expect(training.statusCode).toBe(422);
    expect(training.body).toContain(`course-${labourerId}-error`);
    expect(
      (
        await officer.post(`${agreementUrl}/trainings`, {
          labourerId,
          course: '家政服务员培训',
          provider: '固原市职业技能培训中心',
          startedOn: '2025-03-01',
          hours: '80',
          passed: 'true',
        })
      ).statusCode,
    ).toBe(303);
    expect((await officer.post(`${agreementUrl}/referrals`, { labourerId, employerId: household.id })).statusCode).toBe(
      303,
    );
    const after = await officer.get(`${agreementUrl}/household`);
    expect(after.body).toContain('家政服务员培训');
    expect(after.body).toContain('福州巧手家政服务有限公司');
    // Referred once to the only company, the person is not offered to it again (that is refused, 409).
    const card = after.body.slice(after.body.indexOf(`id="person-${labourerId}"`));
    const beforeTrainingForm = card.slice(0, card.indexOf(`action="${agreementUrl}/trainings"`));
    expect(beforeTrainingForm).toContain('福州巧手家政服务有限公司');
    expect(beforeTrainingForm).not.toContain(`action="${agreementUrl}/referrals"`);
  });

  it('shows a partner-area person’s phone on the docking board masked, and in clear only through an audited reveal', async () => {
    const board = await officer.get(`${agreementUrl}/household`);
    expect(board.body).toContain('139****0001');
    expect(board.body).not.toContain('13995400001');
    const person = await ctx.db.labourer.findFirstOrThrow({ where: { name: '马玉兰' } });
    const before = await ctx.db.auditLog.count({ where: { action: 'labourer.phone.read', entityId: person.id } });
    const revealed = await officer.post(`${agreementUrl}/people/${person.id}/phone`, {});
    expect(revealed.statusCode).toBe(200);
    expect(revealed.body).toContain('href="tel:13995400001"');
    const audit = await ctx.db.auditLog.findMany({ where: { action: 'labourer.phone.read', entityId: person.id } });
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)!.details).toMatchObject({ via: 'cooperation.household' });
    // A person of the officer's own province is not a partner-area person of this agreement.
    const local = await ctx.db.labourer.findFirstOrThrow({ where: { regionCode: { startsWith: '35' } } });
    expect((await officer.post(`${agreementUrl}/people/${local.id}/phone`, {})).statusCode).toBe(404);
  });

  it('downloads transferred people with an audit record', async () => {
    const file = await officer.get(`${agreementUrl}/export?table=transfers&format=xlsx`);
    expect(file.statusCode).toBe(200);
    expect(await ctx.db.auditLog.count({ where: { action: 'cooperation.transfers.export' } })).toBe(1);
  });
});
