import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const course = (over: Record<string, unknown>) => ({
  title: '养老护理员培训班',
  programme: 'spring_tide',
  occupationCode: 'C05-005',
  certificateKind: 'CERT-ELDERCARE',
  providerName: '长汀县职业技术学校',
  providerKind: 'technical_school',
  regionCode: '350821104',
  place: '村委会培训室',
  startsOn: inDays(-20),
  endsOn: inDays(-1),
  seats: 5,
  ...over,
});

/**
 * 职业培训补贴 and 职业技能鉴定补贴 on a passed person's certificate (plan §3(1): 取得结业证书、职业资格证书、
 * 职业技能等级证书、专项能力证书的，符合条件的给予职业培训补贴和职业技能鉴定补贴), through the claim engine.
 */
describe('training and appraisal subsidy claims on course certificates (issue #19)', () => {
  let ctx: TestContext;
  let officer: Headers;
  let poorId: string;
  let notPoorId: string;
  let careCourse: string;
  let basicCourse: string;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: officer, ...(payload ? { payload } : {}) });

  /** Enrols the person and completes with a pass and the certificate number; the enrolment's id. */
  async function passed(courseId: string, labourerId: string, certificateNumber: string) {
    const enrolled = await call('POST', `/api/v1/training/courses/${courseId}/enrolments`, { labourerId });
    expect(enrolled.statusCode).toBe(201);
    const done = await call('PATCH', `/api/v1/training/enrolments/${enrolled.json().id}`, {
      result: 'passed',
      certificateNumber,
    });
    expect(done.statusCode).toBe(200);
    return enrolled.json().id as string;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    officer = await bearer(ctx, 'officer.changting');
    const people = await ctx.db.labourer.findMany({ take: 2, orderBy: { id: 'asc' } });
    [poorId, notPoorId] = people.map((p) => p.id) as [string, string];
    await ctx.db.labourer.update({
      where: { id: poorId },
      data: { regionCode: '350821104201', povertyStatus: 'registered', erasedAt: null },
    });
    await ctx.db.labourer.update({
      where: { id: notPoorId },
      data: { regionCode: '350821104201', povertyStatus: 'unconfirmed', erasedAt: null },
    });
    // 长汀's own rule for the training subsidy: 1,500 yuan a person, at most 1,200 a claim. The
    // appraisal subsidy keeps the province's rule (300 yuan a person).
    const training = await ctx.db.subsidyProgramme.findUniqueOrThrow({ where: { code: 'training' } });
    await ctx.db.subsidyProgrammeSetting.upsert({
      where: { programmeId_regionCode: { programmeId: training.id, regionCode: '350821' } },
      create: { programmeId: training.id, regionCode: '350821', amount: 1_500, cap: 1_200 },
      update: { amount: 1_500, cap: 1_200, active: true },
    });
    careCourse = (await call('POST', '/api/v1/training/courses', course({ eligibility: 'eligible_workers' }))).json()
      .id;
    basicCourse = (
      await call(
        'POST',
        '/api/v1/training/courses',
        course({ title: '就业技能培训班', certificateKind: 'CERT-TRAINING', eligibility: 'eligible_workers' }),
      )
    ).json().id;
  });
  afterAll(() => ctx.close());

  it('claims both subsidies on a skill-level certificate, priced by the county’s and the province’s rules', async () => {
    const enrolmentId = await passed(careCourse, poorId, 'FJ-YL-2026-0101');
    const certificate = await ctx.db.labourerCertificate.findUniqueOrThrow({ where: { number: 'FJ-YL-2026-0101' } });
    const training = await call('POST', '/api/v1/training/claims', { enrolmentId, programme: 'training' });
    expect(training.statusCode).toBe(201);
    // per person: 1,500 × 1 = 1,500, capped at 1,200 by 长汀's rule → 1,200.
    expect(training.json()).toMatchObject({ programme: 'training', amount: 1_200, status: 'submitted' });
    expect(training.json().certificateId).toBe(certificate.id);
    const appraisal = await call('POST', '/api/v1/training/claims', { enrolmentId, programme: 'appraisal' });
    // per person, province rule: 300 × 1 = 300, no cap.
    expect(appraisal.json()).toMatchObject({ programme: 'appraisal', amount: 300, status: 'submitted' });
    const claims = await ctx.db.subsidyClaim.findMany({ where: { reference: certificate.id } });
    expect(claims.map((c) => c.subjectKey).sort()).toEqual([
      `appraisal:ref:${certificate.id}`,
      `training:ref:${certificate.id}`,
    ]);
    expect(await ctx.db.auditLog.count({ where: { action: 'training.claim.create' } })).toBe(2);
  });

  it('refuses a second claim on the same certificate', async () => {
    const enrolmentId = (await ctx.db.trainingEnrolment.findFirstOrThrow({ where: { courseId: careCourse } })).id;
    const again = await call('POST', '/api/v1/training/claims', { enrolmentId, programme: 'training' });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.reason).toBe('duplicate');
    expect(await ctx.db.subsidyClaim.count({ where: { programme: { code: 'training' } } })).toBe(1);
  });

  it('gives a completion certificate the training subsidy only, and refuses a person not registered poor', async () => {
    const enrolmentId = await passed(basicCourse, poorId, 'FJ-JY-2026-0007');
    const appraisal = await call('POST', '/api/v1/training/claims', { enrolmentId, programme: 'appraisal' });
    expect(appraisal.statusCode).toBe(409);
    expect(appraisal.json().details.reason).toBe('certificate_kind');
    // A 结业证书 in 长汀 is priced by the county's rule too: min(1,500 × 1, 1,200) = 1,200.
    const training = await call('POST', '/api/v1/training/claims', { enrolmentId, programme: 'training' });
    expect(training.json().amount).toBe(1_200);
    const other = await passed(basicCourse, notPoorId, 'FJ-JY-2026-0008');
    const refused = await call('POST', '/api/v1/training/claims', { enrolmentId: other, programme: 'training' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details.reason).toBe('claim_registered_poor');
  });

  it('shows each person’s claims on the course page, and claims from it without JavaScript', async () => {
    const page = await new PageClient(ctx).signIn('officer.changting');
    const care = await page.get(`/training/courses/${careCourse}`);
    expect(care.body).toContain('职业培训补贴：已提交待审核 · 1200 元');
    expect(care.body).toContain('职业技能鉴定补贴：已提交待审核 · 300 元');
    const basic = await page.get(`/training/courses/${basicCourse}`);
    expect(basic.body).toContain('申请职业培训补贴');
    expect(basic.body).not.toContain('申请职业技能鉴定补贴');
    const other = await ctx.db.trainingEnrolment.findFirstOrThrow({
      where: { courseId: basicCourse, labourerId: notPoorId },
    });
    const refused = await page.post(`/training/enrolments/${other.id}/claims`, {
      courseId: basicCourse,
      programme: 'training',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('不是已确认的建档立卡贫困劳动力');
    const listed = await call('GET', `/api/v1/training/claims?courseId=${careCourse}`);
    expect(
      listed
        .json()
        .items.map((c: { programme: string }) => c.programme)
        .sort(),
    ).toEqual(['appraisal', 'training']);
  });
});
