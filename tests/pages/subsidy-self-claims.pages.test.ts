import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { PageClient } from '../helpers/pages.ts';
import { selfClaimsFixture } from '../helpers/self-claims-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Fixture = Awaited<ReturnType<typeof selfClaimsFixture>>;
const fieldErrors = (body: string) =>
  [...body.matchAll(/<p class='field-error' id='([\w-]+)-error' role='alert'>([^<]+)<\/p>/g)].map((m) => [m[1], m[2]]);
const claimPath = (location: string | undefined, base: string) => {
  expect(location).toMatch(new RegExp(`^${base}/[0-9a-f-]{36}\\?done=(saved|submitted)$`));
  return location!.split('?')[0]!;
};

/** The claimant's own subsidy pages without JavaScript (issue #20): list, form, a claim's checks and steps. */
describe('self-service subsidy claim pages', () => {
  let ctx: TestContext;
  let f: Fixture;
  let workshop: PageClient;
  let founder: PageClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    f = await selfClaimsFixture(ctx.db, new PiiCipher(ctx.config.piiKey));
    workshop = await new PageClient(ctx).signIn(f.users.workshop);
    founder = await new PageClient(ctx).signIn(f.users.founder);
  });
  afterAll(() => ctx.close());
  /** The employer's claim form as the workshop sends it: what, for which hire, draft or submit. */
  const workshopClaim = (
    programmeCode: string,
    applicationId: string,
    intent: 'draft' | 'submit',
    more: Record<string, string> = {},
  ) => workshop.post('/employer/subsidies', { programmeCode, applicationId, ...more, intent });

  describe('an employer', () => {
    let draft: string;

    it('reaches 补贴申请 from its menu and picks the hire from its own records', async () => {
      const home = await workshop.get('/');
      expect(home.body).toContain('href="/employer/subsidies"');
      const list = await workshop.get('/employer/subsidies');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('还没有补贴申请。');
      expect(list.body).toContain('href="/employer/subsidies/export?format=csv"');
      const form = await workshop.get('/employer/subsidies/new');
      expect(form.body).toContain(`<option value="${f.keptHire.id}"`);
      expect(form.body).toContain(`<option value="${f.recentHire.id}"`);
      expect(form.body).not.toContain(f.otherHire.id);
      expect(form.body).toContain('钟**');
      expect(form.body).not.toContain('钟有福');
      expect(form.body).toContain('扶贫车间（基地）吸纳就业奖补');
      expect(form.body).toContain('劳动合同');
    });

    it('names each missing field of an empty form (422)', async () => {
      const empty = await workshopClaim('', '', 'submit');
      expect(empty.statusCode).toBe(422);
      expect(fieldErrors(empty.body)).toEqual([
        ['programmeCode', '请选择补贴项目'],
        ['applicationId', '请选择录用人员'],
      ]);
      const reader = await new PageClient(ctx).signIn(f.users.workshop);
      await reader.get('/employer/subsidies/new?lang=en');
      const english = await reader.post('/employer/subsidies', { intent: 'submit' });
      expect(fieldErrors(english.body)).toEqual([
        ['programmeCode', 'Choose the Programme'],
        ['applicationId', 'Choose the Person hired'],
      ]);
    });

    it('shows the failed check of a hire kept one month only (409), keeping the choices', async () => {
      const early = await workshopClaim('hiring', f.recentHire.id, 'submit');
      expect(early.statusCode).toBe(409);
      expect(early.body).toContain('不符合该项补贴的条件。');
      expect(early.body).toContain('以下条件没有通过');
      expect(early.body).toContain('稳定就业满规定月数');
      expect(early.body).toContain(`<option value="${f.recentHire.id}" selected`);
    });

    it('saves a draft, withdraws it, then submits a claim and sees its checks and dated steps', async () => {
      const saved = await workshopClaim('workshop_award', f.keptHire.id, 'draft', { ev_payroll: 'GZ-2026-07' });
      expect(saved.statusCode).toBe(303);
      draft = claimPath(saved.headers.location, '/employer/subsidies');
      const page = await workshop.get(saved.headers.location!);
      expect(page.body).toContain('草稿已保存');
      expect(page.body).toContain('GZ-2026-07');
      expect(page.body).toContain('✓ 通过 · 扶贫车间或扶贫基地');
      expect(page.body).toContain(`action="${draft}/withdraw"`);
      const withdrawn = await workshop.post(`${draft}/withdraw`, {});
      expect(withdrawn.headers.location).toBe('/employer/subsidies?done=withdrawn');
      expect((await workshop.get(withdrawn.headers.location!)).body).toContain('草稿已撤回。');
      expect((await workshop.get(draft)).statusCode).toBe(404);

      const sent = await workshopClaim('workshop_award', f.keptHire.id, 'draft');
      draft = claimPath(sent.headers.location, '/employer/subsidies');
      const submitted = await workshop.post(`${draft}/submit`, {});
      expect(submitted.headers.location).toBe(`${draft}?done=submitted`);
      const shown = await workshop.get(draft);
      expect(shown.body).toContain('已提交');
      expect(shown.body).toMatch(/<strong>草稿<\/strong> <span class="small">\d{4}-\d\d-\d\d \d\d:\d\d · 测试employer/);
      expect(shown.body).not.toContain(`action="${draft}/withdraw"`);
      const list = await workshop.get('/employer/subsidies');
      expect(list.body).toContain(`href="${draft}"`);
      expect(list.body).toContain('钟** · 电子厂普工');
      expect(shown.body).toContain('<dt>录用人员</dt><dd>钟** · 电子厂普工</dd>');
      const csv = await workshop.get('/employer/subsidies/export?format=csv');
      expect(csv.body).toContain('扶贫车间（基地）吸纳就业奖补');
    });

    it('is told in words that a hire was claimed already (409)', async () => {
      const again = await workshopClaim('workshop_award', f.keptHire.id, 'submit');
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('该对象已经申领过这项补贴，不能重复申领。');
    });

    it('shows the rejection reason an officer gave, and another account gets 404', async () => {
      const officer = await new PageClient(ctx).signIn(f.users.officer);
      const worklist = await officer.get('/subsidies/claims');
      expect(worklist.body).toContain(`href="/subsidies/claims/${draft.split('/').at(-1)}"`);
      const rejected = await officer.post(`/subsidies/claims/${draft.split('/').at(-1)}/transitions`, {
        action: 'reject',
        reason: '工资发放记录不全',
      });
      expect(rejected.statusCode).toBe(303);
      const shown = await workshop.get(draft);
      expect(shown.body).toContain('不予核准原因');
      expect(shown.body).toContain('工资发放记录不全');
      expect(shown.body).toContain('县人社经办员');

      const other = await new PageClient(ctx).signIn(f.users.other);
      expect((await other.get(draft)).statusCode).toBe(404);
      expect((await other.post(`${draft}/submit`, {})).statusCode).toBe(404);
      expect((await founder.get(`/my-subsidies/${draft.split('/').at(-1)}`)).statusCode).toBe(404);
    });
  });

  describe('a person', () => {
    it('reaches 我的补贴 from the menu and sees the business on record', async () => {
      const home = await founder.get('/');
      expect(home.body).toContain('href="/my-subsidies"');
      expect(home.body).toContain('我的补贴');
      const form = await founder.get('/my-subsidies/new');
      expect(form.body).toContain('长汀县福生农产品经营部');
      expect(form.body).toContain('一次性创业扶持补贴 · 10,000 元');
      expect(form.body).toContain('营业执照');
    });

    it('names the programme when the form is sent empty (422)', async () => {
      const empty = await founder.post('/my-subsidies', { programmeCode: '', intent: 'submit' });
      expect(empty.statusCode).toBe(422);
      expect(fieldErrors(empty.body)).toEqual([['programmeCode', '请选择补贴项目']]);
    });

    it('claims start-up support, and a person without a business sees the failed check', async () => {
      const sent = await founder.post('/my-subsidies', {
        programmeCode: 'startup_support',
        ev_business_licence: '92350821MA8XYZ123K',
        intent: 'submit',
      });
      const path = claimPath(sent.headers.location, '/my-subsidies');
      const shown = await founder.get(sent.headers.location!);
      expect(shown.body).toContain('申请已提交，等待人社部门核验。');
      expect(shown.body).toContain('✓ 通过 · 已办理创业登记');
      expect((await founder.get('/my-subsidies')).body).toContain(`href="${path}"`);
      const english = await (await new PageClient(ctx).signIn(f.users.founder)).get(`${path}?lang=en`);
      expect(english.body).toContain('One-off start-up support');
      expect(english.body).toContain('Submitted');

      const stranger = await new PageClient(ctx).signIn(f.users.noBusiness);
      expect((await stranger.get(path)).statusCode).toBe(404);
      const refused = await stranger.post('/my-subsidies', { programmeCode: 'startup_support', intent: 'submit' });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('✗ 未通过 · 已办理创业登记');
      expect(refused.body).toContain('没有创业登记记录');
    });
  });

  describe('an officer claiming on someone’s behalf', () => {
    let officer: PageClient;
    beforeAll(async () => {
      officer = await new PageClient(ctx).signIn(f.users.officer);
    });

    it('picks the person found by name in the region, and sees the failed check or the missing choice named', async () => {
      const list = await officer.get('/subsidies/claims');
      expect(list.body).toContain('href="/subsidies/claims/new"');
      const found = await officer.get(
        `/subsidies/claims/new?programme=startup_support&q=${encodeURIComponent('赖秋')}`,
      );
      expect(found.statusCode).toBe(200);
      expect(found.body).toContain(`name="labourerId" value="${f.noBusiness.id}"`);
      expect(found.body).toContain('赖**');
      expect(found.body).not.toContain('赖秋英');

      const none = await officer.post('/subsidies/claims/new', { programmeCode: 'startup_support', q: '赖秋' });
      expect(none.statusCode).toBe(422);
      expect(fieldErrors(none.body)).toEqual([['labourerId', '请选择申请人']]);
      const empty = await officer.post('/subsidies/claims/new', {});
      expect(empty.statusCode).toBe(422);
      expect(fieldErrors(empty.body)).toEqual([['programmeCode', '请选择补贴项目']]);

      const refused = await officer.post('/subsidies/claims/new', {
        programmeCode: 'startup_support',
        q: '赖秋',
        labourerId: f.noBusiness.id,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('✗ 未通过 · 已办理创业登记');
      expect(refused.body).toContain(`value="${f.noBusiness.id}" checked`);
    });

    it('claims the hiring subsidy for an employer’s hire, which the employer then sees among its own', async () => {
      const hires = await officer.get('/subsidies/claims/new?programme=hiring');
      expect(hires.body).toContain(`name="applicationId" value="${f.keptHire.id}"`);
      expect(hires.body).toContain('长汀县红心扶贫车间');
      const made = await officer.post('/subsidies/claims/new', {
        programmeCode: 'hiring',
        applicationId: f.keptHire.id,
        ev_labour_contract: 'HT-2026-031',
        intent: 'submit',
      });
      expect(made.statusCode).toBe(303);
      expect(made.headers.location).toMatch(/^\/subsidies\/claims\/[0-9a-f-]{36}\?moved=1$/);
      const id = made.headers.location!.split('/').at(-1)!.split('?')[0];
      const shown = await officer.get(made.headers.location!);
      expect(shown.body).toContain('已提交');
      expect((await workshop.get('/employer/subsidies')).body).toContain(`href="/employer/subsidies/${id}"`);
    });

    it('sees its county’s rule in force in the settings form, and closing a programme refuses claims there', async () => {
      const form = await officer.get('/subsidies/programmes');
      expect(form.body).toContain('id="workshop_award-regionCode" name="regionCode" value="350821"');
      // No county row yet: the province's award of 500 yuan is in force, its budget is not the county's.
      expect(form.body).toContain('id="workshop_award-amount" name="amount" value="500"');
      expect(form.body).toContain('id="workshop_award-budget" name="budget" value=""');
      const refused = await officer.post('/subsidies/programmes/workshop_award/settings', {
        regionCode: '350821',
        amount: '',
        budget: '20000',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('id="workshop_award-budget" name="budget" value="20000"');
      const closed = await officer.post('/subsidies/programmes/workshop_award/settings', {
        regionCode: '350821',
        amount: '600',
        budget: '20000',
      });
      expect(closed.statusCode).toBe(303);
      const shown = await officer.get('/subsidies/programmes');
      expect(shown.body).toContain('id="workshop_award-amount" name="amount" value="600"');
      expect(shown.body).toContain('id="workshop_award-budget" name="budget" value="20000"');
      const section = shown.body.split('id="programme-workshop_award"')[1]!.split('<section')[0]!;
      expect(section).toContain('<input type="checkbox" name="active" >');

      const claim = await workshopClaim('workshop_award', f.recentHire.id, 'submit');
      expect(claim.statusCode).toBe(409);
      expect(claim.body).toContain('✗ 未通过 · 在项目期内且已启用');
    });
  });
});
