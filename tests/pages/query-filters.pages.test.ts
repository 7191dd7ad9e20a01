import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVacancy } from '../helpers/applications.ts';
import { seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const HOUR = 3_600_000;
const local = (date: Date) => new Date(date.getTime() + 8 * HOUR).toISOString().slice(0, 16);
const found = (body: string) => Number(/找到 ([\d,]+) 个岗位/.exec(body)?.[1]?.replace(/,/g, ''));

/**
 * Search and filter forms as a browser sends them: every field, empty ones included. An empty
 * field means "no filter"; a wrong one is named with its reason and kept as typed.
 */
describe('search and filter forms', () => {
  let ctx: TestContext;
  let officer: PageClient;
  let employerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    employerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } })).employerId!;
    await createVacancy(ctx.db, employerId, { title: '缝纫工（可培训上岗）', wageMin: 15000, wageMax: 20000 });
    await ctx.drain.drainAll();
    officer = await new PageClient(ctx).signIn('officer.fujian');
  });
  afterAll(() => ctx.close());

  it('searches jobs for the typed words when the other fields of the form are empty', async () => {
    const visitor = new PageClient(ctx);
    const all = found((await visitor.get('/jobs')).body);
    const page = await visitor.get(`/jobs?q=${encodeURIComponent('缝纫')}&regionCode=&minWage=&sort=`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('有误');
    expect(page.body).toContain('value="缝纫"');
    expect(page.body).toContain('缝纫工（可培训上岗）');
    expect(found(page.body)).toBeGreaterThan(0);
    expect(found(page.body)).toBeLessThan(all);
  });

  it('applies a sort-only or a minimum-pay-only search', async () => {
    const visitor = new PageClient(ctx);
    const all = found((await visitor.get('/jobs')).body);
    const sorted = await visitor.get('/jobs?q=&regionCode=&minWage=&sort=wage');
    expect(sorted.statusCode).toBe(200);
    expect(sorted.body).toMatch(/value="wage" selected/);
    expect(found(sorted.body)).toBe(all);
    // The best-paid job comes first.
    expect(/<h2 class="job-title">([^<]+)</.exec(sorted.body)?.[1]).toBe('缝纫工（可培训上岗）');
    const paid = await visitor.get('/jobs?q=&regionCode=&minWage=6000&sort=');
    expect(paid.statusCode).toBe(200);
    expect(paid.body).toContain('value="6000"');
    expect(found(paid.body)).toBeGreaterThan(0);
    expect(found(paid.body)).toBeLessThan(all);
  });

  it('answers the API search with empty parameters as if they were not sent', async () => {
    const withEmpty = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/vacancies/search?q=${encodeURIComponent('缝纫')}&regionCode=&minWage=&sort=`,
    });
    expect(withEmpty.statusCode).toBe(200);
    const without = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/vacancies/search?q=${encodeURIComponent('缝纫')}`,
    });
    expect(withEmpty.json().total).toBe(without.json().total);
    expect(withEmpty.json().items.map((i: { title: string }) => i.title)).toContain('缝纫工（可培训上岗）');
  });

  it('names a wrong job filter with its reason, keeps it as typed and still applies the others', async () => {
    const visitor = new PageClient(ctx);
    const page = await visitor.get(`/jobs?q=${encodeURIComponent('缝纫')}&regionCode=&minWage=abc&sort=`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('最低月收入请填写数字');
    expect(page.body).toContain('value="abc"');
    expect(page.body).toContain('value="缝纫"');
    expect(page.body).toContain('缝纫工（可培训上岗）');
    const english = await visitor.get(`/jobs?minWage=abc&lang=en`);
    expect(english.body).toContain('Minimum monthly pay must be a number');
  });

  it('filters the labourer registry with empty fields and names a wrong filter', async () => {
    const person = await ctx.db.labourer.findFirstOrThrow({ where: { regionCode: { startsWith: '35' } } });
    const surname = person.name.slice(0, 1);
    const list = await officer.get(
      `/labourers?q=${encodeURIComponent(surname)}&regionCode=&status=&wantsJob=&mobility=&skill=&ageMin=&ageMax=`,
    );
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('有误');
    expect(list.body).toContain(`value="${surname}"`);
    const filtered = await officer.get(
      '/labourers?q=&regionCode=&status=unemployed&wantsJob=true&mobility=&skill=&ageMin=&ageMax=',
    );
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).not.toContain('有误');
    const wrong = await officer.get('/labourers?q=&regionCode=&ageMin=abc&ageMax=');
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('最小年龄请填写数字');
    expect(wrong.body).toContain('value="abc"');
  });

  it('filters an employer’s candidates with empty fields and names a wrong filter', async () => {
    const employer = await new PageClient(ctx).signIn('employer.demo');
    const vacancy = await createVacancy(ctx.db, employerId, { title: '竹编工' });
    const empty = await employer.get(
      `/employer/candidates?vacancyId=${vacancy.id}&q=&skill=&regionCode=&ageMin=&ageMax=`,
    );
    expect(empty.statusCode).toBe(200);
    expect(empty.body).not.toContain('有误');
    const young = await employer.get(
      `/employer/candidates?vacancyId=${vacancy.id}&q=&skill=&regionCode=&ageMin=12&ageMax=`,
    );
    expect(young.statusCode).toBe(200);
    expect(young.body).toContain('最小年龄不能小于 16');
    expect(young.body).toContain('value="12"');
  });

  it('searches a fair’s registrations by name and compares two or three ticked fairs', async () => {
    const ids: string[] = [];
    for (const name of ['春风行动专场', '就业援助月专场', '扶贫车间专场']) {
      await officer.get('/fairs/new');
      const created = await officer.post('/fairs', {
        kind: 'poverty_workshop',
        name,
        startsAt: local(new Date(Date.now() + 24 * HOUR)),
        endsAt: local(new Date(Date.now() + 30 * HOUR)),
        regionCode: '350821',
        address: '长汀县河田镇',
        organiser: '长汀县人社局',
        targetGroups: ['registered_poor'],
      });
      expect(created.statusCode).toBe(303);
      ids.push(/\/fairs\/([0-9a-f-]{36})\/manage/.exec(String(created.headers.location))![1]!);
    }
    const search = await officer.get(
      `/fairs/${ids[0]}/registrations?q=${encodeURIComponent('张')}&willAttend=&checkedIn=&targetGroup=`,
    );
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('value="张"');
    const two = await officer.get(`/fairs/compare?ids=${ids[0]}&ids=${ids[1]}`);
    expect(two.statusCode).toBe(200);
    expect(two.body).toContain('春风行动专场');
    expect(two.body).toContain('就业援助月专场');
    const three = await officer.get(`/fairs/compare?${ids.map((id) => `ids=${id}`).join('&')}`);
    expect(three.statusCode).toBe(200);
    expect(three.body).toMatch(/results">扶贫车间专场<\/a><\/th>/);
    const api = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/fairs/compare?ids=${ids[0]}&ids=${ids[1]}`,
      headers: { authorization: await officerToken() },
    });
    expect(api.statusCode).toBe(200);
  });

  async function officerToken() {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'officer.fujian', password: 'WorkBridge-demo-1' },
    });
    return `Bearer ${response.json().token}`;
  }
});
