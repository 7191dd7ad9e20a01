import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLabourer, makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import type { TestContext } from '../helpers/test-context.ts';
import { bearerOf, securityContext } from './fixture.ts';

describe('ID numbers do not tell who is registered where', () => {
  let ctx: TestContext;
  let fujian: string;
  let changting: string;
  let elsewhere: { id: string; idNumber: string };
  beforeAll(async () => {
    ctx = await securityContext();
    fujian = await bearerOf(ctx, 'officer.fujian');
    changting = await bearerOf(ctx, 'officer.changting');
    // A person of 宁化县 (350424): in the province officer's region, outside 长汀县's.
    const idNumber = makeIdNumber('350424', '19860402', true);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/labourers',
      headers: { authorization: fujian },
      payload: buildLabourer({ name: '邱志强', idNumber, phone: '13905970001', regionCode: '350424' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    elsewhere = { id: created.json().id, idNumber };
  });
  afterAll(() => ctx.close());

  it('answers an anonymous registration with a known ID neutrally, sending the person to their county office', async () => {
    const visitor = new PageClient(ctx);
    await visitor.get('/register');
    const response = await visitor.post('/register', {
      name: '邱志强',
      idNumber: elsewhere.idNumber,
      phone: '13800003333',
      password: 'a-good-password',
      regionCode: '350821',
      mobility: 'city',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).not.toContain('这个身份证号已经登记过了');
    expect(response.body).not.toContain('已经登记');
    expect(response.body).not.toContain(elsewhere.id);
    expect(response.body).toContain('请携带身份证到户籍所在县（市、区）公共就业服务机构办理');
    expect(await ctx.db.user.count({ where: { role: 'labourer', displayName: '邱志强' } })).toBe(0);
  });

  it('gives an officer a conflict without the id or name of a person outside their region', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/labourers',
      headers: { authorization: changting },
      payload: buildLabourer({ name: '另一个人', idNumber: elsewhere.idNumber, phone: '13905970002' }),
    });
    expect(response.statusCode).toBe(409);
    const body = response.json();
    expect(body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    expect(JSON.stringify(body)).not.toContain(elsewhere.id);
    expect(JSON.stringify(body)).not.toContain('邱志强');
    expect(JSON.stringify(body)).not.toContain('350424');
  });

  it('does not reveal the out-of-region person when an officer edits someone to that ID either', async () => {
    const mine = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/labourers',
      headers: { authorization: changting },
      payload: buildLabourer({ name: '本县人', phone: '13905970003' }),
    });
    expect(mine.statusCode).toBe(201);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/labourers/${mine.json().id}`,
      headers: { authorization: changting },
      payload: { idNumber: elsewhere.idNumber },
    });
    expect(response.statusCode).toBe(409);
    expect(JSON.stringify(response.json())).not.toContain(elsewhere.id);
  });

  it('still points an officer to the existing record inside their own region', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/labourers',
      headers: { authorization: fujian },
      payload: buildLabourer({
        name: '重复登记',
        idNumber: elsewhere.idNumber,
        phone: '13905970004',
        regionCode: '350424',
      }),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().details).toEqual({ existingId: elsewhere.id });
  });
});
