import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { csvFile } from '../fixtures/comparison/lists.ts';
import { createRegistryPerson } from '../fixtures/comparison/registry.ts';

type Headers = { authorization: string };

/** YYYYMMDD of the day a person born then is `years` old and 10 days. */
function bornYearsAgo(years: number): string {
  const day = new Date(Date.now() - 10 * 24 * 3_600_000);
  day.setUTCFullYear(day.getUTCFullYear() - years);
  return day.toISOString().slice(0, 10).replaceAll('-', '');
}

const COUNTY = '350821';
const VILLAGE = '350821101201';

/**
 * Issue #20, done-when: an uninsured person aged 61 found by comparison becomes a case, moves to
 * "receiving benefit", and the coverage figures move accordingly.
 *
 * The county holds three registered poor people aged 16+ (hand count):
 * - 赖金福, 61, no pension — on the comparison list as not insured;
 * - 钟秀兰, 40, urban-rural resident insurance;
 * - 邱永兴, 45, no pension.
 * Before: pension_coverage = 1 ÷ 3 = 33.3 % (plan §1(2) 实现法定人员参加基本养老保险全覆盖), 60+ 1,
 * receiving 0 (§4(1) 尽快领取待遇). After 赖金福 reaches receiving_benefit: 2 ÷ 3 = 66.7 %, receiving 1.
 */
