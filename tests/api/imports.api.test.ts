import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { hugeCellCsv, sharedStringsBombXlsx } from '../fixtures/hostile-files.ts';
import { csvFile, personRow, xlsxFile } from '../fixtures/imports/files.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo, TEST_PASSWORD } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = Record<string, string>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----wb${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('imports API and pages', () => {
  let ctx: TestContext;
  let changting: Headers;
  let ninghua: Headers;
  let fujian: Headers;
  let employer: Headers;
  let pii: PiiCipher;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua.imports' });
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua.imports');
    fujian = await bearer(ctx, 'officer.fujian');
    employer = await bearer(ctx, 'employer.demo');
    pii = new PiiCipher(ctx.config.piiKey);
  });
  afterAll(() => ctx.close());

  const upload = (headers: Headers, content: Buffer, query: string, type = 'text/csv') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/imports?${query}`,
      headers: { ...headers, 'content-type': type },
      payload: content,
    });
  const get = (headers: Headers, url: string) => ctx.app.inject({ method: 'GET', url, headers });

  async function importNow(content: Buffer, fileName = 'list.csv', type = 'text/csv', headers = changting) {
    const response = await upload(headers, content, `fileName=${encodeURIComponent(fileName)}&wait=true`, type);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  describe('running an import', () => {
    it('answers 202 at once and finishes in the background', async () => {
      const response = await upload(changting, csvFile([personRow(), personRow()]), 'fileName=background.csv');
      expect(response.statusCode).toBe(202);
      const job = response.json();
      expect(['pending', 'running', 'completed']).toContain(job.status);
      let current = job;
      for (let i = 0; i < 100 && current.status !== 'completed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        current = (await get(changting, `/api/v1/imports/${job.id}`)).json();
      }
      expect(current).toMatchObject({ status: 'completed', createdCount: 2, progress: 100, processedRows: 2 });
    });

    it('imports XLSX sent with its content type', async () => {
      const job = await importNow(await xlsxFile([personRow()]), 'survey.xlsx', XLSX);
      expect(job).toMatchObject({ status: 'completed', createdCount: 1, fileName: 'survey.xlsx' });
    });

    it('refuses a request without a file, or of another content type', async () => {
      const empty = await ctx.app.inject({ method: 'POST', url: '/api/v1/imports?fileName=x.csv', headers: changting });
      expect(empty.statusCode).toBe(400);
      const json = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/imports?fileName=x.csv',
        headers: changting,
        payload: { rows: [] },
      });
      expect(json.statusCode).toBe(400);
      const pdf = await upload(changting, Buffer.from('%PDF'), 'fileName=x.pdf', 'application/pdf');
      expect(pdf.statusCode).toBe(415);
    });

    it('is for officers only', async () => {
      expect((await upload(employer, csvFile([personRow()]), 'fileName=x.csv')).statusCode).toBe(403);
      expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/imports' })).statusCode).toBe(401);
    });
  });

  describe('upload limits', () => {
    const jobCount = async () => (await get(changting, '/api/v1/imports')).json().total as number;

    it('answers 400 naming the limit for a 30 MB single-cell CSV, and starts no job', async () => {
      const before = await jobCount();
      const response = await upload(changting, hugeCellCsv(30), 'fileName=cell.csv');
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'file', code: 'row_too_long' })]);
      expect(response.json().message).toMatch(/Row 2: .*262,144 bytes/);
      expect(await jobCount()).toBe(before);
    });

    it('answers 400 for an XLSX of 0.5 MB whose shared strings inflate to 150 MB', async () => {
      const response = await upload(changting, await sharedStringsBombXlsx(150), 'fileName=bomb.xlsx', XLSX);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([
        expect.objectContaining({ field: 'file', code: 'shared_strings_too_large' }),
      ]);
    });
  });

  describe('issues and the error report', () => {
    it('lists issues with English and Chinese reasons and downloads the report, audited', async () => {
      const bad = personRow({ 身份证号: '350821198605120017', 联系电话: '0597-123' });
      const job = await importNow(csvFile([personRow(), bad]), '长汀县.csv');
      expect(job).toMatchObject({ createdCount: 1, errorCount: 1 });

      const issues = await get(changting, `/api/v1/imports/${job.id}/issues?pageSize=1`);
      expect(issues.statusCode).toBe(200);
      expect(issues.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(issues.json().items[0]).toMatchObject({
        rowNumber: 3,
        column: '身份证号',
        value: '350821********0017',
        code: 'id_checksum',
        reason: expect.stringMatching(/check character/),
        reasonZh: expect.stringContaining('校验位'),
      });

      const report = await get(changting, `/api/v1/imports/${job.id}/error-report?format=csv`);
      expect(report.statusCode).toBe(200);
      expect(report.headers['content-type']).toMatch(/text\/csv/);
      expect(report.headers['content-disposition']).toContain(encodeURIComponent('长汀县-错误报告.csv'));
      const lines = report.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      expect(lines[0]).toBe('行号,列,值,原因');
      expect(lines).toContain(
        `3,身份证号,350821********0017,${'身份证号最后一位（校验位）不对，请检查是否有输错的数字'}`,
      );
      expect(lines.some((line) => line.startsWith('3,联系电话,059****-123,'))).toBe(true);
      expect(report.body).not.toContain('350821198605120017');
      const audit = await ctx.db.auditLog.findFirst({
        where: { action: 'import.error_report', entityId: job.id },
        orderBy: { id: 'desc' },
      });
      expect(audit).toMatchObject({ entity: 'import_job', actorRole: 'officer' });

      const xlsx = await get(changting, `/api/v1/imports/${job.id}/error-report?format=xlsx`);
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, '行号', '列', '值', '原因']);
    });
  });

  describe('sources', () => {
    it('creates, lists and changes a source of the officer’s region', async () => {
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/imports/sources',
        headers: changting,
        payload: { name: '长汀县扶贫办', kind: 'poverty_office', mapping: { idNumber: '证件号码（18位）' } },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ regionCode: '350821', mapping: { idNumber: '证件号码（18位）' } });
      const again = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/imports/sources',
        headers: changting,
        payload: { name: '长汀县扶贫办', kind: 'poverty_office' },
      });
      expect(again.statusCode).toBe(409);
      const badMapping = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/imports/sources',
        headers: changting,
        payload: { name: '乱映射', kind: 'poverty_office', mapping: { name: '姓名', phone: '姓名' } },
      });
      expect(badMapping.statusCode).toBe(400);
      const patched = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/imports/sources/${created.json().id}`,
        headers: changting,
        payload: { kind: 'household_survey' },
      });
      expect(patched.json()).toMatchObject({ kind: 'household_survey' });
      const listed = (await get(fujian, '/api/v1/imports/sources')).json().items;
      expect(listed.map((s: { name: string }) => s.name)).toContain('长汀县扶贫办');
      expect((await get(ninghua, '/api/v1/imports/sources')).json().items).toEqual([]);
      const fields = (await get(changting, '/api/v1/imports/fields')).json().items;
      expect(fields).toContainEqual({
        field: 'idNumber',
        required: true,
        headers: expect.arrayContaining(['公民身份号码']),
      });
    });
  });

  describe('duplicates', () => {
    it('lists held rows and resolves them', async () => {
      const row = personRow();
      await importNow(csvFile([row]));
      const job = await importNow(csvFile([{ ...row, 姓名: '周杰' }]));
      const flags = await get(changting, `/api/v1/imports/${job.id}/duplicates?resolution=pending`);
      expect(flags.statusCode).toBe(200);
      const [flag] = flags.json().items;
      expect(flag).toMatchObject({
        code: 'same_id_different_name',
        existing: { name: row.姓名 },
        incoming: { name: '周杰' },
      });
      const url = `/api/v1/imports/${job.id}/duplicates/${flag.id}`;
      const refused = await ctx.app.inject({
        method: 'POST',
        url,
        headers: changting,
        payload: { resolution: 'distinct_people' },
      });
      expect(refused.statusCode).toBe(409);
      const resolved = await ctx.app.inject({
        method: 'POST',
        url,
        headers: changting,
        payload: { resolution: 'use_incoming' },
      });
      expect(resolved.statusCode).toBe(200);
      expect(resolved.json()).toMatchObject({ resolution: 'use_incoming' });
      const person = await ctx.db.labourer.findUnique({ where: { idNumberHash: pii.hash(row.身份证号!) } });
      expect(person?.name).toBe('周杰');
    });
  });

  describe('region scope', () => {
    it('answers 403 on every route of another county’s job and source', async () => {
      const job = await importNow(csvFile([personRow(), personRow({ 姓名: '' })]));
      const row = personRow();
      const held = await importNow(csvFile([row, row]));
      const [flag] = (await get(changting, `/api/v1/imports/${held.id}/duplicates`)).json().items;
      const source = (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/v1/imports/sources',
          headers: changting,
          payload: { name: '长汀县摸底', kind: 'household_survey' },
        })
      ).json();
      const attempts = [
        get(ninghua, `/api/v1/imports/${job.id}`),
        get(ninghua, `/api/v1/imports/${job.id}/issues`),
        get(ninghua, `/api/v1/imports/${job.id}/error-report?format=csv`),
        get(ninghua, `/api/v1/imports/${held.id}/duplicates`),
        ctx.app.inject({
          method: 'POST',
          url: `/api/v1/imports/${held.id}/duplicates/${flag.id}`,
          headers: ninghua,
          payload: { resolution: 'keep_existing' },
        }),
        ctx.app.inject({
          method: 'PATCH',
          url: `/api/v1/imports/sources/${source.id}`,
          headers: ninghua,
          payload: { name: '宁化' },
        }),
        upload(ninghua, csvFile([personRow()]), `fileName=x.csv&sourceId=${source.id}`),
        ctx.app.inject({
          method: 'POST',
          url: '/api/v1/imports/sources',
          headers: ninghua,
          payload: { name: '越界', kind: 'poverty_office', regionCode: '350821' },
        }),
      ];
      for (const response of await Promise.all(attempts)) expect(response.statusCode).toBe(403);
      expect((await get(fujian, `/api/v1/imports/${job.id}`)).statusCode).toBe(200);
      const listed = (await get(ninghua, '/api/v1/imports')).json();
      expect(listed.items.map((j: { id: string }) => j.id)).not.toContain(job.id);
    });

    it('does not import rows of another county and reports them', async () => {
      const job = await importNow(
        csvFile([personRow({ 户籍地址区划代码: '350821100201' })]),
        'x.csv',
        'text/csv',
        ninghua,
      );
      expect(job).toMatchObject({ createdCount: 0, errorCount: 1 });
      const [issue] = (await get(ninghua, `/api/v1/imports/${job.id}/issues`)).json().items;
      expect(issue).toMatchObject({ code: 'out_of_scope', column: '户籍地址区划代码' });
    });
  });

  describe('pages', () => {
    /** A browser without JavaScript: keeps the cookies the server sets (the session carries the CSRF secret). */
    async function signIn(username: string) {
      const jar = new Map<string, string>();
      const cookie = () => [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
      const request = async (options: {
        method?: 'GET' | 'POST';
        url: string;
        headers?: Headers;
        payload?: string | Buffer;
      }) => {
        const response = await ctx.app.inject({
          method: options.method ?? 'GET',
          url: options.url,
          headers: { accept: 'text/html', cookie: cookie(), ...options.headers },
          ...(options.payload === undefined ? {} : { payload: options.payload }),
        });
        for (const c of response.cookies) jar.set(c.name, c.value);
        return response;
      };
      const form = await request({ url: '/login' });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
      const login = await request({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ username, password: TEST_PASSWORD, _csrf: csrf }).toString(),
      });
      expect(login.statusCode).toBe(303);
      return request;
    }

    it('uploads through the form, shows the job and resolves a duplicate with a button', async () => {
      const browser = await signIn('officer.changting');
      const list = await browser({ url: '/imports' });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain("enctype='multipart/form-data'");
      expect(list.body).toContain('批量导入');
      const action = /action='(\/imports\?_csrf=[^']+)'/.exec(list.body)![1]!;

      const row = personRow();
      const form = multipart(
        { sourceId: '', kind: 'household_survey' },
        { name: '河田镇摸底.csv', content: csvFile([row, row, personRow({ 技能: '魔法' })]), type: 'text/csv' },
      );
      const posted = await browser({
        method: 'POST',
        url: action,
        headers: { 'content-type': form.contentType },
        payload: form.payload,
      });
      expect(posted.statusCode).toBe(303);
      const jobUrl = posted.headers.location as string;
      expect(jobUrl).toMatch(/^\/imports\/[0-9a-f-]{36}$/);

      let page = await browser({ url: jobUrl });
      for (let i = 0; i < 100 && page.body.includes("http-equiv='refresh'"); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        page = await browser({ url: jobUrl });
      }
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('河田镇摸底.csv');
      expect(page.body).toContain('摸底调查');
      expect(page.body).toContain('不是技能目录中的技能名称或代码');
      expect(page.body).toContain('error-report?format=csv');
      expect(page.body).toContain('同一身份证号在文件中出现多次');

      const resolveAction = /action='(\/imports\/[^']+\/duplicates\/[^']+)'/.exec(page.body)![1]!;
      const csrf = /name='_csrf' value='([^']+)'/.exec(page.body)![1]!;
      const resolved = await browser({
        method: 'POST',
        url: resolveAction,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, resolution: 'use_incoming' }).toString(),
      });
      expect(resolved.statusCode).toBe(303);
      expect(await ctx.db.labourer.findUnique({ where: { idNumberHash: pii.hash(row.身份证号!) } })).not.toBeNull();

      const english = await browser({ url: `${jobUrl}?lang=en` });
      expect(english.body).toContain('Household survey');
      expect(english.body).toContain('Not a skill name or code of the taxonomy');
    });

    it('re-renders the upload form with 422 and the limit in Chinese for a file over a limit', async () => {
      const browser = await signIn('officer.changting');
      const list = await browser({ url: '/imports' });
      const action = /action='(\/imports\?_csrf=[^']+)'/.exec(list.body)![1]!;
      const form = multipart(
        { sourceId: '', kind: 'household_survey' },
        {
          name: '摸底.csv',
          content: Buffer.from(`姓名,身份证号\n张三,${'汀'.repeat(40_000)}\n`),
          type: 'text/csv',
        },
      );
      const posted = await browser({
        method: 'POST',
        url: action,
        headers: { 'content-type': form.contentType },
        payload: form.payload,
      });
      expect(posted.statusCode).toBe(422);
      expect(posted.body).toContain('有单元格超过 32,767 个字符（每个单元格的上限）');
    });

    it('refreshes itself while a job runs', async () => {
      const browser = await signIn('officer.changting');
      const job = await ctx.db.importJob.create({
        data: {
          kind: 'poverty_office',
          fileName: 'running.csv',
          fileHash: 'x',
          regionCode: '350821',
          status: 'running',
          totalRows: 10,
          processedRows: 4,
        },
      });
      const page = await browser({ url: `/imports/${job.id}` });
      expect(page.body).toContain("<meta http-equiv='refresh' content='2'>");
      expect(page.headers.refresh).toBe('2');
      expect(page.body).toContain("<progress id='progress' max='100' value='40'>");
    });

    it('refuses another county’s job page and an upload without the token', async () => {
      const job = await importNow(csvFile([personRow()]));
      const browser = await signIn('officer.ninghua.imports');
      expect((await browser({ url: `/imports/${job.id}` })).statusCode).toBe(403);
      await browser({ url: '/imports' });
      const form = multipart(
        { kind: 'poverty_office' },
        { name: 'a.csv', content: csvFile([personRow()]), type: 'text/csv' },
      );
      const posted = await browser({
        method: 'POST',
        url: '/imports',
        headers: { 'content-type': form.contentType },
        payload: form.payload,
      });
      expect(posted.statusCode).toBe(403);
    });

    it('saves a source from the form and re-renders it with errors', async () => {
      const browser = await signIn('officer.changting');
      const pageForm = await browser({ url: '/imports/sources' });
      expect(pageForm.statusCode).toBe(200);
      const csrf = /name='_csrf' value='([^']+)'/.exec(pageForm.body)![1]!;
      const post = (fields: Record<string, string>) =>
        browser({
          method: 'POST',
          url: '/imports/sources',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const invalid = await post({
        name: 'x',
        kind: 'poverty_office',
        'mapping.name': '姓名',
        'mapping.phone': '姓名',
      });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.body).toContain('请填写 2-60 个字的来源名称');
      expect(invalid.body).toContain('两个字段不能对应同一列');
      const saved = await post({ name: '童坊镇摸底表', kind: 'household_survey', 'mapping.name': '劳动力姓名' });
      expect(saved.statusCode).toBe(303);
      const sources = (await get(changting, '/api/v1/imports/sources')).json().items;
      expect(sources).toContainEqual(
        expect.objectContaining({ name: '童坊镇摸底表', mapping: { name: '劳动力姓名' } }),
      );
      const edit = await browser({
        url: `/imports/sources/${sources.find((s: { name: string }) => s.name === '童坊镇摸底表').id}`,
      });
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain("value='劳动力姓名'");
    });

    it("offers an administrator the cities and counties to choose a source's region from", async () => {
      const browser = await signIn('admin');
      const pageForm = await browser({ url: '/imports/sources' });
      expect(pageForm.body).toMatch(/<select id="regionCode" name="regionCode" required\s*>/);
      expect(pageForm.body).toContain('<option value="3508" >龙岩市（全市）</option>');
      expect(pageForm.body).toContain('<option value="350821" >长汀县</option>');
      expect(pageForm.body).not.toContain("inputmode='numeric'");
      const csrf = /name='_csrf' value='([^']+)'/.exec(pageForm.body)![1]!;
      const post = (fields: Record<string, string>) =>
        browser({
          method: 'POST',
          url: '/imports/sources',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const unchosen = await post({ name: '龙岩市扶贫办名单', kind: 'poverty_office', regionCode: '' });
      expect(unchosen.statusCode).toBe(422);
      expect(unchosen.body).toContain("<p class='field-error' id='regionCode-error' role='alert'>请选择地区</p>");
      const saved = await post({ name: '龙岩市扶贫办名单', kind: 'poverty_office', regionCode: '3508' });
      expect(saved.statusCode).toBe(303);
    });
  });
});
