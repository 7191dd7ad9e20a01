import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuthRule } from '../../services/platform/http/contract.ts';
import type { Role } from '../../services/platform/database/generated/enums.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * A browser sends every field of a GET form, empty ones included: on every route an empty
 * parameter must mean "not given", never a 400 the same request without it would not get.
 */
describe('query strings on every GET route', () => {
  let ctx: TestContext;
  const tokens = new Map<Role, { authorization: string }>();
  beforeAll(async () => {
    ctx = await createTestContext();
    for (const role of ['admin', 'officer', 'employer', 'labourer'] as const) {
      const user = await createUser(ctx.db, { role, regionCode: role === 'officer' ? '35' : undefined });
      tokens.set(role, await bearer(ctx, user.username));
    }
  });
  afterAll(() => ctx.close());

  const headersFor = (rule: AuthRule) =>
    rule.kind === 'public'
      ? {}
      : tokens.get(rule.kind === 'role' && !rule.roles.includes('admin') ? rule.roles[0]! : 'admin')!;

  it('answers a query of all-empty values as it answers no query at all', async () => {
    const routes = ctx.app.routeCatalogue.filter(
      (route) => [route.method].flat().includes('GET') && (route.schema as { querystring?: unknown })?.querystring,
    );
    expect(routes.length).toBeGreaterThan(30);
    const differing: string[] = [];
    for (const route of routes) {
      const schema = (route.schema as { querystring: z.ZodType }).querystring;
      // Every query schema is an object, so its parameter names can be listed (and the test skips none).
      expect(schema, route.url).toBeInstanceOf(z.ZodObject);
      const names = Object.keys((schema as z.ZodObject).shape);
      const path = route.url.replace(/:\w+/g, () => crypto.randomUUID());
      const headers = headersFor((route.config as { auth: AuthRule }).auth);
      const empty = `${path}?${names.map((name) => `${name}=`).join('&')}`;
      const withEmpty = await ctx.app.inject({ method: 'GET', url: empty, headers });
      const without = await ctx.app.inject({ method: 'GET', url: path, headers });
      if (withEmpty.statusCode !== without.statusCode)
        differing.push(
          `${route.url}: ${withEmpty.statusCode} (${withEmpty.body.slice(0, 120)}) against ${without.statusCode}`,
        );
    }
    expect(differing).toEqual([]);
  });
});
