import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageClient } from '../helpers/pages.ts';
import type { TestContext } from '../helpers/test-context.ts';
import { apiLogin, freshAddress, securityContext } from './fixture.ts';

const PER_ADDRESS = 10;

/** Spellings of one account name that must share its sign-in budget. */
const VARIANTS = [
  'officer.changting',
  ' officer.changting',
  'officer.changting ',
  'officer.changting\t',
  '\tofficer.changting\n',
  'OFFICER.CHANGTING',
  'Officer.Changting',
  'ｏｆｆｉｃｅｒ．ｃｈａｎｇｔｉｎｇ',
  '\u3000officer.changting\u3000',
  'ＯＦＦＩＣＥＲ.changting',
];

describe('sign-in throttling', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await securityContext();
  });
  afterAll(() => ctx.close());

  it('signs in with any spelling of the name that normalises to it', async () => {
    for (const variant of VARIANTS) {
      const response = await apiLogin(ctx, variant);
      expect(response.statusCode, JSON.stringify(variant)).toBe(200);
      expect(response.json().user.username).toBe('officer.changting');
    }
  });

  it('counts every spelling against one budget per address and name', async () => {
    const ip = freshAddress();
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const variant = VARIANTS[i % VARIANTS.length]!;
      codes.push((await apiLogin(ctx, variant, { ip, password: `guess-${i}` })).statusCode);
    }
    expect(codes.filter((c) => c === 401)).toHaveLength(PER_ADDRESS);
    expect(codes.slice(PER_ADDRESS).every((c) => c === 429)).toBe(true);
    // The right password in another spelling is refused too while the budget is spent.
    for (const variant of [' officer.changting', 'officer.changting\t', 'ＯＦＦＩＣＥＲ.ＣＨＡＮＧＴＩＮＧ']) {
      const response = await apiLogin(ctx, variant, { ip });
      expect(response.statusCode, JSON.stringify(variant)).toBe(429);
      expect(response.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address is not affected, nor another person behind the same address.
    expect((await apiLogin(ctx, 'officer.changting')).statusCode).toBe(200);
    expect((await apiLogin(ctx, 'officer.fujian', { ip })).statusCode).toBe(200);
  });

  it('shares the budget between the API and the sign-in page', async () => {
    const ip = freshAddress();
    for (let i = 0; i < PER_ADDRESS; i++) {
      expect((await apiLogin(ctx, 'employer.demo', { ip, password: 'nope' })).statusCode).toBe(401);
    }
    const client = new PageClient(ctx);
    await client.get('/login');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: ip,
      headers: {
        cookie: client.cookieHeader(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: client.csrf,
        username: ' Employer.Demo ',
        password: 'WorkBridge-demo-1',
      }).toString(),
    });
    expect(response.statusCode).toBe(429);
    expect(response.body).toContain('尝试次数过多');
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const ip = freshAddress();
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        payload: { username: 'labourer.demo', password: `guess-${i}` },
      });
      codes.push(response.statusCode);
    }
    expect(codes.filter((c) => c === 401)).toHaveLength(PER_ADDRESS);
    expect(codes.at(-1)).toBe(429);
  });

  it('slows one address that tries many different names, after a budget an office NAT does not reach', async () => {
    const ip = freshAddress();
    const budget = 100; // LOGIN_LIMITS.addressFailures: failures per address across all names in 10 minutes
    const codes: number[] = [];
    for (let i = 0; i < budget; i++) codes.push((await apiLogin(ctx, `guess.${i}`, { ip, password: 'x' })).statusCode);
    expect(codes.every((c) => c === 401)).toBe(true);
    // Each name was tried once, so only the budget across names can refuse these.
    const next = await apiLogin(ctx, `guess.${budget}`, { ip, password: 'x' });
    expect(next.statusCode).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(next.headers['retry-after'])).toBeLessThanOrEqual(10 * 60);
    // The right password of a real account from that address waits too; another address does not.
    expect((await apiLogin(ctx, 'officer.changting', { ip })).statusCode).toBe(429);
    expect((await apiLogin(ctx, 'officer.changting')).statusCode).toBe(200);
  });

  it('locks an account for a short, growing while after failures from many addresses', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) {
      codes.push((await apiLogin(ctx, 'officer.fujian', { password: `spray-${i}` })).statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20).every((c) => c === 429)).toBe(true);
    const locked = await apiLogin(ctx, 'officer.fujian');
    expect(locked.statusCode).toBe(429);
    const wait = Number(locked.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(5 * 60);
    // An unknown name locks the same way, so the answer tells nothing about which names exist.
    const unknown: number[] = [];
    for (let i = 0; i < 21; i++) unknown.push((await apiLogin(ctx, 'nobody.here', { password: `x${i}` })).statusCode);
    expect(unknown.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(unknown.at(-1)).toBe(429);
  });
});

describe('sign-in throttling behind a configured proxy (NODE_ENV=production)', () => {
  let ctx: TestContext;
  const secret = 'p'.repeat(40);
  beforeAll(async () => {
    ctx = await securityContext({
      NODE_ENV: 'production',
      SESSION_SECRET: secret,
      PII_KEY: secret,
      TRUST_PROXY: '10.88.0.1',
    });
  });
  afterAll(() => ctx.close());

  const viaProxy = (remoteAddress: string, forwardedFor: string, password: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username: 'employer.demo', password },
    });

  it('trusts X-Forwarded-For only from the configured proxy', async () => {
    const direct: number[] = [];
    for (let i = 0; i < 12; i++) direct.push((await viaProxy('10.88.0.99', `198.51.100.${i}`, `g${i}`)).statusCode);
    expect(direct.filter((c) => c === 401)).toHaveLength(PER_ADDRESS);
    expect(direct.at(-1)).toBe(429);
    // Through the proxy, each client is its own address: one client's budget does not hold another.
    const client = (await viaProxy('10.88.0.1', '198.51.100.200', 'WorkBridge-demo-1')).statusCode;
    expect(client).toBe(200);
  });
});
