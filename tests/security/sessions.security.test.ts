import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { TestContext } from '../helpers/test-context.ts';
import { pageClientOf, securityContext } from './fixture.ts';

describe('signing out', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await securityContext();
  });
  afterAll(() => ctx.close());

  const home = (cookie: string) =>
    ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie, accept: 'application/json' } });

  it('revokes the page session on the server, so a copied cookie stops working', async () => {
    const client = await pageClientOf(ctx, 'officer.changting');
    const copied = client.cookieHeader();
    expect((await home(copied)).statusCode).toBe(200);
    const out = await client.post('/logout', {});
    expect(out.statusCode).toBe(303);
    const after = await home(copied);
    expect(after.statusCode).toBe(401);
    const page = await ctx.app.inject({
      method: 'GET',
      url: '/labourers',
      headers: { cookie: copied, accept: 'text/html' },
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
  });

  it('keeps another session of the same person signed in', async () => {
    const phone = await pageClientOf(ctx, 'labourer.demo');
    const laptop = await pageClientOf(ctx, 'labourer.demo');
    await laptop.post('/logout', {});
    expect((await home(laptop.cookieHeader())).statusCode).toBe(401);
    expect((await home(phone.cookieHeader())).statusCode).toBe(200);
  });

  it('refuses a live-notice socket for a signed-out session', async () => {
    const client = await pageClientOf(ctx, 'employer.demo');
    const copied = client.cookieHeader();
    await client.post('/logout', {});
    const url = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = connect(url, { extraHeaders: { cookie: copied }, transports: ['websocket'], reconnection: false });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', (error) => resolve(error.message));
    });
    socket.close();
    expect(outcome).toBe('unauthorized');
  });

  it('revokes the bearer token on API sign-out', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'WorkBridge-demo-1' },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });
});
