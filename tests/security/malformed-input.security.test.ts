import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuthRule } from '../../services/platform/http/contract.ts';
import { csvFile, personRow } from '../fixtures/imports/files.ts';
import type { PageClient } from '../helpers/pages.ts';
import type { TestContext } from '../helpers/test-context.ts';
import { testPasswordHash } from '../helpers/factories.ts';
import { ACCOUNTS, bearerOf, type DemoRole, pageClientOf, securityContext } from './fixture.ts';

const NUL = 'a\u0000b';
/** The demo roles, and a training provider's account (routes only it may call: its own home). */
type Role = DemoRole | 'training_provider';
const ROLE_ORDER: Role[] = ['admin', 'officer', 'employer', 'labourer', 'training_provider'];
const USERNAMES: Record<Role, string> = { ...ACCOUNTS, training_provider: 'provider.attack' };
const PAGE_FIELDS = ['name', 'title', 'username', 'q', 'description'];

interface Target {
  method: string;
  url: string;
  rule: AuthRule;
  api: boolean;
  params: string[];
  query: string[];
  body: string[] | undefined;
}

/** Top-level property names of a zod schema (objects, unions and pipes alike), from its JSON Schema. */
function fieldsOf(schema: unknown): string[] {
  if (!(schema instanceof z.ZodType)) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { properties?: object; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
    for (const key of Object.keys(n.properties ?? {})) names.add(key);
    for (const branch of [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])]) visit(branch);
  };
  visit(json);
  return [...names];
}

/** Every route the app registered, as routes.test.ts walks them (infrastructure routes aside). */
function targets(routes: RouteOptions[]): Target[] {
  const out: Target[] = [];
  for (const route of routes) {
    const config = route.config as { auth?: AuthRule; infrastructure?: boolean } | undefined;
    if (config?.infrastructure || !config?.auth) continue;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const schema = (route.schema ?? {}) as { querystring?: unknown; body?: unknown };
      const api = route.url.startsWith('/api/');
      const hasBody = method !== 'GET';
      out.push({
        method,
        url: route.url,
        rule: config.auth,
        api,
        params: [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!),
        query: api ? [...new Set(['q', ...fieldsOf(schema.querystring)])] : ['q', 'page', 'next'],
        body: hasBody ? (api ? fieldsOf(schema.body) : PAGE_FIELDS) : undefined,
      });
    }
  }
  return out;
}

function callerRole(rule: AuthRule): Role | undefined {
  if (rule.kind === 'public') return undefined;
  if (rule.kind === 'authenticated') return 'admin';
  return ROLE_ORDER.find((role) => rule.roles.includes(role));
}

