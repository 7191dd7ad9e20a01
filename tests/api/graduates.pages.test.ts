import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmployer, createGraduateRecord, createPerson, createVacancy } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { chinaDate } from '../../services/platform/time/china-time.ts';

const year = Number(chinaDate(new Date())!.slice(0, 4));

/** The officers' and the matchmaker's pages, without JavaScript. */
describe('graduates pages', () => {
  let ctx: TestContext;
  let officer: PageClient;
  let matchmaker: PageClient;
  let person: Awaited<ReturnType<typeof createPerson>>;
  let other: Awaited<ReturnType<typeof createPerson>>;
  let matchmakerId: string;
  let graduateId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'gp.officer' });
    matchmakerId = (await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'gp.matchmaker' })).id;
    const company = await createEmployer(ctx.db, { name: '长汀县电子有限公司' });
    await createVacancy(ctx.db, company.id, { title: '电子厂装配工' });
    person = await createPerson(ctx.db, pii, { name: '钟丽华', male: false, birth: '20030704' });
    other = await createPerson(ctx.db, pii, { name: '刘志强', birth: '20030101' });
    await ctx.drain.drainAll();
    officer = await new PageClient(ctx).signIn('gp.officer');
    matchmaker = await new PageClient(ctx).signIn('gp.matchmaker');
  });
  afterAll(() => ctx.close());

  it('registers a graduate on the form, refusing a bad one with the fields named', async () => {
    await officer.get('/graduates/import');
    const bad = await officer.post('/graduates/new', { idNumber: '123', schoolName: '', wish: 'job' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id=["']idNumber-error["']/);
    expect(bad.body).toMatch(/id=["']schoolName-error["']/);
    expect(bad.body).toContain('请填写毕业年度');
    const form = {
      idNumber: person.idNumber,
      schoolName: '闽西职业技术学院',
      schoolKind: 'college',
      major: '电子信息',
      graduationYear: String(year),
      leftSchoolOn: `${year}-01-01`,
      wish: 'job',
      status: '',
      occupations: 'C03-001',
    };
    const created = await officer.post('/graduates/new', form);
    expect(created.statusCode).toBe(303);
    graduateId = created.headers.location!.split('/')[2]!.split('?')[0]!;
    const detail = await officer.get(`/graduates/${graduateId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('离校未就业');
    expect(detail.body).toContain('钟**');
    expect(detail.body).not.toContain('钟丽华');
    const twice = await officer.post('/graduates/new', form);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('这名毕业生这一年度已经登记');
  });

  it('imports a school list uploaded from the page and reports the rows it refused', async () => {
    const csv = [
      '身份证号,学校,学校类别,专业,毕业年度,意愿',
      `${other.idNumber},龙岩技师学院,高级工班,数控,${year},就业`,
      `${other.idNumber},龙岩技师学院,高级工班,数控,${year},就业`,
    ].join('\n');
    const boundary = 'graduates-boundary';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="mode"',
      '',
      'per_row',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="名单.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/graduates/import?_csrf=${encodeURIComponent(officer.csrf)}`,
      headers: { cookie: officer.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('新增 1 人');
    expect(response.body).toContain('与前面一行重复');
  });

  it('pairs on the detail page; the list draws the figures and exports CSV', async () => {
    const paired = await officer.post(`/graduates/${graduateId}/pairing`, { matchmakerId });
    expect(paired.statusCode).toBe(303);
    const list = await officer.get(`/graduates?year=${year}&status=&paired=yes`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<meter');
    expect(list.body).toContain('Test officer');
    const csv = await officer.get(`/graduates/export?format=csv&year=${year}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('闽西职业技术学院');
    const wrongFilter = await officer.get('/graduates?year=abc');
    expect(wrongFilter.statusCode).toBe(200);
    expect(wrongFilter.body).toContain('毕业年度');
  });

  it('shows the matchmaker their graduate with ranked jobs and takes a contact', async () => {
    const mine = await matchmaker.get('/matchmaker/pairings');
    expect(mine.statusCode).toBe(200);
    const pairingId = /\/matchmaker\/pairings\/([0-9a-f-]{36})/.exec(mine.body)![1]!;
    const page = await matchmaker.get(`/matchmaker/pairings/${pairingId}`);
    expect(page.body).toContain('电子厂装配工');
    const empty = await matchmaker.post(`/matchmaker/pairings/${pairingId}/contacts`, {
      on: chinaDate(new Date())!,
      channel: 'phone',
      note: '',
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toMatch(/id=["']note-error["']/);
    const logged = await matchmaker.post(`/matchmaker/pairings/${pairingId}/contacts`, {
      on: chinaDate(new Date())!,
      channel: 'visit',
      note: '上门走访，愿意到电子厂上班',
    });
    expect(logged.statusCode).toBe(303);
    expect((await matchmaker.get(`/matchmaker/pairings/${pairingId}`)).body).toContain('上门走访，愿意到电子厂上班');
  });

  // Plan §5(4): the one-time 2,000-yuan job-seeking/start-up subsidy, on the claim engine, fed by the
  // graduate record. 钟丽华 (registered poor, graduating this year, wish: work) qualifies; 王小梅 does not.
  it('applies for the graduate subsidy from the graduate page, and names each reason of a refusal in words', async () => {
    const applied = await officer.post(`/graduates/${graduateId}/subsidy`, {});
    expect(applied.statusCode).toBe(303);
    const claimId = /claim=([0-9a-f-]{36})/.exec(applied.headers.location!)![1]!;
    const claim = await ctx.db.subsidyClaim.findUniqueOrThrow({ where: { id: claimId } });
    expect(claim).toMatchObject({ kind: 'graduate_job_seeking', amount: 2000, status: 'submitted' });
    expect(claim.reference).toBe(`graduate:${graduateId}`);
    const shown = await officer.get(applied.headers.location!);
    expect(shown.body).toContain('已提交补贴申领');
    expect(shown.body).toContain(`/subsidies/claims/${claimId}`);
    const again = await officer.post(`/graduates/${graduateId}/subsidy`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已经申领过求职创业补贴');

    // Not of a confirmed poor family, graduated last year and gone on to further study: three reasons.
    const pii = new PiiCipher(ctx.config.piiKey);
    const student = await createPerson(ctx.db, pii, {
      name: '王小梅',
      male: false,
      birth: '20020202',
      povertyStatus: 'unconfirmed',
    });
    const record = await createGraduateRecord(ctx.db, student, { graduationYear: year - 1, wish: 'further_study' });
    const refused = await officer.post(`/graduates/${record.id}/subsidy`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('该毕业生不符合求职创业补贴条件');
    expect(refused.body).toContain('该毕业生不是建档立卡贫困家庭成员');
    expect(refused.body).toContain('不在毕业年度内');
    expect(refused.body).toContain('意愿或去向是升学深造');
    expect(await ctx.db.subsidyClaim.count({ where: { labourerId: student.id } })).toBe(0);
    // The same through the API: 409 naming the failed checks.
    const api = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/graduates/${record.id}/subsidy-claim`,
      headers: await bearer(ctx, 'gp.officer'),
    });
    expect(api.statusCode).toBe(409);
    expect(api.json().details).toEqual({
      reason: 'subsidy_not_eligible',
      failed: ['registered_poor', 'graduation_year', 'seeks_job_or_business'],
    });
  });
});
