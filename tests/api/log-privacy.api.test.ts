import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../services/app.ts';
import errorHandler from '../../services/platform/errors/error-handler.ts';
import { bearer } from '../helpers/auth.ts';
import { seedSmallDemo } from '../helpers/factories.ts';
import { buildLabourer, makeIdNumber } from '../helpers/labourers.ts';
import { createTestContext, type TestContext, testConfig } from '../helpers/test-context.ts';

/** The app's log as written: every line pino hands to its destination. */
function captureLog() {
  const lines: string[] = [];
  return {
    stream: { write: (line: string) => void lines.push(line) },
    text: () => lines.join(''),
    clear: () => void lines.splice(0),
  };
}

const ID_NUMBER = makeIdNumber('350125', '19850612', true);
const PHONE = '13905975678';

describe('personal data in the logs', () => {
  let ctx: TestContext;
  let officer: { authorization: string };
  const log = captureLog();

  beforeAll(async () => {
    ctx = await createTestContext({ config: { LOG_LEVEL: 'trace' }, logStream: log.stream });
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    officer = await bearer(ctx, 'officer.fujian');
  });
  afterAll(() => ctx.close());

  it('never writes a searched ID number, phone or name from the registry list and export', async () => {
    log.clear();
    const urls = [
      `/api/v1/labourers?q=${ID_NUMBER}`,
      `/api/v1/labourers?q=${ID_NUMBER.slice(0, 8)}`,
      `/api/v1/labourers/export?q=${PHONE}&format=csv`,
      `/api/v1/labourers?q=${encodeURIComponent('林秀英')}`,
    ];
    for (const url of urls) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: officer });
      expect(response.statusCode).toBe(200);
    }
    const text = log.text();
    expect(text).toContain('/api/v1/labourers/export?[redacted]');
    expect(text).toContain('/api/v1/labourers?[redacted]');
    for (const secret of [ID_NUMBER, ID_NUMBER.slice(0, 8), PHONE, '林秀英', encodeURIComponent('林秀英')]) {
      expect(text).not.toContain(secret);
    }
  });

  it('censors ID and mobile numbers in the query of any other route, spaced or prefixed as people type them', async () => {
    log.clear();
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/vacancies/search?q=${encodeURIComponent('139 0597 5678')}&ref=%2B86${PHONE}&id=${ID_NUMBER}&page=2`,
    });
    expect(response.statusCode).toBe(200);
    const text = log.text();
    expect(text).toContain('/api/v1/vacancies/search?q=[redacted]&ref=[redacted]&id=[redacted]&page=2');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('0597');
    expect(text).not.toContain(ID_NUMBER);
  });

  it('never logs a request body, even at trace level', async () => {
    log.clear();
    const person = buildLabourer({ name: '郑美玲', idNumber: makeIdNumber('350821', '19910203', false), phone: PHONE });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/labourers',
      headers: officer,
      payload: { ...person, regionCode: '350821' },
    });
    expect(response.statusCode).toBe(201);
    const text = log.text();
    expect(text).toContain('request completed');
    for (const secret of ['郑美玲', person.idNumber as string, PHONE]) expect(text).not.toContain(secret);
  });

  it('logs a server fault with its URL and message redacted', async () => {
    const capture = captureLog();
    const app = Fastify({ loggerInstance: createLogger(testConfig({ LOG_LEVEL: 'info' }), capture.stream) });
    await app.register(errorHandler);
    app.get('/boom', { config: { auth: { kind: 'public' } } }, () => {
      throw new Error(`duplicate key value violates unique constraint: Key (phone)=(${PHONE}), id ${ID_NUMBER}`);
    });
    const response = await app.inject({ method: 'GET', url: `/boom?who=${PHONE}&id=${ID_NUMBER}` });
    await app.close();
    expect(response.statusCode).toBe(500);
    const failure = capture
      .text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; req?: { url: string }; err?: { message: string } })
      .find((entry) => entry.msg === 'request failed');
    expect(failure?.req?.url).toBe('/boom?who=[redacted]&id=[redacted]');
    expect(failure?.err?.message).toBe(
      'duplicate key value violates unique constraint: Key (phone)=([redacted]), id [redacted]',
    );
    expect(capture.text()).not.toContain(PHONE);
    expect(capture.text()).not.toContain(ID_NUMBER);
  });
});
