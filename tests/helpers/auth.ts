import type { TestContext } from './test-context.ts';
import { TEST_PASSWORD } from './factories.ts';

let address = 0;

/** Signs in through the API and answers the Authorization header (each call from its own address). */
export async function bearer(ctx: TestContext, username: string): Promise<{ authorization: string }> {
  address += 1;
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_PASSWORD },
    remoteAddress: `10.1.${Math.floor(address / 250)}.${address % 250}`,
  });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json().token}` };
}
