import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
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

  /**
   * Amounts per certificate level (plan §3(1) 适当提高职业培训补贴标准): 龙岩市 (3508) and 三明市 (3504)
   * each set their own for the training subsidy; a level a city left out is paid its base amount.
   */
  describe('amounts per certificate level, set per city', () => {
    let longyan: Headers;
    let sanming: Headers;
    /** Enrolment ids by person: a 初级 and a 高级 certificate in each city. */
    const made: Record<string, string> = {};
    const as = (headers: Headers, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

    beforeAll(async () => {
      await createUser(ctx.db, { role: 'officer', regionCode: '3508', username: 'officer.longyan.levels' });
      await createUser(ctx.db, { role: 'officer', regionCode: '3504', username: 'officer.sanming.levels' });
      longyan = await bearer(ctx, 'officer.longyan.levels');
      sanming = await bearer(ctx, 'officer.sanming.levels');
      const people = await ctx.db.labourer.findMany({ skip: 2, take: 4, orderBy: { id: 'asc' } });
      const places = ['350823100201', '350823100201', '350424100201', '350424100201']; // 上杭 ×2, 宁化 ×2
      for (const [i, person] of people.entries())
        await ctx.db.labourer.update({
          where: { id: person.id },
          data: { regionCode: places[i]!, povertyStatus: 'registered', erasedAt: null },
        });
      const cities = [
        { headers: longyan, region: '350823100', key: 'ly', people: people.slice(0, 2) },
        { headers: sanming, region: '350424100', key: 'sm', people: people.slice(2, 4) },
      ];
      for (const city of cities) {
        const created = await as(city.headers, 'POST', '/api/v1/training/courses', {
          ...course({ regionCode: city.region, eligibility: 'eligible_workers' }),
        });
        expect(created.statusCode, created.body).toBe(201);
        for (const [i, grade] of (['junior', 'senior'] as const).entries()) {
          const enrolled = await as(city.headers, 'POST', `/api/v1/training/courses/${created.json().id}/enrolments`, {
            labourerId: city.people[i]!.id,
          });
          expect(enrolled.statusCode, enrolled.body).toBe(201);
          const done = await as(city.headers, 'PATCH', `/api/v1/training/enrolments/${enrolled.json().id}`, {
            result: 'passed',
            certificateNumber: `FJ-LV-${city.key}-${grade}`,
            certificateLevel: grade,
          });
          expect(done.statusCode, done.body).toBe(200);
          made[`${city.key}-${grade}`] = enrolled.json().id;
        }
      }
    });

    it('records the grade on the certificate as the platform writes levels (五级/初级工 …)', async () => {
      const junior = await ctx.db.labourerCertificate.findUniqueOrThrow({ where: { number: 'FJ-LV-ly-junior' } });
      const senior = await ctx.db.labourerCertificate.findUniqueOrThrow({ where: { number: 'FJ-LV-sm-senior' } });
      expect([junior.level, senior.level]).toEqual(['五级/初级工', '三级/高级工']);
    });

    it('lets each city set amounts per level, and refuses bad ones naming the field', async () => {
      const setLongyan = await as(longyan, 'PATCH', '/api/v1/subsidy-programmes/training/settings', {
        regionCode: '3508',
        amount: 1_000,
        levelAmounts: { junior: 800, intermediate: 1_200, senior: 1_600 },
      });
      expect(setLongyan.statusCode, setLongyan.body).toBe(200);
      expect(setLongyan.json().levelAmounts).toEqual({ junior: 800, intermediate: 1_200, senior: 1_600 });
      // 三明 sets 初级 and 中级 only: a 高级 certificate there is paid its base amount.
      const setSanming = await as(sanming, 'PATCH', '/api/v1/subsidy-programmes/training/settings', {
        regionCode: '3504',
        amount: 900,
        levelAmounts: { junior: 600, intermediate: 750 },
      });
      expect(setSanming.statusCode, setSanming.body).toBe(200);

      const bad = await as(longyan, 'PATCH', '/api/v1/subsidy-programmes/training/settings', {
        regionCode: '3508',
        amount: 1_000,
        levelAmounts: { senior: -5, master: 100 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'levelAmounts.senior' }),
          expect.objectContaining({ field: 'levelAmounts', message: expect.stringContaining('master') }),
        ]),
      );
      const notByCertificate = await as(longyan, 'PATCH', '/api/v1/subsidy-programmes/hiring/settings', {
        regionCode: '3508',
        amount: 1_000,
        levelAmounts: { senior: 100 },
      });
      expect(notByCertificate.statusCode).toBe(400);
      expect(notByCertificate.json().details[0]).toMatchObject({ field: 'levelAmounts', code: 'not_by_level' });
      // The rule stayed as 龙岩 set it.
      const programmes = (await as(longyan, 'GET', '/api/v1/subsidy-programmes')).json().items;
      const training = programmes.find((p: { code: string }) => p.code === 'training');
      expect(training.settings.find((r: { regionCode: string }) => r.regionCode === '3508').levelAmounts).toEqual({
        junior: 800,
        intermediate: 1_200,
        senior: 1_600,
      });
    });

    it('pays each certificate its city’s amount for its level, or the base amount', async () => {
      const claim = (headers: Headers, key: string) =>
        as(headers, 'POST', '/api/v1/training/claims', { enrolmentId: made[key], programme: 'training' });
      // 龙岩 (per person, no cap): 初级 800 × 1 = 800; 高级 1,600 × 1 = 1,600.
      // 三明: 初级 600 × 1 = 600; 高级 has no amount in 三明 → base 900 × 1 = 900.
      const results = {
        lyJunior: (await claim(longyan, 'ly-junior')).json(),
        lySenior: (await claim(longyan, 'ly-senior')).json(),
        smJunior: (await claim(sanming, 'sm-junior')).json(),
        smSenior: (await claim(sanming, 'sm-senior')).json(),
      };
      expect(results).toMatchObject({
        lyJunior: { amount: 800, level: 'junior', levelPriced: true },
        lySenior: { amount: 1_600, level: 'senior', levelPriced: true },
        smJunior: { amount: 600, level: 'junior', levelPriced: true },
        smSenior: { amount: 900, level: 'senior', levelPriced: false },
      });
      const stored = await as(sanming, 'GET', `/api/v1/subsidy-claims/${results.smSenior.claimId}`);
      expect(stored.json()).toMatchObject({ amount: 900, level: 'senior', levelPriced: false, ruleRegionCode: '3504' });
      // The appraisal subsidy has no amounts per level in 龙岩: the province's base, 300.
      const appraisal = await as(longyan, 'POST', '/api/v1/training/claims', {
        enrolmentId: made['ly-senior'],
        programme: 'appraisal',
      });
      expect(appraisal.json()).toMatchObject({ amount: 300, level: 'senior', levelPriced: false });
    });

    it('shows the level on the claim and the amounts per level on the settings page, whose form names a bad level', async () => {
      const page = await new PageClient(ctx).signIn('officer.longyan.levels');
      const claimId = (
        await ctx.db.subsidyClaim.findFirstOrThrow({
          where: { level: 'senior', programme: { code: 'training' }, regionCode: { startsWith: '3508' } },
        })
      ).id;
      const shown = await page.get(`/subsidies/claims/${claimId}`);
      expect(shown.body).toContain('高级（三级） · 按该等级金额计发');
      const settings = await page.get('/subsidies/programmes');
      expect(settings.body).toContain('初级（五级） 800 · 中级（四级） 1200 · 高级（三级） 1600');
      const refused = await page.post('/subsidies/programmes/training/settings', {
        regionCode: '3508',
        amount: '1000',
        level_junior: '800',
        level_senior: '16.5',
        active: 'on',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toMatch(
        /<p class='field-error' id='training-level-senior-error' role='alert'>高级（三级）[^<]*整数/,
      );
    });
  });
});
