import { expect } from 'vitest';
import type { TestContext } from './test-context.ts';

/**
 * POST /api/v1/pushes/run, then follows the campaign's progress until it has ended. Answers the
 * POST's status and, once it ended, what the campaign did (or the POST's error body).
 */
export async function runCampaign(ctx: Pick<TestContext, 'app'>, headers: { authorization: string }, body = {}) {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/pushes/run', headers, payload: body });
  if (response.statusCode !== 202) return { statusCode: response.statusCode, json: () => response.json() };
  const { campaignId, progressUrl } = response.json() as { campaignId: string; progressUrl: string };
  let campaign: { status: string; considered: number; pushed: number; withoutMatch: number } | undefined;
  await expect
    .poll(
      async () => {
        campaign = (await ctx.app.inject({ method: 'GET', url: progressUrl, headers })).json();
        return campaign!.status;
      },
      { timeout: 60_000, interval: 50 },
    )
    .toMatch(/^(completed|failed)$/);
  const { status, considered, pushed, withoutMatch } = campaign!;
  return {
    statusCode: response.statusCode,
    status,
    json: () => ({ campaignId, considered, pushed, withoutMatch }),
  };
}