describe('NUL characters and malformed uploads on every route', () => {
  let ctx: TestContext;
  let routes: Target[];
  const bearers = new Map<Role, string>();
  const pages = new Map<Role, PageClient>();

  beforeAll(async () => {
    ctx = await securityContext();
    const provider = await ctx.db.trainingProvider.create({
      data: {
        name: '攻击测试培训机构',
        kind: 'public_centre',
        regionCode: '350821',
        contactName: '王',
        contactPhone: '13900000000',
      },
    });
    await ctx.db.user.create({
      data: {
        username: USERNAMES.training_provider,
        passwordHash: await testPasswordHash(),
        role: 'training_provider',
        displayName: '攻击测试培训机构',
        regionCode: '350821',
        trainingProviderId: provider.id,
      },
    });
    for (const role of ROLE_ORDER) {
      bearers.set(role, await bearerOf(ctx, USERNAMES[role]));
      pages.set(role, await pageClientOf(ctx, USERNAMES[role]));
    }
    routes = targets(ctx.app.routeCatalogue);
  });
  afterAll(() => ctx.close());

  async function send(target: Target, where: 'query' | 'params' | 'body') {
    const role = callerRole(target.rule);
    const filled = target.url.replace(/:(\w+)/g, () => (where === 'params' ? encodeURIComponent(NUL) : 'x'));
    const search = new URLSearchParams();
    if (where === 'query') for (const name of target.query) search.append(name, NUL);
    const headers: Record<string, string> = {};
    let payload: string | undefined;
    if (target.api) {
      if (role) headers.authorization = bearers.get(role)!;
      if (target.body) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(Object.fromEntries((where === 'body' ? target.body : []).map((name) => [name, NUL])));
      }
    } else {
      const client = role ? pages.get(role)! : undefined;
      headers.accept = 'text/html';
      if (client) headers.cookie = client.cookieHeader();
      if (target.body) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        const form = new URLSearchParams({ _csrf: client?.csrf ?? '' });
        if (where === 'body') for (const name of target.body) form.append(name, NUL);
        payload = form.toString();
      }
    }
    const qs = search.toString();
    return ctx.app.inject({
      method: target.method as 'GET',
      url: `${filled}${qs ? `?${qs}` : ''}`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  function expectRefusal(target: Target, response: Awaited<ReturnType<typeof send>>, fields: string[]) {
    const label = `${target.method} ${target.url}`;
    expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBe(400);
    if (target.api) {
      const body = response.json();
      expect(body, label).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      const named = (body.details as Array<{ field: string }>).map((d) => d.field);
      expect(named, label).toEqual(expect.arrayContaining(fields));
    } else {
      expect(response.headers['content-type'], label).toMatch(/text\/html/);
    }
  }

  it('walks more than a hundred registered routes', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => r.body).length).toBeGreaterThan(40);
  });

  it('answers 400 naming the field to a NUL in the query string of every route', async () => {
    for (const target of routes) expectRefusal(target, await send(target, 'query'), target.query);
  });

  it('answers 400 naming the parameter to a NUL in the path of every route with parameters', async () => {
    for (const target of routes.filter((r) => r.params.length)) {
      expectRefusal(target, await send(target, 'params'), target.params);
    }
  });

  it('answers 400 naming each field to a NUL in every string field of every body', async () => {
    for (const target of routes.filter((r) => r.body?.length)) {
      expectRefusal(target, await send(target, 'body'), target.body!);
    }
  });

  it('refuses the reported cases: registry search, sign-in name, vacancy title', async () => {
    const officer = { authorization: bearers.get('officer')! };
    const search = await ctx.app.inject({ method: 'GET', url: '/api/v1/labourers?q=a%00b', headers: officer });
    expect(search.statusCode).toBe(400);
    expect(search.json().details).toEqual([expect.objectContaining({ field: 'q', in: 'querystring' })]);

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'officer.changting\u0000', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().details).toEqual([expect.objectContaining({ field: 'username', in: 'body' })]);

    const employer = { authorization: bearers.get('employer')! };
    const vacancy = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/vacancies',
      headers: employer,
      payload: { title: '普工\u0000', description: 'x' },
    });
    expect(vacancy.statusCode).toBe(400);
    expect(vacancy.json().details).toEqual([expect.objectContaining({ field: 'title', in: 'body' })]);
  });

  it('re-renders the sign-in form with 4xx for a NUL in the username', async () => {
    const client = pages.get('admin')!;
    const response = await client.post('/login', { username: 'admin\u0000', password: 'x' });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  describe.each(['/imports', '/comparisons'])('upload page %s', (path) => {
    const upload = (contentType: string, body: string) => {
      const client = pages.get('officer')!;
      return ctx.app.inject({
        method: 'POST',
        url: `${path}?_csrf=${encodeURIComponent(client.csrf)}`,
        headers: { cookie: client.cookieHeader(), accept: 'text/html', 'content-type': contentType },
        payload: body,
      });
    };
    const part = (boundary: string) =>
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="kind"',
        '',
        'poverty_office',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="list.csv"',
        'Content-Type: text/csv',
        '',
        '姓名,身份证号',
      ].join('\r\n');

    it('answers a form without a boundary with 4xx', async () => {
      const response = await upload('multipart/form-data', part('x'));
      expect(response.statusCode, response.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    });

    it('answers a truncated form with 4xx', async () => {
      const response = await upload('multipart/form-data; boundary=XyZ', part('XyZ'));
      expect(response.statusCode, response.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    });

    it('answers a NUL in a form field with 4xx', async () => {
      const body = `${part('XyZ').replace('poverty_office', NUL)}\r\n--XyZ--\r\n`;
      const response = await upload('multipart/form-data; boundary=XyZ', body);
      expect(response.statusCode, response.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    });
  });

  it('reports a NUL inside an imported file’s cell as a row problem, not a server fault', async () => {
    const file = csvFile([personRow({ 姓名: '林\u0000秀英' })]);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports?fileName=nul.csv&wait=true',
      headers: { authorization: bearers.get('officer')!, 'content-type': 'text/csv' },
      payload: file,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
  });
});
