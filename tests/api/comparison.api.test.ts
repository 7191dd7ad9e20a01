import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { csvFile, readXlsx, xlsxFile } from '../fixtures/comparison/lists.ts';
import { createRegistryPerson, createScopedOfficer } from '../fixtures/comparison/registry.ts';
import { hugeCellCsv, sharedStringsBombXlsx } from '../fixtures/hostile-files.ts';

/**
 * The comparison API and pages through the real app. They need comparisonModule and
 * @fastify/multipart registered in services/app.ts.
 */
type Headers = { authorization: string };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function multipart(fields: Record<string, string>, file?: { name: string; type: string; content: Buffer }) {
  const boundary = `----wbtest${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('comparison API and pages', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let officer: Awaited<ReturnType<typeof createScopedOfficer>>;
  let headers: Headers;
  let ninghua: Headers;
  let fujian: Headers;
  let employer: Headers;
  let people: Record<'idle' | 'missing' | 'old', Awaited<ReturnType<typeof createRegistryPerson>>>;
  let stranger: string;
  let runId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    officer = await createScopedOfficer(ctx.db);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'cmp.ninghua' });
    await createUser(ctx.db, { role: 'officer', regionCode: '35', username: 'cmp.fujian' });
    await createUser(ctx.db, { role: 'employer', username: 'cmp.employer' });
    headers = await bearer(ctx, officer.user.username);
    ninghua = await bearer(ctx, 'cmp.ninghua');
    fujian = await bearer(ctx, 'cmp.fujian');
    employer = await bearer(ctx, 'cmp.employer');
    people = {
      idle: await createRegistryPerson(ctx.db, pii, { name: '钟秀兰', regionCode: officer.village }),
      missing: await createRegistryPerson(ctx.db, pii, { name: '邱永兴', regionCode: officer.village }),
      old: await createRegistryPerson(ctx.db, pii, { name: '赖金福', regionCode: officer.village, birth: '19550505' }),
    };
    stranger = makeIdNumber('350821', '19920202');
  });
  afterAll(() => ctx.close());

  const povertyList = () =>
    csvFile(
      ['姓名', '身份证号', '户籍区划', '脱贫状态', '养老保险'],
      [
        ['钟秀兰', people.idle.idNumber, officer.village, '已脱贫', '是'],
        ['赖金福', people.old.idNumber, officer.village, '未脱贫', '否'],
        ['黄小梅', stranger, officer.village, '未脱贫', '是'],
        ['无证号', '', officer.village, '未脱贫', '是'],
        ['旧号码', '350821550505123', officer.village, '未脱贫', '是'],
      ],
    );

  const post = (query: string, body: Buffer, type = 'text/csv; charset=utf-8', auth: Headers = headers) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/comparisons?${query}`,
      headers: { ...auth, 'content-type': type },
      payload: body,
    });

  describe('running a comparison', () => {
    it('compares a CSV list sent as the raw body and answers 201 with the totals', async () => {
      const response = await post(
        `kind=poverty_office&fileName=${encodeURIComponent('扶贫办导出.csv')}`,
        povertyList(),
      );
      expect(response.statusCode).toBe(201);
      const run = response.json();
      runId = run.id;
      expect(run).toMatchObject({
        kind: 'poverty_office',
        fileName: '扶贫办导出.csv',
        regionCode: officer.region,
        externalRows: 5,
        totals: {
          registryPeople: 3,
          externalPeople: 3,
          matched: 2,
          unmatchedRows: 2,
          byKind: {
            only_in_registry: 1,
            only_in_external: 1,
            status_disagreement: 1,
            no_pension_60_plus: 1,
            training_wanted_none: 0,
          },
        },
      });
      expect(run.problems.map((p: { row: number; reason: string }) => [p.row, p.reason])).toEqual([
        [5, 'id_missing'],
        [6, 'id_legacy_15_digits'],
      ]);
      expect(response.body).not.toContain(people.idle.idNumber);
      expect(response.body).not.toContain(stranger);
    });

    it('takes an XLSX list', async () => {
      const file = await xlsxFile(['姓名', '身份证号', '培训项目'], [['钟秀兰', people.idle.idNumber, '电工']]);
      const response = await post('kind=training_records&fileName=training.xlsx', file, XLSX);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ kind: 'training_records', totals: { matched: 1 } });
    });

    it('answers 400 for a missing kind, an empty body or a list without an ID number column', async () => {
      expect((await post('fileName=x.csv', povertyList())).statusCode).toBe(400);
      expect((await post('kind=poverty_office', Buffer.alloc(0))).statusCode).toBe(400);
      const noId = await post('kind=poverty_office', csvFile(['姓名'], [['甲']]));
      expect(noId.statusCode).toBe(400);
      expect(noId.json().details).toEqual([expect.objectContaining({ field: 'file', code: 'no_id_column' })]);
    });

    it('answers 415 for a body that is neither CSV nor XLSX', async () => {
      expect((await post('kind=poverty_office', Buffer.from('x'), 'image/png')).statusCode).toBe(415);
    });

    it('takes a list larger than the app’s default body limit', async () => {
      const rows = Array.from({ length: 60_000 }, (_, i) => [`名单${i}`, '', officer.village, '未脱贫', '是']);
      const big = csvFile(['姓名', '身份证号', '户籍区划', '脱贫状态', '养老保险'], rows);
      expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
      const response = await post('kind=poverty_office', big);
      expect(response.statusCode).toBe(201);
      expect(response.json().totals.unmatchedRows).toBe(60_000);
    });
  });

  describe('upload limits', () => {
    it('answers 400 naming the limit for a 30 MB single-cell CSV and a shared-strings bomb, and stores no run', async () => {
      const before = (await ctx.app.inject({ method: 'GET', url: '/api/v1/comparisons', headers })).json().total;
      const cell = await post('kind=poverty_office&fileName=cell.csv', hugeCellCsv(30));
      expect(cell.statusCode).toBe(400);
      expect(cell.json().details).toEqual([expect.objectContaining({ field: 'file', code: 'row_too_long' })]);
      expect(cell.json().message).toMatch(/262,144 bytes/);
      const bomb = await post('kind=poverty_office&fileName=bomb.xlsx', await sharedStringsBombXlsx(150), XLSX);
      expect(bomb.statusCode).toBe(400);
      expect(bomb.json().details).toEqual([
        expect.objectContaining({ field: 'file', code: 'shared_strings_too_large' }),
      ]);
      expect(bomb.json().message).toMatch(/32 MB/);
      const after = (await ctx.app.inject({ method: 'GET', url: '/api/v1/comparisons', headers })).json().total;
      expect(after).toBe(before);
    });
  });

  describe('reading runs and findings', () => {
    it('lists the runs of the region, newest first', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/comparisons', headers });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.items.map((r: { id: string }) => r.id)).toContain(runId);
      expect(body.items.every((r: { regionCode: string }) => r.regionCode.startsWith(officer.region))).toBe(true);
    });

    it('shows one run with its totals and input problems', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: `/api/v1/comparisons/${runId}`, headers });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: runId,
        checks: ['only_in_registry', 'only_in_external', 'status_disagreement', 'no_pension_60_plus'],
        columns: { idNumber: '身份证号', povertyStatus: '脱贫状态', pension: '养老保险' },
        problems: [expect.objectContaining({ row: 5, reason: 'id_missing', name: '无证号' }), expect.anything()],
      });
    });

    it('pages findings and filters them by kind', async () => {
      const all = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/comparisons/${runId}/findings?pageSize=2`,
        headers,
      });
      expect(all.json()).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(all.json().items).toHaveLength(2);
      const status = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/comparisons/${runId}/findings?kind=status_disagreement`,
        headers,
      });
      expect(status.json().items).toEqual([
        expect.objectContaining({
          kind: 'status_disagreement',
          labourerId: people.idle.id,
          name: '钟秀兰',
          idNumberMasked: people.idle.idNumberMasked,
          registryValue: 'registered',
          externalValue: '已脱贫',
        }),
      ]);
      const bad = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/comparisons/${runId}/findings?kind=nonsense`,
        headers,
      });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('exports', () => {
    it('exports the report as CSV with masked ID numbers, translated values and the input problems, audited', async () => {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/comparisons/${runId}/export?format=csv`,
        headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toContain('attachment');
      const rows = parse(response.body.replace(/^\uFEFF/, '')) as string[][];
      expect(rows[0]).toEqual([
        '类别',
        '姓名',
        '身份证号（脱敏）',
        '区划代码',
        '地区',
        '登记库信息',
        '外部名单信息',
        '名单行号',
        '说明',
      ]);
      const byName = (name: string) => rows.filter((r) => r[1] === name);
      expect(byName('邱永兴')).toEqual([
        [
          '只在登记库中',
          '邱永兴',
          people.missing.idNumberMasked,
          officer.village,
          expect.any(String),
          '未就业',
          '',
          '',
          '',
        ],
      ]);
      expect(byName('钟秀兰')[0]!.slice(0, 1).concat(byName('钟秀兰')[0]!.slice(5, 7))).toEqual([
        '状态不一致',
        '未脱贫',
        '已脱贫',
      ]);
      expect(byName('赖金福')[0]).toEqual(expect.arrayContaining(['60 岁以上未参加养老保险', '未参保', '否']));
      expect(byName('黄小梅')[0]![0]).toBe('只在外部名单中');
      expect(byName('无证号')[0]).toEqual(['名单问题', '无证号', '', '', '', '', '', '5', '身份证号: 缺少身份证号']);
      expect(byName('旧号码')[0]![2]).toBe('350821*****5123');
      for (const id of [people.idle.idNumber, people.missing.idNumber, stranger])
        expect(response.body).not.toContain(id);

      const audit = await ctx.db.auditLog.findMany({ where: { entityId: runId, action: 'comparison.export' } });
      expect(audit).toEqual([
        expect.objectContaining({
          actorId: officer.user.id,
          actorRole: 'officer',
          requestId: expect.any(String),
          details: { format: 'csv', kind: null, findings: 4 },
        }),
      ]);
    });

    it('exports one kind of finding as XLSX, in English on request', async () => {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/comparisons/${runId}/export?format=xlsx&kind=only_in_external&lang=en`,
        headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(XLSX);
      const rows = await readXlsx(response.rawPayload);
      expect(rows[0]?.[0]).toBe('Kind');
      expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([['Only on the list', '黄小梅']]);
      expect(
        await ctx.db.auditLog.count({
          where: { entityId: runId, action: 'comparison.export', details: { path: ['format'], equals: 'xlsx' } },
        }),
      ).toBe(1);
    });
  });

  describe('scope', () => {
    it.each([
      ['GET', (id: string) => `/api/v1/comparisons/${id}`],
      ['GET', (id: string) => `/api/v1/comparisons/${id}/findings`],
      ['GET', (id: string) => `/api/v1/comparisons/${id}/export?format=csv`],
    ] as const)('%s %s answers 403 to the 宁化县 officer', async (method, url) => {
      const response = await ctx.app.inject({ method, url: url(runId), headers: ninghua });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
    });

    it('writes no audit record for a refused export', async () => {
      const before = await ctx.db.auditLog.count({ where: { entityId: runId, action: 'comparison.export' } });
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/comparisons/${runId}/export`,
        headers: ninghua,
      });
      expect(response.statusCode).toBe(403);
      expect(await ctx.db.auditLog.count({ where: { entityId: runId, action: 'comparison.export' } })).toBe(before);
    });

    it('leaves other regions’ runs out of the list, and compares only the officer’s own registry', async () => {
      const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/comparisons', headers: ninghua });
      expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(runId);
      const own = await post('kind=poverty_office', povertyList(), 'text/csv', ninghua);
      expect(own.statusCode).toBe(201);
      expect(own.json()).toMatchObject({
        regionCode: '350424',
        totals: { matched: 0, outsideScope: 3, byKind: { only_in_external: 0 } },
      });
    });

    it('lets the province officer read the county’s run', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: `/api/v1/comparisons/${runId}`, headers: fujian });
      expect(response.statusCode).toBe(200);
    });

    it('refuses employers on every route', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/comparisons'],
        ['GET', `/api/v1/comparisons/${runId}`],
        ['GET', `/api/v1/comparisons/${runId}/findings`],
        ['GET', `/api/v1/comparisons/${runId}/export`],
      ] as const) {
        expect((await ctx.app.inject({ method, url, headers: employer })).statusCode).toBe(403);
      }
      expect((await post('kind=poverty_office', povertyList(), 'text/csv', employer)).statusCode).toBe(403);
    });

    it('publishes its routes in the OpenAPI document', async () => {
      const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/comparisons',
          '/api/v1/comparisons/{id}',
          '/api/v1/comparisons/{id}/findings',
          '/api/v1/comparisons/{id}/export',
        ]),
      );
    });

    it('answers 401 without a token and 404 for a run that does not exist', async () => {
      expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/comparisons' })).statusCode).toBe(401);
      const missing = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/comparisons/00000000-0000-4000-8000-000000000000',
        headers,
      });
      expect(missing.statusCode).toBe(404);
    });
  });

  describe('pages', () => {
    /** Signs in through the form and answers a cookie header that carries the session. */
    async function signIn(username: string) {
      const form = await ctx.app.inject({ method: 'GET', url: '/login' });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
      const cookie = form.cookies.map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; ');
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/login',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ username, password: TEST_PASSWORD, _csrf: csrf }).toString(),
      });
      const session = response.cookies.find((c) => c.name === 'wb_session')!;
      return `wb_session=${encodeURIComponent(session.value)}`;
    }

    /** Opens the comparisons page: its CSRF token and the session cookie that holds its secret. */
    async function openUploadForm(cookie: string) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/comparisons',
        headers: { cookie, accept: 'text/html' },
      });
      expect(response.statusCode).toBe(200);
      const csrf = /action="\/comparisons\?_csrf=([^"]+)"/.exec(response.body)![1]!.replaceAll('&#x3D;', '=');
      const session = response.cookies.find((c) => c.name === 'wb_session');
      return {
        url: `/comparisons?_csrf=${encodeURIComponent(csrf)}`,
        cookie: session ? `wb_session=${encodeURIComponent(session.value)}` : cookie,
        body: response.body,
      };
    }

    let cookie: string;
    beforeAll(async () => {
      cookie = await signIn(officer.user.username);
    });

    it('shows the upload form and the runs of the region', async () => {
      const form = await openUploadForm(cookie);
      expect(form.body).toContain('enctype="multipart/form-data"');
      expect(form.body).toContain('信息共享比对');
      expect(form.body).toContain(`/comparisons/${runId}`);
    });

    it('re-renders the form with 422 and the limit in Chinese for a shared-strings bomb', async () => {
      const form = await openUploadForm(cookie);
      const { payload, contentType } = multipart(
        { kind: 'poverty_office' },
        { name: '名单.xlsx', type: XLSX, content: await sharedStringsBombXlsx(150) },
      );
      const response = await ctx.app.inject({
        method: 'POST',
        url: form.url,
        headers: { cookie: form.cookie, 'content-type': contentType, accept: 'text/html' },
        payload,
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('表格中的文字解压后超过 32 MB（每个文件的上限）');
    });

    it('uploads a list through the form and redirects to its report', async () => {
      const form = await openUploadForm(cookie);
      const { payload, contentType } = multipart(
        { kind: 'poverty_office' },
        { name: '扶贫办.csv', type: 'text/csv', content: povertyList() },
      );
      const response = await ctx.app.inject({
        method: 'POST',
        url: form.url,
        headers: { cookie: form.cookie, 'content-type': contentType, accept: 'text/html' },
        payload,
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/^\/comparisons\/[0-9a-f-]{36}$/);
      const report = await ctx.app.inject({
        method: 'GET',
        url: response.headers.location as string,
        headers: { cookie: form.cookie, accept: 'text/html' },
      });
      expect(report.statusCode).toBe(200);
      expect(report.body).toContain('扶贫部门数据比对报告');
      expect(report.body).toContain('<meter');
      expect(report.body).toContain('钟秀兰');
      expect(report.body).toContain(people.idle.idNumberMasked);
      expect(report.body).not.toContain(people.idle.idNumber);
      expect(report.body).not.toMatch(/style=/);
    });

    it('re-renders the form with 422 and field errors for a missing kind or file', async () => {
      const form = await openUploadForm(cookie);
      const { payload, contentType } = multipart(
        { kind: '' },
        { name: '', type: 'application/octet-stream', content: Buffer.alloc(0) },
      );
      const response = await ctx.app.inject({
        method: 'POST',
        url: form.url,
        headers: { cookie: form.cookie, 'content-type': contentType, accept: 'text/html' },
        payload,
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('请选择名单类型');
      expect(response.body).toContain('请选择要上传的 CSV 或 XLSX 文件');
    });

    it('re-renders with the reason when the list cannot be used', async () => {
      const form = await openUploadForm(cookie);
      const { payload, contentType } = multipart(
        { kind: 'social_insurance' },
        { name: 'x.csv', type: 'text/csv', content: csvFile(['姓名', '身份证号'], [['甲', makeIdNumber()]]) },
      );
      const response = await ctx.app.inject({
        method: 'POST',
        url: form.url,
        headers: { cookie: form.cookie, 'content-type': contentType, accept: 'text/html' },
        payload,
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('社保参保名单需要');
    });

    it('refuses an upload without the CSRF token', async () => {
      const { payload, contentType } = multipart(
        { kind: 'poverty_office' },
        { name: 'x.csv', type: 'text/csv', content: povertyList() },
      );
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/comparisons',
        headers: { cookie, 'content-type': contentType, accept: 'text/html' },
        payload,
      });
      expect(response.statusCode).toBe(403);
    });

    it('filters the report by kind and exports from the page, audited', async () => {
      const page = await ctx.app.inject({
        method: 'GET',
        url: `/comparisons/${runId}?kind=only_in_registry`,
        headers: { cookie, accept: 'text/html' },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('邱永兴');
      expect(page.body).not.toContain('黄小梅</th>');
      const before = await ctx.db.auditLog.count({ where: { entityId: runId, action: 'comparison.export' } });
      const file = await ctx.app.inject({
        method: 'GET',
        url: `/comparisons/${runId}/export?format=csv&kind=only_in_registry`,
        headers: { cookie },
      });
      expect(file.statusCode).toBe(200);
      expect(file.body).toContain('邱永兴');
      expect(await ctx.db.auditLog.count({ where: { entityId: runId, action: 'comparison.export' } })).toBe(before + 1);
    });

    it('refuses the report, its export and the list page outside the officer’s region or role', async () => {
      const other = await signIn('cmp.ninghua');
      for (const url of [`/comparisons/${runId}`, `/comparisons/${runId}/export?format=csv`]) {
        const response = await ctx.app.inject({ method: 'GET', url, headers: { cookie: other, accept: 'text/html' } });
        expect(response.statusCode).toBe(403);
      }
      const employerCookie = await signIn('cmp.employer');
      const list = await ctx.app.inject({
        method: 'GET',
        url: '/comparisons',
        headers: { cookie: employerCookie, accept: 'text/html' },
      });
      expect(list.statusCode).toBe(403);
    });
  });
});
