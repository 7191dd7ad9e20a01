import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';

type Headers = { authorization: string };
/** The intake year the figures read: the calendar year (Beijing) of the period's end, today. */
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const FIGURES = ['tech_school_wished', 'tech_school_placed', 'tech_school_enrolled', 'tech_school_placement_rate'];

/**
 * Technical-school places for children of registered poor families (plan §1(2) 目标任务: 使有就读技工院校
 * 意愿的建档立卡贫困家庭应往届初、高中毕业未能继续升学的学生都有机会接受技工教育; §3(3)).
 */
describe('technical-school places for poor families’ children (issue #19)', () => {
  let ctx: TestContext;
  let officer: Headers;
  let ninghua: Headers;
  let family: Awaited<ReturnType<typeof createPerson>>;
  let family2: Awaited<ReturnType<typeof createPerson>>;
  let notPoor: Awaited<ReturnType<typeof createPerson>>;
  let ninghuaFamily: Awaited<ReturnType<typeof createPerson>>;
  const ids: Record<string, string> = {};

  const call = (headers: Headers, method: 'GET' | 'POST', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const place = (over: Record<string, unknown>) => ({
    childName: '罗小明',
    leftLevel: 'junior',
    leftYear: YEAR,
    schoolName: '龙岩技师学院',
    programme: '数控加工',
    year: YEAR,
    ...over,
  });
  /** Records a place as `headers`' officer: the default child with `over`. */
  const addPlace = (headers: Headers, over: Record<string, unknown>) =>
    call(headers, 'POST', '/api/v1/technical-schools/places', place(over));

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'school.changting' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'school.ninghua' });
    family = await createPerson(ctx.db, pii, { name: '罗建国', regionCode: '350821104201', birth: '19780304' });
    family2 = await createPerson(ctx.db, pii, { name: '钟秀兰', regionCode: '350821100000', birth: '19800612' });
    notPoor = await createPerson(ctx.db, pii, { name: '王大山', birth: '19790101', povertyStatus: 'unconfirmed' });
    ninghuaFamily = await createPerson(ctx.db, pii, { name: '张永福', regionCode: '350424', birth: '19770101' });
    officer = await bearer(ctx, 'school.changting');
    ninghua = await bearer(ctx, 'school.ninghua');
  });
  afterAll(() => ctx.close());

  it('records children linked through a registered poor family member, by ID number or by id', async () => {
    const first = await addPlace(officer, { householdIdNumber: family.idNumber });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ householdLabourerId: family.id, childName: '罗**', state: 'wished' });
    expect(first.json().regionCode).toBe('350821104201');
    ids.first = first.json().id;
    const made = async (key: string, over: Record<string, unknown>) => {
      const res = await addPlace(officer, over);
      expect(res.statusCode).toBe(201);
      ids[key] = res.json().id;
    };
    await made('second', { householdLabourerId: family2.id, childName: '钟小红', leftLevel: 'senior' });
    await made('third', { householdLabourerId: family.id, childName: '黄小华', leftYear: YEAR - 1 });
    await made('fourth', { householdLabourerId: family.id, childName: '陈小军' });
    const other = await addPlace(ninghua, { householdLabourerId: ninghuaFamily.id, childName: '张小福' });
    expect(other.statusCode).toBe(201);
    expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.create' } })).toBe(5);
  });

  it('refuses a family outside the registered poor, another region’s family and the same child twice', async () => {
    const poor = await addPlace(officer, { householdIdNumber: notPoor.idNumber });
    expect(poor.statusCode).toBe(400);
    expect(poor.json().details[0]).toMatchObject({ field: 'householdIdNumber', code: 'not_registered_poor' });
    const away = await addPlace(officer, { householdLabourerId: ninghuaFamily.id });
    expect(away.json().details[0]).toMatchObject({ field: 'householdLabourerId', code: 'not_in_region' });
    const twice = await addPlace(officer, { householdLabourerId: family.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details.reason).toBe('place_exists');
  });

  it('moves places on: wished → placed → enrolled, or withdrawn; nothing after enrolment', async () => {
    const step = (id: string, to: string) =>
      call(officer, 'POST', `/api/v1/technical-schools/places/${id}/state`, { to });
    expect((await step(ids.first!, 'placed')).json()).toMatchObject({ state: 'placed' });
    const enrolled = await step(ids.first!, 'enrolled');
    expect(enrolled.json().state).toBe('enrolled');
    expect(enrolled.json().enrolledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await step(ids.second!, 'placed')).json().state).toBe('placed');
    expect((await step(ids.fourth!, 'withdrawn')).json().state).toBe('withdrawn');
    const again = await step(ids.first!, 'withdrawn');
    expect(again.statusCode).toBe(409);
    expect(again.json().details.reason).toBe('place_enrolled');
    expect((await step(ids.third!, 'enrolled')).statusCode).toBe(409);
  });

  it('counts wished, placed, enrolled and the rate for the county in the indicators', async () => {
    // 长汀 (350821), intake year YEAR: first enrolled, second placed, third wished, fourth withdrawn;
    // 宁化's child is another county's.
    // wished = 4 − 1 withdrawn = 3; placed = 1 placed + 1 enrolled = 2; enrolled = 1;
    // rate = 2 ÷ 3 × 100 = 66.67 → 66.7.
    const values = (await call(officer, 'GET', '/api/v1/indicators?regionCode=350821')).json().values;
    expect(Object.fromEntries(FIGURES.map((id) => [id, values[id]]))).toEqual({
      tech_school_wished: 3,
      tech_school_placed: 2,
      tech_school_enrolled: 1,
      tech_school_placement_rate: 66.7,
    });
    // 龙岩市 (3508) holds 长汀 only of these; 宁化 is in 三明市 (3504): 1 wished, 0 placed → 0.0.
    const sanming = (await call(ninghua, 'GET', '/api/v1/indicators?regionCode=350424')).json().values;
    expect(sanming.tech_school_wished).toBe(1);
    expect(sanming.tech_school_placement_rate).toBe(0);
    const definitions = (await call(officer, 'GET', '/api/v1/indicators/definitions')).json();
    const rate = (definitions.items ?? definitions).find((d: { id: string }) => d.id === 'tech_school_placement_rate');
    expect(rate.clause).toContain('§1(2)');
  });

  it('lists, filters and exports the places on the officer’s page, reached from the courses page', async () => {
    const page = await new PageClient(ctx).signIn('school.changting');
    expect((await page.get('/training/courses')).body).toContain('href="/technical-schools"');
    const list = await page.get(`/technical-schools?year=${YEAR}&regionCode=&state=`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('有意愿 3 人，已落实学位 2 人（其中已入学 1 人），落实率 66.7%');
    expect(list.body).toContain('罗**');
    expect(list.body).not.toContain('张**');
    const placed = await page.get(`/technical-schools?year=${YEAR}&state=placed`);
    expect(placed.body).toContain('钟**');
    expect(placed.body).not.toContain('黄**');
    const file = await page.get(`/technical-schools/export?format=csv&year=${YEAR}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('学生姓名');
    expect(file.body).toContain('已入学');
    expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.export' } })).toBe(1);
  });

  it('names each wrong field of the form in words, and steps a place from the page', async () => {
    const page = await new PageClient(ctx).signIn('school.changting');
    const empty = await page.post('/technical-schools', { householdIdNumber: '', childName: '', year: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("class='field-error'");
    expect(empty.body).toContain('学生姓名');
    expect(empty.body).toContain('入学年份');
    const form = Object.fromEntries(Object.entries(place({ childName: '王小山' })).map(([k, v]) => [k, String(v)]));
    const poor = await page.post('/technical-schools', { ...form, householdIdNumber: notPoor.idNumber });
    expect(poor.statusCode).toBe(422);
    expect(poor.body).toContain('这个人不是建档立卡贫困劳动力');
    const stepped = await page.post(`/technical-schools/${ids.third}/state`, { to: 'placed' });
    expect(stepped.statusCode).toBe(303);
    const wrong = await page.post(`/technical-schools/${ids.first}/state`, { to: 'placed' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.body).toContain('已经入学，不能再改');
  });
});
