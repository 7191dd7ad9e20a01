import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient } from '../helpers/pages.ts';
import type { TestContext } from '../helpers/test-context.ts';
import { pageClientOf, securityContext } from './fixture.ts';

const BROADCAST = { regionCode: '350821', roles: ['labourer'], title: '通知测试', body: '跨站请求不应发出这条通知' };

/** Spellings of /api/v1/notifications/broadcasts a router might decode while a string check does not. */
const PATHS = [
  '/api/v1/notifications/broadcasts',
  '/%61pi/v1/notifications/broadcasts',
  '/%61%70%69/v1/notifications/broadcasts',
  '/a%70i/v1/notifications/broadcasts',
  '/api/v1/%6eotifications/broadcasts',
  '/%2561pi/v1/notifications/broadcasts',
  '/API/v1/notifications/broadcasts',
  '/%41PI/v1/notifications/broadcasts',
  '/Api/v1/notifications/broadcasts',
  '/api%2Fv1/notifications/broadcasts',
  '//api/v1/notifications/broadcasts',
  '/./api/v1/notifications/broadcasts',
  '/api/v1/notifications/broadcasts/',
  '/api/v1/notifications/broadcasts?x=/login',
];

describe('API writes with only the page session cookie (CSRF)', () => {
  let ctx: TestContext;
  let officer: PageClient;
  beforeAll(async () => {
    ctx = await securityContext();
    officer = await pageClientOf(ctx, 'officer.changting');
  });
  afterAll(() => ctx.close());

  it.each(PATHS)('does not send a broadcast through %s', async (url) => {
    const before = await ctx.db.broadcast.count();
    const response = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: officer.cookieHeader(), 'content-type': 'application/json' },
      payload: BROADCAST,
    });
    expect([401, 404]).toContain(response.statusCode);
    expect(response.json()).toMatchObject({ statusCode: response.statusCode });
    expect(await ctx.db.broadcast.count()).toBe(before);
  });

  it('still lets the same cookie read the API through an encoded path', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/%61pi/v1/auth/me',
      headers: { cookie: officer.cookieHeader() },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().username).toBe('officer.changting');
  });

  it('refuses a page form posted without its CSRF token, however the path is spelled', async () => {
    for (const url of ['/notifications/broadcasts', '/%6eotifications/broadcasts']) {
      const before = await ctx.db.broadcast.count();
      const response = await ctx.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: officer.cookieHeader(),
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ ...BROADCAST, roles: 'labourer' }).toString(),
      });
      expect(response.statusCode, url).toBe(403);
      expect(await ctx.db.broadcast.count()).toBe(before);
    }
  });

  it('answers an encoded API path without a session in JSON, as the API does', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/%61pi/v1/labourers',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });
});
