import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowser, PHONE, RESULTS_DIR, demoAppForFile, signInAs } from './browser.ts';

describe('"My jobs" on a phone', () => {
  const app = demoAppForFile();
  let session: BrowserSession | undefined;

  afterAll(async () => {
    await session?.close();
  });

  it('shows labourer.demo the jobs ranked for them, with reasons in Chinese, without JavaScript', async () => {
    session = await openBrowser({ ...PHONE, javaScriptEnabled: false });
    const page = session.page;
    await signInAs(page, app.running.url, 'labourer.demo');

    await page.goto(`${app.running.url}/my-jobs`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('适合我的工作');
    const cards = page.locator('.match-card');
    expect(await cards.count()).toBeGreaterThan(0);
    const first = cards.first();
    expect(await first.locator('.reason').count()).toBeGreaterThan(0);
    expect(await first.locator('.reason').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await first.getByRole('button', { name: '我要报名' }).isVisible()).toBe(true);
    expect(await first.getByRole('button', { name: '不感兴趣' }).isVisible()).toBe(true);
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'labourer-demo-my-jobs.png') });

    const hidden = await first.getAttribute('id');
    await Promise.all([page.waitForURL(/\/my-jobs\?hidden=/), first.getByRole('button', { name: '不感兴趣' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('不再优先推荐给您');
    // The job sinks below every other match: last on the page, or past its end.
    expect(await page.locator('.match-card').first().getAttribute('id')).not.toBe(hidden);
    const stillShown = page.locator(`#${hidden}`);
    if (await stillShown.count()) {
      expect(await page.locator('.match-card').last().getAttribute('id')).toBe(hidden);
      expect(await stillShown.getByText('您已表示不感兴趣').isVisible()).toBe(true);
    }
  });

  it('gives the county officer the person’s matches with the employers’ phones', async () => {
    await session?.close();
    session = await openBrowser({ ...PHONE, javaScriptEnabled: false });
    const page = session.page;
    await signInAs(page, app.running.url, 'officer.changting');
    const demo = await app.running.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    await page.goto(`${app.running.url}/labourers/${demo.labourerId}/matches`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('的推荐岗位');
    expect(await page.locator('.match-card a[href^="tel:"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'officer-person-matches.png') });
  });
});
