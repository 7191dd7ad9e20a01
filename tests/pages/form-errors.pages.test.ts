import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallDemo } from '../helpers/factories.ts';
import { formFields } from '../helpers/form-fields.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const errorOf = (body: string, field: string) =>
  new RegExp(`id='${field}-error' role='alert'>([^<]*)<`).exec(body)?.[1];

/** Each field of a refused form says what is wrong with it, in plain words, naming the field. */
describe('form error messages', () => {
  let ctx: TestContext;
  let employer: PageClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    employer = await new PageClient(ctx).signIn('employer.demo');
  });
  afterAll(() => ctx.close());

  async function emptyVacancyForm() {
    const fields = formFields((await employer.get('/employer/vacancies/new')).body, '/employer/vacancies');
    delete fields._csrf;
    for (const name of ['title', 'description', 'wageMin', 'wageMax', 'headcount', 'ageMin', 'ageMax'])
      fields[name] = [''];
    return fields;
  }

  it('names every empty required field of a new vacancy and never shows NaN', async () => {
    const response = await employer.post('/employer/vacancies', await emptyVacancyForm());
    expect(response.statusCode).toBe(422);
    expect(response.body).not.toContain('NaN');
    expect(errorOf(response.body, 'title')).toBe('请填写岗位名称');
    expect(errorOf(response.body, 'description')).toBe('请填写岗位说明');
    expect(errorOf(response.body, 'wageMin')).toBe('请填写月收入下限');
    expect(errorOf(response.body, 'wageMax')).toBe('请填写月收入上限');
    expect(errorOf(response.body, 'headcount')).toBe('请填写招聘人数');
    expect(response.body).not.toContain('填写格式不正确');
  });

  it('says a number is expected, too short, or out of range, keeping what was typed', async () => {
    const fields = await emptyVacancyForm();
    const response = await employer.post('/employer/vacancies', {
      ...fields,
      title: '工',
      description: '长期招聘竹编工，包吃住，可培训上岗。',
      wageMin: '四千',
      wageMax: '200000',
      headcount: '0',
    });
    expect(response.statusCode).toBe(422);
    expect(errorOf(response.body, 'title')).toBe('岗位名称至少 2 位');
    expect(errorOf(response.body, 'wageMin')).toBe('月收入下限请填写数字');
    expect(errorOf(response.body, 'wageMax')).toBe('月收入上限不能大于 100000');
    expect(errorOf(response.body, 'headcount')).toBe('招聘人数不能小于 1');
    expect(response.body).toContain('value="四千"');
  });

  it('blames discriminatory wording on the field that holds it', async () => {
    const fields = await emptyVacancyForm();
    const response = await employer.post('/employer/vacancies', {
      ...fields,
      title: '竹编工限男性',
      occupationCode: (await ctx.db.occupation.findFirstOrThrow()).code,
      regionCode: '350821',
      description: '长期招聘竹编工，包吃住，可培训上岗。',
      wageMin: '4000',
      wageMax: '5000',
      headcount: '3',
    });
    expect(response.statusCode).toBe(422);
    expect(errorOf(response.body, 'title')).toContain('岗位名称中有“限男性”');
    expect(response.body.match(/class='field-error'/g)).toHaveLength(1);
    expect(response.body).not.toContain('岗位描述');
  });

  it('gives the same messages in English', async () => {
    const response = await employer.post('/employer/vacancies?lang=en', await emptyVacancyForm());
    expect(response.statusCode).toBe(422);
    expect(errorOf(response.body, 'wageMin')).toBe('Please fill in Lowest monthly pay');
  });

  it('tells a new employer the password is too short', async () => {
    const visitor = new PageClient(ctx);
    await visitor.get('/employers/register');
    const response = await visitor.post('/employers/register', {
      name: '长汀县竹编扶贫车间',
      creditCode: '',
      kind: 'poverty_workshop',
      regionCode: '350821',
      address: '红山乡',
      contactName: '钟师傅',
      contactPhone: '13905971111',
      username: 'zhubian.short',
      password: 'short',
    });
    expect(response.statusCode).toBe(422);
    expect(errorOf(response.body, 'password')).toBe('密码至少 8 位');
    expect(errorOf(response.body, 'creditCode')).toBe('请填写统一社会信用代码');
  });
});
