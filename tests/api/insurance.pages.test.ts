import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { createRegistryPerson } from '../fixtures/comparison/registry.ts';

const COUNTY = '350821';

/** The officer's insurance pages without JavaScript: worklists, a case and its steps, coverage, download. */
describe('insurance pages', () => {
  let ctx: TestContext;
  let client: PageClient;
  let person: Awaited<ReturnType<typeof createRegistryPerson>>;

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: COUNTY, username: 'pages.changting' });
    person = await createRegistryPerson(ctx.db, pii, { name: '邱永兴', regionCode: '350821101201', birth: '19800101' });
    await createRegistryPerson(ctx.db, pii, { name: '别县人', regionCode: '350424101201', birth: '19800101' });
    client = await new PageClient(ctx).signIn('pages.changting');
  });
  afterAll(() => ctx.close());

  it('lists the uninsured of the officer’s county, masked, with filters, and opens a case from a row', async () => {
    const page = await client.get('/insurance?kind=uninsured');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('参保工作清单');
    expect(page.body).toContain(person.idNumberMasked);
    expect(page.body).not.toContain(person.idNumber);
    expect(page.body).not.toContain('别县人');
    expect(page.body).toContain('<option value="350821"');
    const opened = await client.post('/insurance/cases', { labourerId: person.id, kind: 'uninsured' });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toMatch(/^\/insurance\/cases\/[0-9a-f-]{36}$/);
    const again = await client.post('/insurance/cases', { labourerId: person.id, kind: 'uninsured' });
    expect(again.headers.location).toBe(opened.headers.location);
    const listed = await client.get('/insurance?kind=uninsured&county=350821&township=');
    expect(listed.body).toContain(`href="${opened.headers.location}"`);
    expect((await client.get('/insurance?kind=nothing')).statusCode).toBe(400);
    expect((await client.get('/insurance?kind=uninsured&county=350424')).statusCode).toBe(403);
  });

  it('moves a case with the form, explaining a refused step on the page', async () => {
    const caseRow = await ctx.db.insuranceCase.findFirstOrThrow({ where: { labourerId: person.id } });
    const url = `/insurance/cases/${caseRow.id}`;
    const page = await client.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('联系本人，讲解城乡居民和职工养老保险');
    const empty = await client.post(`${url}/transitions`, { to: 'contacted', note: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("id='note-error'");
    const skip = await client.post(`${url}/transitions`, { to: 'insured', note: '已参保' });
    expect(skip.statusCode).toBe(409);
    expect(skip.body).toContain('这一步不能从当前状态办理');
    const moved = await client.post(`${url}/transitions`, { to: 'contacted', note: '电话联系本人' });
    expect(moved.statusCode).toBe(303);
    const after = await client.get(`${url}?moved=1`);
    expect(after.body).toContain('已记录办理步骤');
    expect(after.body).toContain('电话联系本人');
    const english = await client.get(`${url}?lang=en`);
    expect(english.body).toContain('Help with the enrolment');
    const cases = await client.get('/insurance/cases?kind=uninsured&lang=zh-CN');
    expect(cases.body).toContain('已联系');
  });

  it('gives a case to a colleague with the form: 422 beside the select when none is chosen, then a step and the filter', async () => {
    const colleague = await createUser(ctx.db, { role: 'officer', regionCode: COUNTY, username: 'pages.colleague' });
    await ctx.db.user.update({ where: { id: colleague.id }, data: { displayName: '李同事' } });
    const caseRow = await ctx.db.insuranceCase.findFirstOrThrow({ where: { labourerId: person.id } });
    const url = `/insurance/cases/${caseRow.id}`;
    const page = await client.get(url);
    expect(page.body).toContain(`action="${url}/assignee"`);
    expect(page.body).toContain(`<option value="${colleague.id}" >李同事（龙岩市长汀县）</option>`);
    const empty = await client.post(`${url}/assignee`, { assignedToId: '', reassignNote: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("id='assignedToId-error'");
    expect(empty.body).toContain('请选择接手经办人');
    const moved = await client.post(`${url}/assignee`, { assignedToId: colleague.id, reassignNote: '换人上门' });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`${url}?reassigned=1`);
    const after = await client.get(`${url}?reassigned=1`);
    expect(after.body).toContain('已改派经办人。');
    expect(after.body).toContain('改派给：李同事');
    expect(after.body).toContain('换人上门');
    const mine = await client.get('/insurance/cases?assignee=mine');
    expect(mine.body).toContain('<option value="mine" selected>');
    expect(mine.body).not.toContain(`href="${url}"`);
    const all = await client.get('/insurance/cases?assignee=all');
    expect(all.body).toContain(`href="${url}"`);
  });

  it('downloads the worklist as CSV, masked and audited, and draws the coverage page with its table', async () => {
    const csv = await client.get('/insurance/worklists/export?kind=uninsured&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(person.idNumberMasked);
    expect(csv.body).not.toContain(person.idNumber);
    expect(await ctx.db.auditLog.count({ where: { action: 'insurance.worklist.export' } })).toBe(1);
    const coverage = await client.get('/insurance/coverage');
    expect(coverage.statusCode).toBe(200);
    // One person aged 16+ in the county, not insured: 0 %.
    expect(coverage.body).toContain('id="value-pension_coverage">0%');
    expect(coverage.body).toContain('insurance-coverage-data');
    expect(coverage.body).toContain('<th scope="row">');
  });
});
