import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperationEmployer, createOpenVacancy } from '../helpers/cooperation-fixtures.ts';
import { bearer } from '../helpers/auth.ts';
import { seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
interface Reason {
  code: string;
  text: string;
}
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** An elderly-care course held in a 长汀 village that earns the skill-level certificate (plan §3). */
const careCourse = (over: Record<string, unknown> = {}) => ({
  title: '养老护理员培训班',
  programme: 'spring_tide',
  occupationCode: 'C05-005',
  certificateKind: 'CERT-ELDERCARE',
  providerName: '长汀县职业技术学校',
  providerKind: 'technical_school',
  regionCode: '350821104',
  place: '村委会培训室',
  inVillage: true,
  startsOn: inDays(5),
  endsOn: inDays(20),
  seats: 2,
  ...over,
});

describe('from a training wish in 长汀 to a certificate that matching uses (issue #19, black box)', () => {
  let ctx: TestContext;
  let officer: Headers;
  let labourerId: string;
  let othersIds: string[];
  let courseId: string;
  let vacancyId: string;
  let enrolmentId: string;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: officer, ...(payload ? { payload } : {}) });
  const carePost = async () => {
    const response = await call('GET', `/api/v1/labourers/${labourerId}/matches?limit=50`);
    expect(response.statusCode).toBe(200);
    return (response.json().items as Array<{ vacancyId: string; reasons: Reason[] }>).find(
      (m) => m.vacancyId === vacancyId,
    );
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    officer = await bearer(ctx, 'officer.changting');
    const user = await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    labourerId = user.labourerId!;
    await ctx.db.labourer.updateMany({ data: { trainingWishes: [] } });
    await ctx.db.labourerCertificate.deleteMany({ where: { labourerId } });
    await ctx.db.labourer.update({
      where: { id: labourerId },
      data: { regionCode: '350821104201', trainingWishes: ['C05-005'], povertyStatus: 'registered', erasedAt: null },
    });
    const others = await ctx.db.labourer.findMany({ where: { id: { not: labourerId } }, take: 2 });
    othersIds = others.map((o) => o.id);
    await ctx.db.labourer.updateMany({
      where: { id: { in: othersIds } },
      data: { regionCode: '350821100000', erasedAt: null, povertyStatus: 'registered' },
    });
    const home = await createCooperationEmployer(ctx.db, 'company', '350821', '长汀县康乐养老院');
    const vacancy = await createOpenVacancy(ctx.db, home.id, {
      regionCode: '350821',
      occupationCode: 'C05-005',
      title: '养老护理员',
    });
    vacancyId = vacancy.id;
    await ctx.db.vacancy.update({ where: { id: vacancyId }, data: { requiredCertificates: ['CERT-ELDERCARE'] } });
    await ctx.drain.drainAll();
  });
  afterAll(() => ctx.close());

  it('offers the person a course in their township, with the reason in Chinese and in English', async () => {
    const before = await carePost();
    expect(before?.reasons.map((r) => r.code) ?? []).not.toContain('certificate');
    const created = await call('POST', '/api/v1/training/courses', careCourse());
    expect(created.statusCode).toBe(201);
    courseId = created.json().id;
    const run = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/training/offers?lang=en',
      headers: officer,
      payload: {},
    });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ considered: 1, offered: 1 });
    expect(run.json().offers[0].offerReason).toContain('Elderly care worker');
    expect(run.json().offers[0].offerReason).toContain('Changting');
    const listed = await call('GET', `/api/v1/training/courses/${courseId}/enrolments`);
    expect(listed.json().items[0].offerReason).toContain('您想参加“养老护理员”培训');
    expect(listed.json().items[0].offerReason).toContain('送培训下乡');
  });

  it('enrols in one tap; a withdrawal gives the seat to the first on the waiting list', async () => {
    const client = await new PageClient(ctx).signIn('labourer.demo');
    expect((await client.post('/my-training/enrol', { courseId })).headers.location).toBe(
      '/my-training?enrolled=enrolled',
    );
    const [second, third] = othersIds as [string, string];
    const enrol = (id: string) => call('POST', `/api/v1/training/courses/${courseId}/enrolments`, { labourerId: id });
    const b = await enrol(second);
    expect(b.json().status).toBe('enrolled');
    const c = await enrol(third);
    expect(c.json().status).toBe('waiting');
    const out = await call('POST', `/api/v1/training/enrolments/${b.json().id}/withdrawal`);
    expect(out.statusCode).toBe(200);
    expect(out.json().withdrawn.status).toBe('withdrawn');
    expect(out.json().promoted).toMatchObject({ id: c.json().id, status: 'enrolled' });
    expect((await call('POST', `/api/v1/training/enrolments/${b.json().id}/withdrawal`)).statusCode).toBe(409);
    const audits = await ctx.db.auditLog.findMany({ where: { action: 'training.enrolment.withdraw' } });
    expect(audits).toHaveLength(1);
    // The person withdraws from another course themselves, from 我的培训.
    const other = await call('POST', '/api/v1/training/courses', careCourse({ title: '护理进阶班', seats: 5 }));
    await client.post('/my-training/enrol', { courseId: other.json().id });
    const self = await client.post('/my-training/withdraw', { courseId: other.json().id });
    expect(self.headers.location).toBe('/my-training?withdrawn=1');
    expect((await client.get('/my-training')).body).toContain('已退出');
  });

  it('takes attendance of a class day on a no-JS sheet, saved for every enrolled person', async () => {
    const page = await new PageClient(ctx).signIn('officer.changting');
    const outside = await page.post(`/training/courses/${courseId}/sessions`, { heldOn: inDays(40) });
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain('上课日期');
    const added = await page.post(`/training/courses/${courseId}/sessions`, {
      heldOn: inDays(6),
      topic: '失能老人照护',
    });
    expect(added.statusCode).toBe(303);
    const sheetUrl = added.headers.location as string;
    const sheet = await page.get(sheetUrl);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body.match(/type="checkbox" name="present"/g)).toHaveLength(2);
    enrolmentId = (await ctx.db.trainingEnrolment.findFirstOrThrow({ where: { courseId, labourerId } })).id;
    const saved = await page.post(sheetUrl, { present: [enrolmentId] });
    expect(saved.statusCode).toBe(303);
    expect((await page.get(`/training/courses/${courseId}`)).body).toContain('到课 1 人');
    const sessionId = sheetUrl.split('/').pop()!;
    const stranger = await call('PUT', `/api/v1/training/sessions/${sessionId}/attendance`, {
      present: [crypto.randomUUID()],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().details[0].field).toBe('present');
    const marks = await call('GET', `/api/v1/training/sessions/${sessionId}/attendance`);
    expect(
      marks
        .json()
        .people.map((p: { present: boolean }) => p.present)
        .sort(),
    ).toEqual([false, true]);
  });

  it('completes with a pass, a score and a certificate number the person’s certificates then hold', async () => {
    const done = await call('PATCH', `/api/v1/training/enrolments/${enrolmentId}`, {
      result: 'passed',
      score: 88,
      certificateNumber: 'FJ-YL-2026-0001',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', passed: true, score: 88, attendedSessions: 1 });
    const detail = await call('GET', `/api/v1/training/enrolments/${enrolmentId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().attendance).toEqual([expect.objectContaining({ heldOn: inDays(6), present: true })]);
    expect(detail.json().certificate).toMatchObject({
      kind: 'CERT-ELDERCARE',
      number: 'FJ-YL-2026-0001',
      issuer: '长汀县职业技术学校',
    });
    const held = await ctx.db.labourerCertificate.findMany({ where: { labourerId } });
    expect(held.map((c) => c.number)).toEqual(['FJ-YL-2026-0001']);
    // The same number for someone else is another certificate's: refused, nothing written.
    const promoted = (await ctx.db.trainingEnrolment.findFirstOrThrow({ where: { courseId, status: 'enrolled' } })).id;
    const taken = await call('PATCH', `/api/v1/training/enrolments/${promoted}`, {
      result: 'passed',
      certificateNumber: 'FJ-YL-2026-0001',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.reason).toBe('certificate_number_taken');
    expect((await ctx.db.trainingEnrolment.findUniqueOrThrow({ where: { id: promoted } })).status).toBe('enrolled');
  });

  it('changes the person’s job matches, with a reason naming the certificate', async () => {
    const after = await carePost();
    const reason = after?.reasons.find((r) => r.code === 'certificate');
    expect(reason?.text).toContain('养老护理员职业技能等级证书');
  });
});
