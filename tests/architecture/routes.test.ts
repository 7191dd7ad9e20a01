import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('route contracts', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('gives every registered route an auth rule', () => {
    const routes = ctx.app.routeCatalogue;
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes
      .filter((r) => !(r.config as { auth?: unknown } | undefined)?.auth)
      .map((r) => `${String(r.method)} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('gives every API route a response schema and a summary', () => {
    const api = ctx.app.routeCatalogue.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(3);
    const missing = api
      .filter((r) => !r.schema?.response || !(r.schema as { summary?: string }).summary)
      .map((r) => `${String(r.method)} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('publishes an OpenAPI document listing the API routes', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/regions', '/readyz']),
    );
  });

  it('answers an unknown API route with the JSON error shape', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });
});
