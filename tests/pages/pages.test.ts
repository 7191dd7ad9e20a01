import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallDemo, TEST_PASSWORD } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Follows the form flow a browser without JavaScript takes: GET the form, POST it with cookie and token. */
async function openLoginForm(ctx: TestContext, lang?: string) {
  const response = await ctx.app.inject({ method: 'GET', url: `/login${lang ? `?lang=${lang}` : ''}` });
  expect(response.statusCode).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  expect(csrf).toBeTruthy();
  const cookies = response.cookies.map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; ');
  return { csrf: csrf!, cookies, body: response.body };
}

describe('sign-in pages', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
  });
  afterAll(() => ctx.close());

  it('shows the welcome page in Chinese by default and in English on request', async () => {
    const zh = await ctx.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(zh.statusCode).toBe(200);
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('就业桥');
    const en = await ctx.app.inject({ method: 'GET', url: '/?lang=en', headers: { accept: 'text/html' } });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('WorkBridge');
    expect(en.cookies.find((c) => c.name === 'wb_lang')?.value).toBe('en');
  });

  it.each(['admin', 'officer.fujian', 'officer.changting', 'employer.demo', 'labourer.demo'])(
    'signs in %s through the form and shows the role’s home page',
    async (username) => {
      const form = await openLoginForm(ctx);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/login',
        headers: { cookie: form.cookies, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams({ username, password: TEST_PASSWORD, _csrf: form.csrf, next: '/' }).toString(),
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
      const session = response.cookies.find((c) => c.name === 'wb_session');
      expect(session?.httpOnly).toBe(true);
      const home = await ctx.app.inject({
        method: 'GET',
        url: '/',
        headers: { cookie: `wb_session=${encodeURIComponent(session!.value)}`, accept: 'text/html' },
      });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('/logout');
      if (username === 'officer.changting') {
        expect(home.body).toContain('长汀县就业概况');
        expect(home.body).toContain('未就业');
      }
    },
  );

  it('lets the session cookie read the API but not write through it', async () => {
    const form = await openLoginForm(ctx);
    const signedIn = await ctx.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: form.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        username: 'officer.fujian',
        password: TEST_PASSWORD,
        _csrf: form.csrf,
      }).toString(),
    });
    const session = signedIn.cookies.find((c) => c.name === 'wb_session')!;
    const cookie = `wb_session=${encodeURIComponent(session.value)}`;
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('officer.fujian');
    const write = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(write.statusCode).toBe(401);
  });

  it('re-renders the form with 422 and field errors when fields are empty', async () => {
    const form = await openLoginForm(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: form.cookies, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ username: '', password: '', _csrf: form.csrf }).toString(),
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('请填写用户名');
    expect(response.body).toContain('请填写密码');
  });

  it('answers a wrong password with 401 in the user’s language and keeps the username', async () => {
    const form = await openLoginForm(ctx, 'en');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/login',
      headers: {
        cookie: `${form.cookies}; wb_lang=en`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: new URLSearchParams({ username: 'officer.fujian', password: 'wrong', _csrf: form.csrf }).toString(),
    });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Wrong username or password');
    expect(response.body).toContain('value="officer.fujian"');
  });

  it('refuses a form post without the CSRF token', async () => {
    const form = await openLoginForm(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: form.cookies, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ username: 'admin', password: TEST_PASSWORD }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('没有权限');
  });

  it('never redirects outside the site after sign-in', async () => {
    const form = await openLoginForm(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: form.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        username: 'admin',
        password: TEST_PASSWORD,
        _csrf: form.csrf,
        next: '//evil.example',
      }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('shows a not-found page in HTML for browsers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('页面不存在');
    expect(response.body).not.toContain('ROUTE_NOT_FOUND');
  });

  it('explains a refused sign-in attempt in English when English was chosen', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: 'wb_lang=en', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'username=admin&password=x',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Not allowed');
    expect(response.body).not.toContain('csrf');
  });
});
