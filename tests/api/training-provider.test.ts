import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTrainingDemo } from '../../prisma/seed/demo-training.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo, TEST_PASSWORD, testPasswordHash } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 培训机构账号 (issue #19 item 1, plan §3): officers record a training provider of their region, open its
 * account and give it courses; the account sees and runs only those courses — their enrolees masked,
 * class days and attendance, completions writing certificates, its trainees' subsidy claims — and
 * nothing else: another provider's course is not there (404), every officer route is refused (403).
 */
describe('training-provider accounts', () => {
  let ctx: TestContext;
  let officer: Headers;
  let provider: Headers;
  let welding: string;
  let elderCare: string;
  let otherCourse: string;
  let otherEnrolment: string;
  let offeredLabourer: string;
  let enrolees: { id: string; labourerId: string }[];

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ctx = await createTestContext();
    const seeded = await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await ctx.db.labourer.updateMany({
      where: { id: { in: seeded.labourerIds.slice(1, 6) } },
      data: { regionCode: '350821100000', povertyStatus: 'registered', erasedAt: null },
    });
    // The demo as `npm start` seeds it: provider.changting (长汀县公共实训基地) runs the welding class.
    await seedTrainingDemo(ctx.db, {
      ...seeded,
      piiKey: ctx.config.piiKey,
      log: () => {},
      passwordHash: await testPasswordHash(),
    });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'provider.ninghua-officer' });
    officer = await bearer(ctx, 'officer.changting');
    provider = await bearer(ctx, 'provider.changting');
    welding = (await ctx.db.trainingCourse.findFirstOrThrow({ where: { title: { startsWith: '焊工' } } })).id;
    elderCare = (await ctx.db.trainingCourse.findFirstOrThrow({ where: { title: '养老护理员培训班' } })).id;
    enrolees = await ctx.db.trainingEnrolment.findMany({
      where: { courseId: welding },
      orderBy: { createdAt: 'asc' },
      select: { id: true, labourerId: true },
    });
    // An officer's offer on the welding class: not an enrolment the provider sees.
    const seatedIds = enrolees.map((e) => e.labourerId);
    const spare = await ctx.db.labourer.findFirstOrThrow({
      where: { regionCode: { startsWith: '350821' }, id: { notIn: seatedIds }, povertyStatus: 'registered' },
    });
    offeredLabourer = spare.id;
    await ctx.db.trainingEnrolment.create({
      data: { courseId: welding, labourerId: spare.id, status: 'offered', offerReason: '您想参加焊工培训' },
    });
  });
  afterAll(() => ctx.close());

  it('lets an officer record a provider of their region with its account, and give it a course', async () => {
    const pages = await new PageClient(ctx).signIn('officer.changting');
    const courses = await pages.get('/training/courses');
    expect(courses.body).toContain('href="/training/providers"');
    expect((await pages.get('/training/providers')).body).toContain('长汀县公共实训基地');
    const bad = await pages.post('/training/providers', {
      name: '',
      kind: 'technical_school',
      regionCode: '',
      contactName: '',
      contactPhone: '12',
      username: '13905971234',
      password: 'short',
    });
    expect(bad.statusCode).toBe(422);
    for (const name of ['name', 'regionCode', 'contactName', 'contactPhone', 'username', 'password'])
      expect(bad.body).toMatch(new RegExp(`id=["']${name}-error["']`));
    expect(bad.body).toContain('请填写机构名称');
    const made = await pages.post('/training/providers', {
      name: '长汀县职业技术学校',
      kind: 'technical_school',
      regionCode: '350821',
      contactName: '钟老师',
      contactPhone: '0597-6800001',
      username: 'provider.techschool',
      password: TEST_PASSWORD,
    });
    expect(made.statusCode).toBe(303);
    const list = await pages.get('/training/providers?created=1');
    expect(list.body).toContain('provider.techschool');
    const taken = await pages.post('/training/providers', {
      name: '长汀县另一家机构',
      kind: 'other_department',
      regionCode: '350821',
      contactName: '钟老师',
      contactPhone: '13905970001',
      username: 'provider.changting',
      password: TEST_PASSWORD,
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('用户名已被占用');
    const csv = await pages.get('/training/providers/export?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('长汀县职业技术学校');

    // Another region's provider is refused; 宁化's officer sees none of 长汀's.
    const outside = await call('POST', '/api/v1/training/providers', officer, {
      name: '宁化县实训中心',
      kind: 'public_centre',
      regionCode: '350424',
      contactName: '张老师',
      contactPhone: '13905970002',
    });
    expect(outside.statusCode).toBe(403);
    const ninghua = await bearer(ctx, 'provider.ninghua-officer');
    expect((await call('GET', '/api/v1/training/providers', ninghua)).json().items).toEqual([]);

    // A course given to the school takes its name and kind from the provider's record.
    const school = (await call('GET', '/api/v1/training/providers', officer))
      .json()
      .items.find((p: { name: string }) => p.name === '长汀县职业技术学校');
    expect(school).toMatchObject({ accounts: ['provider.techschool'], courses: 0, regionName: expect.any(String) });
    const given = await call('POST', '/api/v1/training/courses', officer, {
      title: '育婴员培训班',
      programme: 'spring_tide',
      occupationCode: 'C05-002',
      certificateKind: 'CERT-CHILDCARE',
      providerId: school.id,
      regionCode: '350821',
      place: '县职业技术学校',
      startsOn: inDays(-5),
      endsOn: inDays(20),
      seats: 10,
    });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({
      providerId: school.id,
      providerName: '长汀县职业技术学校',
      providerKind: 'technical_school',
    });
    otherCourse = given.json().id;
    const someone = await ctx.db.labourer.findFirstOrThrow({
      where: { regionCode: { startsWith: '350821' }, povertyStatus: 'registered', erasedAt: null },
    });
    const enrolled = await call('POST', `/api/v1/training/courses/${otherCourse}/enrolments`, officer, {
      labourerId: someone.id,
    });
    expect(enrolled.statusCode).toBe(201);
    otherEnrolment = enrolled.json().id;

    // The course page gives a course to a provider whose region holds it, or takes it back.
    const sheet = await pages.get(`/training/courses/${elderCare}`);
    expect(sheet.body).toContain(`<option value="${school.id}"`);
    const unknown = await pages.post(`/training/courses/${elderCare}/provider`, { providerId: crypto.randomUUID() });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toMatch(/id=["']providerId-error["']/);
    const give = await pages.post(`/training/courses/${elderCare}/provider`, { providerId: school.id });
    expect(give.headers.location).toBe(`/training/courses/${elderCare}?given=1`);
    expect((await ctx.db.trainingCourse.findUniqueOrThrow({ where: { id: elderCare } })).providerId).toBe(school.id);
    await pages.get(`/training/courses/${elderCare}`);
    expect((await pages.post(`/training/courses/${elderCare}/provider`, { providerId: '' })).statusCode).toBe(303);
    const back = await ctx.db.trainingCourse.findUniqueOrThrow({ where: { id: elderCare } });
    expect(back).toMatchObject({ providerId: null, providerName: '长汀县职业技术学校' });
  });

  it('signs provider.changting in to its home: its own course only, the sheet one link away, names masked', async () => {
    const pages = new PageClient(ctx);
    await pages.get('/login');
    expect((await pages.post('/login', { username: 'provider.changting', password: TEST_PASSWORD })).statusCode).toBe(
      303,
    );
    const home = await pages.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/provider');
    const own = await pages.get('/provider');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('焊工技能培训班（第一期）');
    expect(own.body).toContain(`href="/training/courses/${welding}"`);
    expect(own.body).not.toContain('养老护理员培训班');
    expect(own.body).not.toContain('育婴员培训班');
    const sheet = await pages.get(`/training/courses/${welding}`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('焊接安全与设备操作');
    // Enrolees only, masked; the officers' offer and its reason are not shown; no withdraw or claim buttons.
    const masked = sheet.body.match(/<strong>[^<*]\*+<\/strong>/g) ?? [];
    expect(masked).toHaveLength(enrolees.length);
    expect(sheet.body).not.toContain('您想参加焊工培训');
    expect(sheet.body).not.toContain('/withdraw"');
    expect(sheet.body).not.toContain('/claims"');
    for (const url of [`/training/courses/${otherCourse}`, `/training/courses/${elderCare}`])
      expect((await pages.get(url)).statusCode).toBe(404);
    for (const url of [
      '/training/courses',
      '/training/providers',
      '/labourers',
      `/labourers/${enrolees[0]!.labourerId}`,
    ])
      expect((await pages.get(url)).statusCode).toBe(403);
  });

  it('answers the provider only for its own courses: another provider’s is 404, officer routes 403', async () => {
    const listed = (await call('GET', '/api/v1/training/courses', provider)).json().items;
    expect(listed.map((c: { id: string }) => c.id)).toEqual([welding]);
    const people = (await call('GET', `/api/v1/training/courses/${welding}/enrolments`, provider)).json().items;
    expect(people.map((p: { id: string }) => p.id).sort()).toEqual(enrolees.map((e) => e.id).sort());
    expect(people.every((p: { maskedName: string }) => /^.\*+$/.test(p.maskedName))).toBe(true);
    const offered = await ctx.db.trainingEnrolment.findFirstOrThrow({ where: { labourerId: offeredLabourer } });
    expect((await call('GET', `/api/v1/training/enrolments/${offered.id}`, provider)).statusCode).toBe(404);

    // Its own course: the place, dates and seats are its to change; cost and eligibility are not.
    const moved = await call('PATCH', `/api/v1/training/courses/${welding}`, provider, {
      place: '汀州镇工业园区实训楼二楼',
      seats: 32,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ place: '汀州镇工业园区实训楼二楼', seats: 32 });
    const policy = await call('PATCH', `/api/v1/training/courses/${welding}`, provider, {
      cost: 500,
      eligibility: 'eligible_workers',
      regionCode: '350424',
    });
    expect(policy.statusCode).toBe(400);
    expect(policy.json().details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
      'cost:officers_only',
      'eligibility:officers_only',
      'regionCode:out_of_scope',
    ]);

    // Another provider's course and enrolment, and an officers' course: not there.
    for (const course of [otherCourse, elderCare]) {
      expect((await call('GET', `/api/v1/training/courses/${course}/enrolments`, provider)).statusCode).toBe(404);
      expect((await call('PATCH', `/api/v1/training/courses/${course}`, provider, { seats: 99 })).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/training/courses/${course}/sessions`, provider)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/training/claims?courseId=${course}`, provider)).statusCode).toBe(404);
    }
    expect((await call('GET', `/api/v1/training/enrolments/${otherEnrolment}`, provider)).statusCode).toBe(404);
    const completion = await call('PATCH', `/api/v1/training/enrolments/${otherEnrolment}`, provider, {
      result: 'passed',
      certificateNumber: 'FJ-DG-0001',
    });
    expect(completion.statusCode).toBe(404);

    // Officer-only routes and anything about labourers: refused by role.
    const refused: [string, string, object?][] = [
      ['POST', '/api/v1/training/courses', { title: '新课程' }],
      ['POST', `/api/v1/training/courses/${welding}/enrolments`, { labourerId: offeredLabourer }],
      ['POST', `/api/v1/training/enrolments/${enrolees[0]!.id}/withdrawal`],
      ['POST', '/api/v1/training/offers', {}],
      ['POST', '/api/v1/training/claims', { enrolmentId: enrolees[0]!.id, programme: 'training' }],
      ['GET', '/api/v1/training/providers'],
      ['GET', '/api/v1/labourers'],
      ['GET', `/api/v1/labourers/${enrolees[0]!.labourerId}`],
      ['GET', `/api/v1/labourers/${enrolees[0]!.labourerId}/matches`],
      ['GET', '/api/v1/subsidy-claims'],
    ];
    for (const [method, url, payload] of refused) {
      const response = await call(method as 'GET' | 'POST', url, provider, payload);
      expect(`${method} ${url} ${response.statusCode}`).toBe(`${method} ${url} 403`);
    }
  });

  it('takes attendance and records a completion whose certificate the person then holds', async () => {
    const pages = await new PageClient(ctx).signIn('provider.changting');
    await pages.get(`/training/courses/${welding}`);
    const added = await pages.post(`/training/courses/${welding}/sessions`, { heldOn: inDays(1), topic: '平焊实操' });
    expect(added.statusCode).toBe(303);
    const sheetUrl = added.headers.location as string;
    expect((await pages.get(sheetUrl)).body.match(/name="present"/g)).toHaveLength(enrolees.length);
    const [first, second] = enrolees as [{ id: string; labourerId: string }, { id: string; labourerId: string }];
    expect((await pages.post(sheetUrl, { present: [first.id, second.id] })).statusCode).toBe(303);
    const detail = (await call('GET', `/api/v1/training/enrolments/${first.id}`, provider)).json();
    expect(detail.enrolment.attendedSessions).toBe(2);

    await pages.get(`/training/courses/${welding}`);
    const done = await pages.post(`/training/enrolments/${first.id}`, {
      courseId: welding,
      attendedSessions: '2',
      result: 'passed',
      score: '91',
      certificateNumber: 'FJ-HG-2026-0107',
    });
    expect(done.statusCode).toBe(303);
    const certificates = await ctx.db.labourerCertificate.findMany({
      where: { labourerId: first.labourerId, issuer: '长汀县公共实训基地' },
    });
    expect(certificates).toEqual([
      expect.objectContaining({ kind: 'CERT-WELDER', number: 'FJ-HG-2026-0107', issuer: '长汀县公共实训基地' }),
    ]);
    const audit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: 'training.enrolment.update', entityId: first.id },
    });
    expect(audit.actorRole).toBe('training_provider');
  });

  it('lets the account opened on the page complete its own course; its trainee’s subsidy claim shows to it', async () => {
    const school = await bearer(ctx, 'provider.techschool');
    expect(
      (await call('GET', '/api/v1/training/courses', school)).json().items.map((c: { id: string }) => c.id),
    ).toEqual([otherCourse]);
    const done = await call('PATCH', `/api/v1/training/enrolments/${otherEnrolment}`, school, {
      result: 'passed',
      score: 85,
      certificateNumber: 'FJ-YY-2026-0031',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', passed: true, certificateNumber: 'FJ-YY-2026-0031' });
    // The officer claims the training subsidy on the certificate; the school sees where the claim stands.
    const claim = await call('POST', '/api/v1/training/claims', officer, {
      enrolmentId: otherEnrolment,
      programme: 'training',
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const seen = await call('GET', `/api/v1/training/claims?courseId=${otherCourse}`, school);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items).toEqual([
      expect.objectContaining({ enrolmentId: otherEnrolment, programme: 'training', claimId: claim.json().claimId }),
    ]);
    const pages = await new PageClient(ctx).signIn('provider.techschool');
    const page = await pages.get(`/training/courses/${otherCourse}`);
    expect(page.body).toContain('职业培训补贴');
    expect(page.body).not.toContain('/subsidies/claims/');
    expect((await call('GET', `/api/v1/training/claims?courseId=${otherCourse}`, provider)).statusCode).toBe(404);
  });
});
