import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A welding course in 长汀 that earns the welding permit (plan §3: skills training with certificates). */
const weldingCourse = (over: Record<string, unknown> = {}) => ({
  title: '焊工技能培训班',
  programme: 'spring_tide',
  occupationCode: 'C15-002',
  certificateKind: 'CERT-WELDER',
  providerName: '长汀县公共实训基地',
  providerKind: 'public_centre',
  regionCode: '350821',
  place: '汀州镇工业园区实训楼',
  inVillage: false,
  startsOn: inDays(10),
  endsOn: inDays(30),
  seats: 1,
  cost: 0,
  subsidised: true,
  ...over,
});

describe('training courses, offers from wishes, enrolments, certificates (issue #19)', () => {
  let ctx: TestContext;
  let changting: Headers;
  let ninghua: Headers;
  let labourerHeaders: Headers;
  let labourerId: string;
  let otherId: string;
  let courseId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua');
    labourerHeaders = await bearer(ctx, 'labourer.demo');
    const user = await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    labourerId = user.labourerId!;
    // Nobody else in the small demo wishes welding: the demo labourer lives in a 长汀 village and does.
    await ctx.db.labourer.updateMany({ data: { trainingWishes: [] } });
    await ctx.db.labourer.update({
      where: { id: labourerId },
      data: { regionCode: '350821104201', trainingWishes: ['C15-002'], povertyStatus: 'registered', erasedAt: null },
    });
    const other = await ctx.db.labourer.findFirstOrThrow({ where: { id: { not: labourerId } } });
    otherId = other.id;
    await ctx.db.labourer.update({
      where: { id: otherId },
      data: { regionCode: '350821100000', erasedAt: null, povertyStatus: 'registered' },
    });
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('refuses bad courses with 4xx naming the field', async () => {
    const missing = await call('POST', '/api/v1/training/courses', changting, { ...weldingCourse(), title: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('title');
    const backwards = await call('POST', '/api/v1/training/courses', changting, weldingCourse({ endsOn: inDays(1) }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('endsOn');
    const unknown = await call(
      'POST',
      '/api/v1/training/courses',
      changting,
      weldingCourse({ certificateKind: 'NOPE' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0].field).toBe('certificateKind');
    const elsewhere = await call(
      'POST',
      '/api/v1/training/courses',
      changting,
      weldingCourse({ regionCode: '350424' }),
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().details[0].field).toBe('regionCode');
  });

  it('creates, lists and patches a course of the region, audited; other counties see nothing', async () => {
    const created = await call('POST', '/api/v1/training/courses', changting, weldingCourse());
    expect(created.statusCode).toBe(201);
    courseId = created.json().id;
    expect(created.json()).toMatchObject({ certificateName: '特种作业操作证（焊接与热切割）', seats: 1, enrolled: 0 });
    const listed = await call('GET', '/api/v1/training/courses?upcoming=true', changting);
    expect(listed.json().items.map((c: { id: string }) => c.id)).toEqual([courseId]);
    expect((await call('GET', '/api/v1/training/courses', ninghua)).json().items).toEqual([]);
    expect((await call('GET', '/api/v1/training/courses', labourerHeaders)).statusCode).toBe(403);
    const patched = await call('PATCH', `/api/v1/training/courses/${courseId}`, changting, { seats: 2 });
    expect(patched.json().seats).toBe(2);
    expect((await call('PATCH', `/api/v1/training/courses/${courseId}`, ninghua, { seats: 9 })).statusCode).toBe(404);
    const audits = await ctx.db.auditLog.findMany({ where: { entityId: courseId } });
    expect(audits.map((a) => a.action).sort()).toEqual(['training.course.create', 'training.course.update']);
  });

  it('offers the course to the person whose wish it answers, with a reason, once', async () => {
    const run = await call('POST', '/api/v1/training/offers', changting, {});
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ offered: 1, alreadyOffered: 0 });
    const offer = run.json().offers[0];
    expect(offer).toMatchObject({ courseId, labourerId, status: 'offered' });
    expect(offer.offerReason).toContain('焊工');
    expect(offer.offerReason).toContain('长汀县');
    const again = await call('POST', '/api/v1/training/offers', changting, {});
    expect(again.json()).toMatchObject({ offered: 0, alreadyOffered: 1 });
    const notices = await ctx.db.notification.findMany({ where: { kind: 'training_offer', labourerId } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.link).toBe('/my-training');
    const outside = await call('POST', '/api/v1/training/offers', ninghua, { regionCode: '350821' });
    expect(outside.statusCode).toBe(400);
  });

  it('lets the labourer enrol in one tap from 我的培训', async () => {
    const client = await new PageClient(ctx).signIn('labourer.demo');
    const mine = await client.get('/my-training');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('焊工技能培训班');
    const tapped = await client.post('/my-training/enrol', { courseId });
    expect(tapped.statusCode).toBe(303);
    expect(tapped.headers.location).toBe('/my-training?enrolled=enrolled');
    const twice = await client.post('/my-training/enrol', { courseId });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('您已经报名了这个课程');
  });

  it('enrols on behalf, with a waiting list when full; refuses people and courses out of scope', async () => {
    await call('PATCH', `/api/v1/training/courses/${courseId}`, changting, { seats: 1 });
    const waiting = await call('POST', `/api/v1/training/courses/${courseId}/enrolments`, changting, {
      labourerId: otherId,
    });
    expect(waiting.statusCode).toBe(201);
    expect(waiting.json().status).toBe('waiting');
    const lifted = await ctx.db.labourer.findFirstOrThrow({ where: { id: { notIn: [labourerId, otherId] } } });
    await ctx.db.labourer.update({
      where: { id: lifted.id },
      data: { regionCode: '350821100000', erasedAt: null, povertyStatus: 'lifted_out', povertyYear: 2016 },
    });
    const ineligible = await call('POST', `/api/v1/training/courses/${courseId}/enrolments`, changting, {
      labourerId: lifted.id,
    });
    expect(ineligible.statusCode).toBe(409);
    expect(ineligible.json().details.reason).toBe('not_eligible');
    const bad = await call('POST', `/api/v1/training/courses/${courseId}/enrolments`, changting, { labourerId: 'x' });
    expect(bad.statusCode).toBe(400);
    const foreign = await call('POST', `/api/v1/training/courses/${courseId}/enrolments`, ninghua, { labourerId });
    expect(foreign.statusCode).toBe(404);
    expect((await call('GET', `/api/v1/training/courses/${courseId}/enrolments`, ninghua)).statusCode).toBe(404);
    const list = await call('GET', `/api/v1/training/courses/${courseId}/enrolments`, changting);
    expect(
      list
        .json()
        .items.map((e: { status: string }) => e.status)
        .sort(),
    ).toEqual(['enrolled', 'waiting']);
    expect(list.json().items[0].maskedName).toMatch(/\*/);
  });

  it('completes with a pass and a certificate number, which the person’s certificates then include', async () => {
    const list = await call('GET', `/api/v1/training/courses/${courseId}/enrolments`, changting);
    const enrolment = list.json().items.find((e: { labourerId: string }) => e.labourerId === labourerId);
    const url = `/api/v1/training/enrolments/${enrolment.id}`;
    expect((await call('PATCH', url, ninghua, { attendedSessions: 3 })).statusCode).toBe(404);
    const noNumber = await call('PATCH', url, changting, { result: 'passed' });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json().details[0].field).toBe('certificateNumber');
    expect((await call('PATCH', url, changting, { attendedSessions: -1 })).statusCode).toBe(400);
    const done = await call('PATCH', url, changting, {
      attendedSessions: 12,
      result: 'passed',
      certificateNumber: 'FJ-2026-0001',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', passed: true, certificateNumber: 'FJ-2026-0001' });
    const certificates = await ctx.db.labourerCertificate.findMany({ where: { labourerId } });
    expect(certificates.map((c) => c.kind)).toContain('CERT-WELDER');
    expect(certificates.find((c) => c.kind === 'CERT-WELDER')!.id).toBe(done.json().certificateId);
    expect((await call('PATCH', url, changting, { result: 'failed' })).statusCode).toBe(409);
    const person = await call('GET', `/api/v1/labourers/${labourerId}`, changting);
    expect(JSON.stringify(person.json())).toContain('CERT-WELDER');
    const waitingOne = list.json().items.find((e: { labourerId: string }) => e.labourerId === otherId);
    const notEnrolled = await call('PATCH', `/api/v1/training/enrolments/${waitingOne.id}`, changting, {
      result: 'passed',
    });
    expect(notEnrolled.statusCode).toBe(409);
  });

  it('shows the course list and the form with field errors in the reader’s language', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const nav = await officer.get('/');
    expect(nav.body).toContain('href="/training/courses"');
    const list = await officer.get('/training/courses');
    expect(list.body).toContain('焊工技能培训班');
    expect(list.body).toContain('href="/training/courses/new"');
    await officer.get('/training/courses/new');
    const refused = await officer.post('/training/courses', { title: '', programme: 'spring_tide', seats: 'x' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('请改正标出的内容');
    expect(refused.body).toMatch(/id='title-error'/);
    const saved = await officer.post('/training/courses', {
      ...Object.fromEntries(Object.entries(weldingCourse({ title: '电工培训班' })).map(([k, v]) => [k, String(v)])),
      inVillage: 'on',
    });
    expect(saved.statusCode).toBe(303);
    expect((await officer.get('/training/courses')).body).toContain('电工培训班');
  });

  it('shows a course’s people and refuses a completion sheet row in the reader’s language', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const list = await officer.get('/training/courses');
    expect(list.body).toContain(`href="/training/courses/${courseId}"`);
    const sheet = await officer.get(`/training/courses/${courseId}`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('已结业');
    expect(sheet.body).toContain('候补中');
    expect(sheet.body).toContain('FJ-2026-0001');
    const waiting = (await ctx.db.trainingEnrolment.findFirstOrThrow({ where: { courseId, status: 'waiting' } })).id;
    const badCount = await officer.post(`/training/enrolments/${waiting}`, { courseId, attendedSessions: '-1' });
    expect(badCount.statusCode).toBe(422);
    expect(badCount.body).toContain('出勤次数');
    const notEnrolled = await officer.post(`/training/enrolments/${waiting}`, { courseId, result: 'passed' });
    expect(notEnrolled.statusCode).toBe(409);
    expect(notEnrolled.body).toContain('这个人还在候补名单上');
    const other = await new PageClient(ctx).signIn('officer.ninghua');
    expect((await other.get(`/training/courses/${courseId}`)).statusCode).toBe(404);
  });
});
