import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowser, PHONE, RESULTS_DIR, demoAppForFile, signInAs } from './browser.ts';

const FAIR = '就业援助月·长汀县就业困难人员专场招聘会';

describe('checking in at a fair from an officer’s phone', () => {
  const app = demoAppForFile();
  const sessions: BrowserSession[] = [];

  afterAll(async () => {
    for (const session of sessions) await session.close();
  });

  async function signedIn(username: string) {
    const session = await openBrowser(PHONE);
    sessions.push(session);
    const page = session.page;
    await signInAs(page, app.running.url, username);
    return page;
  }

  it('the labourer shows the ticket code, the officer opens the doors and checks them in by typing it', async () => {
    // The demo labourer is registered for the Employment Assistance Month fair: the ticket shows a QR and the code.
    const labourer = await signedIn('labourer.demo');
    await labourer.goto(`${app.running.url}/fairs`);
    await Promise.all([
      labourer.waitForURL(/\/ticket$/),
      labourer.getByRole('link', { name: '查看入场券' }).first().click(),
    ]);
    await expect.poll(() => labourer.locator('.fair-qr svg').count()).toBe(1);
    const code = ((await labourer.locator('.fair-code strong').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^[0-9A-Z]{8}$/);

    // The officer starts the fair from the management page, then opens check-in on the phone.
    const officer = await signedIn('officer.changting');
    await officer.goto(`${app.running.url}/fairs`);
    await Promise.all([
      officer.waitForURL(/\/manage$/),
      officer.getByRole('table').getByRole('link', { name: FAIR }).click(),
    ]);
    await Promise.all([officer.waitForURL(/done=ongoing/), officer.getByRole('button', { name: '开始入场' }).click()]);
    await Promise.all([officer.waitForURL(/\/check-in$/), officer.getByRole('link', { name: '入场签到' }).click()]);
    const width = await officer.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    // Typed as read aloud: lower case with a space in the middle.
    const typed = `${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase();
    await officer.getByLabel('入场码（8位）').fill(typed);
    await officer.getByRole('button', { name: '签到', exact: true }).click();
    await expect.poll(() => officer.getByRole('status').textContent()).toContain('签到成功');
    expect(await officer.getByRole('status').textContent()).toContain(code);
    await expect.poll(() => officer.getByText('已入场 1 人').isVisible()).toBe(true);
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await officer.screenshot({ path: path.join(RESULTS_DIR, 'fair-check-in-phone.png'), fullPage: true });

    // The same code again is recognised, not counted twice.
    await officer.getByLabel('入场码（8位）').fill(code);
    await officer.getByRole('button', { name: '签到', exact: true }).click();
    await expect.poll(() => officer.getByRole('status').textContent()).toContain('此人已经签到过');
    await expect.poll(() => officer.getByText('已入场 1 人').isVisible()).toBe(true);
  });

  it('shows the results of the closed Spring Breeze fair as a table that adds up', async () => {
    const officer = await signedIn('officer.changting');
    await officer.goto(`${app.running.url}/fairs`);
    await Promise.all([
      officer.waitForURL(/\/manage$/),
      officer.getByRole('table').getByRole('link', { name: '春风行动·长汀县返乡人员专场招聘会' }).click(),
    ]);
    await Promise.all([officer.waitForURL(/\/results$/), officer.getByRole('link', { name: '招聘会成效' }).click()]);
    const total = officer.locator('tfoot tr td');
    const [registered, attended, , , , hired30, hired90] = (await total.allTextContents()).map(Number);
    expect(registered).toBeGreaterThan(0);
    expect(registered).toBeGreaterThanOrEqual(attended!);
    expect(attended).toBeGreaterThanOrEqual(hired90!);
    expect(hired90).toBeGreaterThanOrEqual(hired30!);
    expect(hired90).toBeGreaterThan(0);
    await officer.screenshot({ path: path.join(RESULTS_DIR, 'fair-results-phone.png'), fullPage: true });
  });
});
