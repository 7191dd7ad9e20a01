import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmploymentStatus } from '../../services/platform/database/generated/enums.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createEmployer, createVacancy } from '../helpers/applications.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { createRegistryPerson } from '../fixtures/comparison/registry.ts';

type Headers = { authorization: string };
const COUNTY = '350821';
const VILLAGE = '350821101201';

/**
 * Issue #20 item 4, plan §4(3): 工伤保险 for poor people in work and 失业保险金应发尽发 for migrant
 * workers, as registry worklists per county and township, each row opening a case.
 *
 * Hand-made county (all registered poor unless said):
 * work_injury — in work as an employee (status other than self-employed, or a started hire), no
 * work-injury insurance recorded:
 * - 刘永福 employed_local, nothing recorded                       → listed
 * - 陈桂英 transferred_out_province, workInjuryInsured = true     → not (insured)
 * - 黄志强 self_employed                                          → not (no employer)
 * - 李春梅 unemployed in the registry but a started hire          → listed
 * - 张德胜 employed_local, poverty unconfirmed                    → not (not registered poor)
 * - 王秀珍 public_welfare_post, workInjuryInsured = false          → listed
 * - 曾丽娟 employed_local (below: back in work after migrant work) → listed
 * → 4 people: 刘永福, 李春梅, 王秀珍, 曾丽娟.
 * unemployment_benefit — unemployed now, left migrant work (a change transferred_* → unemployed),
 * unemployment insurance, no benefit recorded:
 * - 钟明华 out-of-province → unemployed, insured                   → listed
 * - 罗小红 the same, unemploymentBenefit = true                    → not (paid)
 * - 邓国平 in-province → unemployed, not insured                  → not
 * - 温建华 employed_local → unemployed, insured                   → not (local work, no migrant)
 * - 曾丽娟 out-of-province → unemployed, insured, employed_local again → not (in work)
 * → 1 person: 钟明华.
 */
