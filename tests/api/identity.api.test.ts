import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallDemo, TEST_PASSWORD } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const DEMO_ACCOUNTS = [
  ['admin', 'admin', null],
  ['officer.fujian', 'officer', '35'],
  ['officer.changting', 'officer', '350821'],
  ['employer.demo', 'employer', null],
  ['labourer.demo', 'labourer', '350821'],
] as const;

describe('identity API', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
  });
  afterAll(() => ctx.close());

  const login = (username: string, password = TEST_PASSWORD, ip = '10.0.0.1') =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

  it.each(DEMO_ACCOUNTS)(
    'logs in the demo account %s and answers token and user',
    async (username, role, regionCode) => {
      const response = await login(username);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.token).toMatch(/^[\w-]{40,}$/);
      expect(body.user).toEqual({
        id: expect.any(String),
        username,
        role,
        displayName: expect.any(String),
        regionCode,
      });
      const me = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().username).toBe(username);
    },
  );

  it('answers 401 with the error shape for a wrong password and for an unknown user alike', async () => {
    const wrong = await login('officer.fujian', 'not-the-password', '10.0.0.2');
    const unknown = await login('nobody.at.all', 'whatever', '10.0.0.2');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'UNAUTHENTICATED',
        message: 'Wrong username or password',
      });
    }
  });

  it('answers 400 naming each missing field', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'username']);
  });

  it('refuses calls without a token, and with a revoked one', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const { token } = (await login('admin', TEST_PASSWORD, '10.0.0.3')).json();
    const headers = { authorization: `Bearer ${token}` };
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('stores only a hash of the token', async () => {
    const { token } = (await login('labourer.demo', TEST_PASSWORD, '10.0.0.4')).json();
    const rows = await ctx.db.apiToken.findMany({ select: { tokenHash: true } });
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it('rate-limits repeated login attempts for one address and username with 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login('officer.changting', 'guess', '10.9.9.9')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // Another address is not affected, nor another person behind the same address.
    expect((await login('officer.changting', TEST_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
    expect((await login('officer.fujian', TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(200);
  });
});
