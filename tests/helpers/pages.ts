import { expect } from 'vitest';
import type { TestContext } from './test-context.ts';
import { TEST_PASSWORD } from './factories.ts';

/** A browser without JavaScript: keeps cookies, reads CSRF tokens from forms, posts urlencoded forms. */
export class PageClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly ctx: TestContext) {}

  /** The Cookie header this client sends, for requests it cannot make itself (uploads, odd paths). */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  private remember(response: { cookies: Array<{ name: string; value: string }>; body: string }) {
    for (const cookie of response.cookies) this.cookies.set(cookie.name, cookie.value);
    const token = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(response.body)?.[1];
    if (token) this.csrf = token;
  }

  async get(url: string) {
    const response = await this.ctx.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), accept: 'text/html' },
    });
    this.remember(response);
    return response;
  }

  async post(url: string, fields: Record<string, string | string[]>) {
    const form = new URLSearchParams();
    form.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
    const response = await this.ctx.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form.toString(),
    });
    this.remember(response);
    return response;
  }

  async signIn(username: string) {
    await this.get('/login');
    const response = await this.post('/login', { username, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(303);
    await this.get('/');
    return this;
  }
}
