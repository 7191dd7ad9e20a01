import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../services/app.ts';
import { bearer } from '../helpers/auth.ts';
import { seedSmallDemo } from '../helpers/factories.ts';
import { createTestContext, testConfig, type TestContext } from '../helpers/test-context.ts';

const ECHARTS = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
  code?: string;
}

describe('HTTP delivery: compression and request logs', () => {
  let ctx: TestContext;
  let officer: { authorization: string };
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });

  beforeAll(async () => {
    ctx = await createTestContext({ logger: createLogger(testConfig({ LOG_LEVEL: 'info' }), sink) });
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    officer = await bearer(ctx, 'officer.changting');
  });
  afterAll(() => ctx.close());

  /** What was logged at info or above since `from`. */
  const infoSince = (from: number) => lines.slice(from).filter((l) => l.level >= 30);

  describe('request logs', () => {
    it('writes one info line per request, with status and time, and none saying "incoming request"', async () => {
      const from = lines.length;
      const response = await ctx.app.inject({ method: 'GET', url: '/jobs' });
      expect(response.statusCode).toBe(200);
      const written = infoSince(from);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET' }, res: { statusCode: 200 } });
      expect(written[0]!.responseTime).toBeGreaterThanOrEqual(0);
      expect(lines.slice(from).some((l) => l.msg === 'incoming request')).toBe(false);
    });

    it('logs nothing at info for static files and health probes', async () => {
      const from = lines.length;
      for (const url of ['/static/css/app.css', '/static/vendor/echarts.min.js', '/healthz']) {
        expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      }
      expect(infoSince(from)).toEqual([]);
    });

    it('gives a refused request one info line carrying the error code', async () => {
      const from = lines.length;
      const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/labourers/not-a-uuid', headers: officer });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      const written = infoSince(from);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({ msg: 'request completed', res: { statusCode: response.statusCode } });
      expect(written[0]!.code).toBe(response.json().code);
    });
  });

  describe('static files by versioned address', () => {
    it('names every stylesheet and script of a page by a versioned address, kept by the browser for a year', async () => {
      const page = await ctx.app.inject({ method: 'GET', url: '/login' });
      const addresses = [...page.body.matchAll(/(?:src|href)=["'](\/static\/[^"']+)["']/g)].map((m) => m[1]!);
      expect(addresses).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\/static\/css\/app\.css\?v=[0-9a-f]{12}$/)]),
      );
      for (const address of addresses) {
        expect(address).toMatch(/\?v=[0-9a-f]{12}$/);
        const response = await ctx.app.inject({ method: 'GET', url: address });
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      }
      // An old page's address (another version) gets today's file, but not to keep as that version.
      const stale = await ctx.app.inject({ method: 'GET', url: '/static/css/app.css?v=000000000000' });
      expect(stale.statusCode).toBe(200);
      expect(stale.headers['cache-control']).not.toMatch(/immutable/);
      const unversioned = await ctx.app.inject({ method: 'GET', url: '/static/css/app.css' });
      expect(unversioned.headers['cache-control']).not.toMatch(/immutable/);
      const missing = await ctx.app.inject({ method: 'GET', url: '/static/css/none.css?v=0123456789ab' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['cache-control'] ?? '').not.toMatch(/immutable/);
    });
  });

  describe('compression', () => {
    it('sends pages brotli-compressed to a browser that accepts br and gzip', async () => {
      const plain = await ctx.app.inject({ method: 'GET', url: '/jobs' });
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/jobs',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      const body = zlib.brotliDecompressSync(response.rawPayload).toString();
      expect(body).toContain('</html>');
      expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    });

    it('sends the ECharts script at under a third of its 1.1 MB, brotli or gzip', async () => {
      const raw = fs.readFileSync(ECHARTS);
      const br = await ctx.app.inject({
        method: 'GET',
        url: '/static/vendor/echarts.min.js',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['vary']).toMatch(/accept-encoding/i);
      expect(br.rawPayload.length).toBeLessThan(raw.length / 3);
      expect(zlib.brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);

      const gzip = await ctx.app.inject({
        method: 'GET',
        url: '/static/vendor/echarts.min.js',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.rawPayload.length).toBeLessThan(raw.length / 3);
      expect(zlib.gunzipSync(gzip.rawPayload).equals(raw)).toBe(true);
    });

    it('leaves a client that asks for no encoding with the plain bytes', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/static/css/app.css' });
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).toBe(fs.readFileSync(new URL('../../web/static/css/app.css', import.meta.url), 'utf8'));
    });

    it('still delivers CSV exports (compressed) and XLSX downloads (already zipped, sent as they are)', async () => {
      const csv = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/labourers/export?format=csv&lang=en',
        headers: { ...officer, 'accept-encoding': 'br, gzip' },
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-encoding']).toBe('br');
      const text = zlib.brotliDecompressSync(csv.rawPayload).toString();
      expect(text.replace('\uFEFF', '').split('\n')[0]).toContain('Name,ID number');

      const xlsx = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/labourers/export?format=xlsx&lang=en',
        headers: { ...officer, 'accept-encoding': 'br, gzip' },
      });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-encoding']).toBeUndefined();
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });
});
