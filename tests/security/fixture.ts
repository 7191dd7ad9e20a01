import { TEST_PASSWORD, seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

export const ACCOUNTS = {
  admin: 'admin',
  officer: 'officer.changting',
  employer: 'employer.demo',
  labourer: 'labourer.demo',
} as const;

export type DemoRole = keyof typeof ACCOUNTS;

let address = 0;
/** A fresh client address for every caller, so one test's sign-ins never use up another's budget. */
export function freshAddress(): string {
  address += 1;
  return `10.77.${Math.floor(address / 250)}.${(address % 250) + 1}`;
}

/** A real app with the small demo province, for the attack tests. */
export async function securityContext(config: Record<string, string> = {}): Promise<TestContext> {
  const ctx = await createTestContext({ config });
  await seedSmallDemo(ctx.db, ctx.config.piiKey);
  return ctx;
}

export async function apiLogin(ctx: TestContext, username: string, options: { ip?: string; password?: string } = {}) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: options.password ?? TEST_PASSWORD },
    remoteAddress: options.ip ?? freshAddress(),
  });
}

export async function bearerOf(ctx: TestContext, username: string): Promise<string> {
  const response = await apiLogin(ctx, username);
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  return `Bearer ${response.json().token}`;
}

export async function pageClientOf(ctx: TestContext, username: string): Promise<PageClient> {
  return new PageClient(ctx).signIn(username);
}
