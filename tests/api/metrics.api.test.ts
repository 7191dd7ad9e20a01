import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const TOKEN = 'metrics-test-token-0123456789';

describe('GET /metrics', () => {
  let withToken: TestContext;
  let without: TestContext;
  beforeAll(async () => {
    withToken = await createTestContext({ config: { METRICS_TOKEN: TOKEN } });
    without = await createTestContext();
  });
  afterAll(async () => {
    await withToken?.close();
    await without?.close();
  });

  it('is not there without METRICS_TOKEN, and refuses a scraper without the token', async () => {
    expect((await without.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect((await withToken.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
    const wrong = await withToken.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('counts requests by route pattern and exposes the outbox, campaigns, event loop and dependencies', async () => {
    const missing = crypto.randomUUID();
    await withToken.app.inject({ method: 'GET', url: `/api/v1/vacancies/${missing}` });
    await withToken.app.inject({ method: 'GET', url: '/healthz' });
    const response = await withToken.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/vacancies\/:id",status_code="404"\} 1/,
    );
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 1/);
    expect(text).not.toContain(missing);
    expect(text).toMatch(/^workbridge_outbox_backlog 0$/m);
    expect(text).toMatch(/^workbridge_outbox_oldest_age_seconds 0$/m);
    expect(text).toMatch(/^workbridge_push_campaigns\{status="failed"\} 0$/m);
    expect(text).toMatch(/^workbridge_dependency_up\{dependency="database"\} 1$/m);
    expect(text).toMatch(/^workbridge_dependency_up\{dependency="meilisearch"\} 1$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
  });
});