describe('work-injury and unemployment-benefit worklists', () => {
  let ctx: TestContext;
  let headers: Headers;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: COUNTY, username: 'other.changting' });
    headers = await bearer(ctx, 'other.changting');
    const person = async (
      name: string,
      employmentStatus: EmploymentStatus,
      extra: { unconfirmed?: boolean; unemploymentInsurance?: boolean } = {},
    ) => {
      const p = await createRegistryPerson(ctx.db, pii, {
        name,
        regionCode: VILLAGE,
        birth: '19850101',
        employmentStatus,
        ...(extra.unconfirmed ? { povertyStatus: 'unconfirmed' } : {}),
      });
      if (extra.unemploymentInsurance)
        await ctx.db.labourer.update({ where: { id: p.id }, data: { unemploymentInsurance: true } });
      ids[name] = p.id;
      return p.id;
    };
    const standing = (labourerId: string, data: { workInjuryInsured?: boolean; unemploymentBenefit?: boolean }) =>
      ctx.db.insuranceStanding.create({ data: { labourerId, ...data } });
    const left = (labourerId: string, fromStatus: EmploymentStatus) =>
      ctx.db.labourerStatusChange.create({ data: { labourerId, fromStatus, toStatus: 'unemployed' } });

    await person('刘永福', 'employed_local');
    await standing(await person('陈桂英', 'transferred_out_province'), { workInjuryInsured: true });
    await person('黄志强', 'self_employed');
    const hired = await person('李春梅', 'unemployed');
    const employer = await createEmployer(ctx.db, { regionCode: COUNTY });
    const vacancy = await createVacancy(ctx.db, employer.id);
    await ctx.db.application.create({
      data: { labourerId: hired, vacancyId: vacancy.id, status: 'started', origin: 'self', startedAt: new Date() },
    });
    await person('张德胜', 'employed_local', { unconfirmed: true });
    await standing(await person('王秀珍', 'public_welfare_post'), { workInjuryInsured: false });

    await left(await person('钟明华', 'unemployed', { unemploymentInsurance: true }), 'transferred_out_province');
    const paid = await person('罗小红', 'unemployed', { unemploymentInsurance: true });
    await left(paid, 'transferred_out_province');
    await standing(paid, { unemploymentBenefit: true });
    await left(await person('邓国平', 'unemployed'), 'transferred_in_province');
    await left(await person('温建华', 'unemployed', { unemploymentInsurance: true }), 'employed_local');
    await left(await person('曾丽娟', 'employed_local', { unemploymentInsurance: true }), 'transferred_out_province');
  });
  afterAll(() => ctx.close());

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const names = (items: Array<{ name: string }>) => items.map((r) => r.name).sort();

  it('lists the 4 employees without work-injury insurance (hand count above), per county and township', async () => {
    const list = await api('GET', `/api/v1/insurance/worklists?kind=work_injury&county=${COUNTY}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ kind: 'work_injury', caseKind: 'work_injury', total: 4 });
    expect(names(list.json().items)).toEqual(['刘永福', '李春梅', '王秀珍', '曾丽娟'].sort());
    expect(list.json().byArea).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: COUNTY, people: 4, withCase: 0 }),
        expect.objectContaining({ code: VILLAGE.slice(0, 9), people: 4, withCase: 0 }),
      ]),
    );
    const wangRow = list.json().items.find((r: { name: string }) => r.name === '王秀珍');
    expect(wangRow).toMatchObject({ employmentStatus: 'public_welfare_post', workInjuryInsured: false });
  });

  it('lists the 1 migrant worker owed unemployment benefit (hand count above)', async () => {
    const list = await api('GET', '/api/v1/insurance/worklists?kind=unemployment_benefit');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ caseKind: 'unemployment_insurance', total: 1 });
    expect(names(list.json().items)).toEqual(['钟明华']);
    expect(list.json().items[0]).toMatchObject({ unemploymentInsurance: true, caseId: null });
  });

  it('opens an unemployment case from the row; paying the benefit takes 钟明华 off the list (1 → 0)', async () => {
    const opened = await api('POST', '/api/v1/insurance/cases', {
      labourerId: ids['钟明华'],
      kind: 'unemployment_insurance',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    const listed = (await api('GET', '/api/v1/insurance/worklists?kind=unemployment_benefit')).json();
    expect(listed.items).toEqual([expect.objectContaining({ caseId, caseState: 'identified' })]);
    for (const [to, note] of [
      ['claim_checked', '核实：省外务工合同期满离职，已缴失业保险满一年'],
      ['benefit_paid', '按月发放失业保险金'],
    ] as const) {
      const step = await api('POST', `/api/v1/insurance/cases/${caseId}/transitions`, { to, note });
      expect(step.statusCode, step.body).toBe(201);
    }
    const after = (await api('GET', '/api/v1/insurance/worklists?kind=unemployment_benefit')).json();
    expect(after.total).toBe(0);
  });

  it('insuring 刘永福 against work injury leaves 3 on the list (4 − 1)', async () => {
    const opened = await api('POST', '/api/v1/insurance/cases', { labourerId: ids['刘永福'], kind: 'work_injury' });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    for (const [to, note] of [
      ['employer_contacted', '联系用人单位补缴工伤保险'],
      ['work_injury_insured', '单位已为其参加工伤保险'],
    ] as const) {
      const step = await api('POST', `/api/v1/insurance/cases/${caseId}/transitions`, { to, note });
      expect(step.statusCode, step.body).toBe(201);
    }
    const after = (await api('GET', '/api/v1/insurance/worklists?kind=work_injury')).json();
    expect(names(after.items)).toEqual(['李春梅', '王秀珍', '曾丽娟'].sort());
    expect((await api('GET', '/api/v1/insurance/worklists?kind=sickness')).statusCode).toBe(400);
  });

  it('shows both lists on the page in Chinese, opens a case from a row, and exports them', async () => {
    const client = await new PageClient(ctx).signIn('other.changting');
    const page = await client.get('/insurance?kind=unemployment_benefit');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('href="/insurance?kind=work_injury"');
    expect(page.body).toContain('外出务工');
    const injury = await client.get(`/insurance?kind=work_injury&county=${COUNTY}`);
    expect(injury.body).toContain('公益性岗位');
    expect(injury.body).toContain('name="kind" value="work_injury"');
    const opened = await client.post('/insurance/cases', { labourerId: ids['王秀珍']!, kind: 'work_injury' });
    expect(opened.statusCode).toBe(303);
    const english = await client.get('/insurance?kind=work_injury&lang=en');
    expect(english.body).toContain('Work-injury insurance');
    const csv = await client.get('/insurance/worklists/export?kind=work_injury&format=csv&lang=zh-CN');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('李春梅');
    expect(csv.body).toContain('参加工伤保险');
    const xlsx = await client.get('/insurance/worklists/export?kind=unemployment_benefit&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
  });
});