describe('insurance cases from a comparison to receiving the pension', () => {
  let ctx: TestContext;
  let headers: Headers;
  let elsewhere: Headers;
  let people: Record<'old' | 'insured' | 'uninsured', Awaited<ReturnType<typeof createRegistryPerson>>>;
  let caseId: string;
  let officerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    officerId = (await createUser(ctx.db, { role: 'officer', regionCode: COUNTY, username: 'ins.changting' })).id;
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'ins.ninghua' });
    headers = await bearer(ctx, 'ins.changting');
    elsewhere = await bearer(ctx, 'ins.ninghua');
    people = {
      old: await createRegistryPerson(ctx.db, pii, { name: '赖金福', regionCode: VILLAGE, birth: bornYearsAgo(61) }),
      insured: await createRegistryPerson(ctx.db, pii, {
        name: '钟秀兰',
        regionCode: VILLAGE,
        birth: bornYearsAgo(40),
        pensionInsurance: 'urban_rural_resident',
      }),
      uninsured: await createRegistryPerson(ctx.db, pii, {
        name: '邱永兴',
        regionCode: VILLAGE,
        birth: bornYearsAgo(45),
      }),
    };
  });
  afterAll(() => ctx.close());

  const api = (method: 'GET' | 'POST', url: string, payload?: object, auth: Headers = headers) =>
    ctx.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
  const figures = async () => {
    const coverage = await api('GET', '/api/v1/insurance/coverage');
    expect(coverage.statusCode, coverage.body).toBe(200);
    const indicators = await api('GET', `/api/v1/indicators?regionCode=${COUNTY}`);
    expect(indicators.statusCode, indicators.body).toBe(200);
    return { page: coverage.json().values, report: indicators.json().values };
  };

  let finding: { runId: string; id: string };

  it('counts the county before any work (hand-worked: 1 of 3 insured, nobody 60+ receiving)', async () => {
    const { page, report } = await figures();
    expect(report).toMatchObject({
      pension_eligible: 3,
      pension_covered: 1,
      pension_coverage: 33.3,
      pension_60_plus: 1,
      pension_60_plus_receiving: 0,
      pension_60_plus_receiving_share: 0,
      insurance_cases_open: 0,
    });
    // The coverage page reads the same definitions (services/reports/indicators.ts).
    expect(page).toMatchObject({ pension_eligible: 3, pension_covered: 1, pension_coverage: 33.3 });
  });

  it('finds 赖金福 uninsured at 61 in a comparison and lists him on the 60+ worklist, masked', async () => {
    const list = csvFile(
      ['姓名', '身份证号', '户籍区划', '脱贫状态', '养老保险'],
      [['赖金福', people.old.idNumber, VILLAGE, '未脱贫', '否']],
    );
    const run = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/comparisons?kind=poverty_office&fileName=list.csv',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: list,
    });
    expect(run.statusCode, run.body).toBe(201);
    const runId = run.json().id as string;
    const findings = (await api('GET', `/api/v1/comparisons/${runId}/findings?kind=no_pension_60_plus`)).json().items;
    expect(findings).toHaveLength(1);
    finding = { runId, id: findings[0].id };

    const worklist = await api('GET', '/api/v1/insurance/worklists?kind=pension_60_plus');
    expect(worklist.statusCode, worklist.body).toBe(200);
    expect(worklist.json().items).toEqual([
      expect.objectContaining({ labourerId: people.old.id, age: 61, caseId: null, county: COUNTY }),
    ]);
    expect(worklist.body).not.toContain(people.old.idNumber);
    expect(worklist.json().items[0].idNumberMasked).toBe(people.old.idNumberMasked);
    const uninsured = (await api('GET', '/api/v1/insurance/worklists?kind=uninsured')).json();
    expect(uninsured.items.map((r: { labourerId: string }) => r.labourerId)).toEqual([people.uninsured.id]);
    expect(uninsured.byArea).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: COUNTY, people: 1, withCase: 0 })]),
    );
  });

  it('opens one case from the finding, closes the finding as followed up, and opens it only once', async () => {
    const created = await api('POST', '/api/v1/insurance/cases', { runId: finding.runId, findingId: finding.id });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'pension_60_plus',
      state: 'identified',
      open: true,
      nextStates: ['enrolling', 'closed_not_applicable'],
      labourerId: people.old.id,
      assignedToId: officerId,
      source: 'comparison',
    });
    caseId = created.json().id;
    const answered = await api('GET', `/api/v1/comparisons/${finding.runId}/findings?kind=no_pension_60_plus`);
    expect(answered.json().items[0]).toMatchObject({ status: 'applied', resolution: `insurance_case=${caseId}` });

    const again = await api('POST', '/api/v1/insurance/cases', { labourerId: people.old.id, kind: 'pension_60_plus' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(caseId);
    expect(await ctx.db.insuranceCase.count({ where: { labourerId: people.old.id } })).toBe(1);
  });

  it('refuses a step the states do not allow, a missing note, and another region’s officer', async () => {
    const skip = await api('POST', `/api/v1/insurance/cases/${caseId}/transitions`, {
      to: 'receiving_benefit',
      note: '直接发放',
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().details).toMatchObject({
      reason: 'not_allowed',
      allowed: ['enrolling', 'closed_not_applicable'],
    });
    const noNote = await api('POST', `/api/v1/insurance/cases/${caseId}/transitions`, { to: 'enrolling' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().details).toEqual([expect.objectContaining({ field: 'note' })]);
    expect((await api('GET', `/api/v1/insurance/cases/${caseId}`, undefined, elsewhere)).statusCode).toBe(403);
    const outside = await api(
      'GET',
      `/api/v1/insurance/worklists?kind=uninsured&county=${COUNTY}`,
      undefined,
      elsewhere,
    );
    expect(outside.statusCode).toBe(403);
  });

  it('moves the case to receiving the pension, enrols him in the registry, and the figures move', async () => {
    for (const [to, note] of [
      ['enrolling', '入户讲解，办理城乡居民养老保险参保'],
      ['benefit_applied', '已补齐户口簿，提交待遇申请'],
      ['receiving_benefit', '12月起按月领取'],
    ] as const) {
      const step = await api('POST', `/api/v1/insurance/cases/${caseId}/transitions`, { to, note });
      expect(step.statusCode, step.body).toBe(201);
      expect(step.json().state).toBe(to);
    }
    const done = (await api('GET', `/api/v1/insurance/cases/${caseId}`)).json();
    expect(done).toMatchObject({ open: false, nextStates: [], state: 'receiving_benefit' });
    expect(done.transitions.map((t: { to: string }) => t.to)).toEqual([
      'identified',
      'enrolling',
      'benefit_applied',
      'receiving_benefit',
    ]);
    expect(done.transitions[3]).toMatchObject({ from: 'benefit_applied', note: '12月起按月领取', by: 'Test officer' });
    const closed = await api('POST', `/api/v1/insurance/cases/${caseId}/transitions`, { to: 'enrolling', note: 'x' });
    expect(closed.statusCode).toBe(409);

    const person = await ctx.db.labourer.findUniqueOrThrow({ where: { id: people.old.id } });
    expect(person.pensionInsurance).toBe('urban_rural_resident');
    const { page, report } = await figures();
    expect(report).toMatchObject({
      pension_covered: 2,
      pension_coverage: 66.7,
      pension_60_plus: 1,
      pension_60_plus_receiving: 1,
      pension_60_plus_receiving_share: 100,
      insurance_cases_open: 0,
    });
    expect(page).toMatchObject({ pension_coverage: 66.7, pension_60_plus_receiving: 1 });
    const worklist = await api('GET', '/api/v1/insurance/worklists?kind=pension_60_plus');
    expect(worklist.json().items).toEqual([]);
    expect(await ctx.db.auditLog.count({ where: { action: 'insurance.case.transition', entityId: caseId } })).toBe(3);
  });

  it('lists cases by kind and state; a closed case is found among the closed', async () => {
    const open = await api('GET', '/api/v1/insurance/cases?kind=pension_60_plus&open=true');
    expect(open.json().total).toBe(0);
    const closed = await api('GET', '/api/v1/insurance/cases?kind=pension_60_plus&state=receiving_benefit');
    expect(closed.json().items).toEqual([expect.objectContaining({ id: caseId, open: false })]);
    const bad = await api('GET', '/api/v1/insurance/cases?kind=pension');
    expect(bad.statusCode).toBe(400);
  });

  it('reminds the officer of a stalled case once a day', async () => {
    const opened = await api('POST', '/api/v1/insurance/cases', { labourerId: people.uninsured.id, kind: 'uninsured' });
    expect(opened.statusCode).toBe(201);
    const stalled = opened.json().id as string;
    await ctx.db.insuranceCase.update({
      where: { id: stalled },
      data: { lastTransitionAt: new Date(Date.now() - 20 * 24 * 3_600_000) },
    });
    const job = ctx.app.modules.instances
      .get('insurance')!
      .jobs!.find((j) => j.name === 'insurance.stalled-case-reminders')!;
    await job.run();
    await job.run();
    const notices = await ctx.db.notification.findMany({ where: { userId: officerId, kind: 'insurance_case' } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: `/insurance/cases/${stalled}` });
    expect(notices[0]!.title).toContain('20天');
  });

  describe('reassignment', () => {
    let open: string;
    const officer = async (username: string, regionCode: string, displayName: string, disabled = false) => {
      const user = await createUser(ctx.db, { role: 'officer', regionCode, username });
      await ctx.db.user.update({
        where: { id: user.id },
        data: { displayName, ...(disabled ? { disabledAt: new Date() } : {}) },
      });
      return user.id;
    };
    const reassign = (id: string, body: object, auth: Headers = headers) =>
      api('POST', `/api/v1/insurance/cases/${id}/assignee`, body, auth);
    let colleague: string;
    let city: string;
    let away: string;

    beforeAll(async () => {
      colleague = await officer('ins.colleague', COUNTY, '李同事');
      city = await officer('ins.longyan', '3508', '龙岩市经办');
      away = await officer('ins.away', COUNTY, '已停用', true);
      const opened = await api('POST', '/api/v1/insurance/cases', {
        labourerId: people.insured.id,
        kind: 'home_visit',
      });
      expect(opened.statusCode, opened.body).toBe(201);
      open = opened.json().id;
    });

    it('lists the active officers of the case’s region and the levels above, nearest first', async () => {
      const listed = await api('GET', `/api/v1/insurance/cases/${open}/assignees`);
      expect(listed.statusCode, listed.body).toBe(200);
      const items = listed.json().items as Array<{ id: string; regionCode: string; current: boolean }>;
      const ids = items.map((o) => o.id);
      expect(ids).toEqual(expect.arrayContaining([officerId, colleague, city]));
      // Not the disabled one, not 宁化's officer.
      expect(ids).not.toContain(away);
      expect(items.every((o) => COUNTY.startsWith(o.regionCode) || o.regionCode.startsWith(COUNTY))).toBe(true);
      expect(items.at(-1)).toMatchObject({ id: city, regionCode: '3508' });
      expect(items.find((o) => o.id === officerId)).toMatchObject({ current: true });
    });

    it('refuses, naming assignedToId, an officer outside the region, a disabled one, the same one, a bad id', async () => {
      const ninghua = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'ins.ninghua' } })).id;
      for (const [assignedToId, code] of [
        [ninghua, 'not_eligible'],
        [away, 'not_eligible'],
        [officerId, 'unchanged'],
      ] as const) {
        const refused = await reassign(open, { assignedToId });
        expect(refused.statusCode, refused.body).toBe(400);
        expect(refused.json().details).toEqual([expect.objectContaining({ field: 'assignedToId', code })]);
      }
      const bad = await reassign(open, { assignedToId: 'nobody' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details).toEqual([expect.objectContaining({ field: 'assignedToId' })]);
      // 宁化's officer cannot touch a case of 长汀; a closed case keeps its officer.
      expect((await reassign(open, { assignedToId: colleague }, elsewhere)).statusCode).toBe(403);
      const closed = await reassign(caseId, { assignedToId: colleague });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().details).toMatchObject({ reason: 'closed' });
      expect(await ctx.db.auditLog.count({ where: { action: 'insurance.case.reassign' } })).toBe(0);
    });

    it('gives the case to a colleague: a step in its history, audited, and a notice in the colleague’s inbox', async () => {
      const before = await ctx.db.insuranceCase.findUniqueOrThrow({ where: { id: open } });
      const moved = await reassign(open, { assignedToId: colleague, note: '下周起由李同事上门' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ assignedToId: colleague, assignedTo: '李同事', state: 'identified' });
      expect(moved.json().transitions.at(-1)).toMatchObject({
        kind: 'reassign',
        from: 'identified',
        to: 'identified',
        note: '下周起由李同事上门',
        by: 'Test officer',
        fromAssignee: 'Test officer',
        toAssignee: '李同事',
      });
      const audit = await ctx.db.auditLog.findFirstOrThrow({
        where: { action: 'insurance.case.reassign', entityId: open },
      });
      expect(audit.details).toEqual({ from: officerId, to: colleague });
      const notices = await ctx.db.notification.findMany({ where: { userId: colleague } });
      expect(notices).toEqual([
        expect.objectContaining({
          kind: 'insurance_case',
          link: `/insurance/cases/${open}`,
          title: '社保经办个案已改派给您',
        }),
      ]);
      expect(notices[0]!.body).toContain('下周起由李同事上门');
      // The stall clock measures the person's wait: a change of officer is no step of the work.
      const row = await ctx.db.insuranceCase.findUniqueOrThrow({ where: { id: open } });
      expect(row.lastTransitionAt).toEqual(before.lastTransitionAt);
    });

    it('lets an officer of the level above give it back, and filters the list by mine / unassigned / all', async () => {
      const longyan = await bearer(ctx, 'ins.longyan');
      const back = await reassign(open, { assignedToId: officerId }, longyan);
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json().transitions.at(-1)).toMatchObject({
        fromAssignee: '李同事',
        toAssignee: 'Test officer',
        by: '龙岩市经办',
      });
      // An admin's case has no officer until someone takes it.
      await createUser(ctx.db, { role: 'admin', username: 'ins.admin' });
      const admin = await bearer(ctx, 'ins.admin');
      const nobody = await api(
        'POST',
        '/api/v1/insurance/cases',
        { labourerId: people.insured.id, kind: 'missing_papers' },
        admin,
      );
      expect(nobody.json()).toMatchObject({ assignedToId: null });
      const ids = async (query: string, auth: Headers = headers) =>
        (
          (await api('GET', `/api/v1/insurance/cases?open=true&${query}`, undefined, auth)).json().items as Array<{
            id: string;
          }>
        )
          .map((c) => c.id)
          .sort();
      const stalled = (await ctx.db.insuranceCase.findFirstOrThrow({ where: { labourerId: people.uninsured.id } })).id;
      expect(await ids('assignee=mine')).toEqual([open, stalled].sort());
      expect(await ids('assignee=mine', await bearer(ctx, 'ins.colleague'))).toEqual([]);
      expect(await ids('assignee=unassigned')).toEqual([nobody.json().id]);
      expect(await ids('assignee=all')).toEqual([open, stalled, nobody.json().id].sort());
      expect((await api('GET', '/api/v1/insurance/cases?assignee=theirs')).statusCode).toBe(400);
    });
  });
});
