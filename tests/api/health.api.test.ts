import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../search-index/launcher.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('health', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('answers /healthz while the process is up', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('ok');
  });

  it('answers /readyz 200 when the database and Meilisearch answer', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, search: { ok: true } },
    });
  });
});

describe('health without Meilisearch', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Nothing listens on this port: the search check must fail, the database check pass.
    const port = await freePort();
    ctx = await createTestContext({ meiliUrl: `http://127.0.0.1:${port}`, skipIndexSetup: true });
  });
  afterAll(() => ctx.close());

  it('answers /readyz 503 with the failing check named', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.status).toBe('not_ready');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.search.ok).toBe(false);
    expect(body.checks.search.error).toBeTruthy();
  });
});
