import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowser, PHONE, RESULTS_DIR, demoAppForFile, signInAs } from './browser.ts';

describe('the officer dashboard in a browser', () => {
  const app = demoAppForFile();
  let session: BrowserSession | undefined;

  afterAll(async () => {
    await session?.close();
  });

  async function signIn(options: Parameters<typeof openBrowser>[0]) {
    await session?.close();
    session = await openBrowser(options);
    const page = session.page;
    await signInAs(page, app.running.url, 'officer.fujian');
    return page;
  }

  it('draws the province’s charts with ECharts and drills down to a city', async () => {
    const page = await signIn(PHONE);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.running.url}/dashboard`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('福建省就业扶贫监测');
    // Every chart container gets an SVG drawn by ECharts from the page's JSON block.
    await page.locator('[data-chart="status"] svg').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('[data-chart="trend"] svg path').first().waitFor({ state: 'attached' });
    const drawn = await page.locator('[data-chart] svg').count();
    expect(drawn).toBe(await page.locator('[data-chart]').count());
    expect(errors).toEqual([]);
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'dashboard-province-phone.png'), fullPage: true });

    await Promise.all([
      page.waitForURL(/regionCode=3508/),
      page.getByRole('link', { name: '龙岩市', exact: true }).first().click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('龙岩市');
    await page.locator('[data-chart="counties"] svg').waitFor({ state: 'visible' });
  });

  it('shows the numbers as tables with JavaScript off', async () => {
    const page = await signIn({ ...PHONE, javaScriptEnabled: false });
    await page.goto(`${app.running.url}/dashboard`);
    await expect.poll(() => page.getByRole('rowheader', { name: '省外转移就业' }).first().isVisible()).toBe(true);
    expect(await page.locator('[data-chart] svg').count()).toBe(0);
  });

  it('draws the desktop layout', async () => {
    const page = await signIn({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.running.url}/dashboard`);
    await page.locator('[data-chart="cooperation"] svg').waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'dashboard-province-desktop.png'), fullPage: true });
  });
});
