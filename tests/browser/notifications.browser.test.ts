import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVacancy } from '../helpers/applications.ts';
import { type BrowserSession, openBrowser, PHONE, RESULTS_DIR, demoAppForFile, signInAs } from './browser.ts';

const PASSWORD = 'WorkBridge-demo-1';

describe('the unread badge updates live', () => {
  const app = demoAppForFile();
  let session: BrowserSession | undefined;

  afterAll(async () => {
    await session?.close();
  });

  async function apiLogin(username: string) {
    const response = await fetch(`${app.running.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    return `Bearer ${((await response.json()) as { token: string }).token}`;
  }

  it('the labourer’s badge goes up without a reload when an employer invites them', async () => {
    session = await openBrowser(PHONE);
    const page = session.page;
    await signInAs(page, app.running.url, 'labourer.demo');

    const badge = page.locator('#unread-badge');
    const before = Number(await badge.getAttribute('data-count'));
    expect(before).toBeGreaterThan(0); // the demo inbox has unread notices
    await expect.poll(() => badge.textContent()).toBe(String(before));
    // Remember this very document: a reload would lose the mark.
    await page.evaluate(() => document.body.setAttribute('data-before-invite', 'yes'));
    // The person is looking at the page with the live connection up and caught up.
    await expect.poll(() => page.locator('#messages-link').getAttribute('data-live')).toBe('yes');

    // The employer invites labourer.demo to a new job of theirs through the API.
    const { db } = app.running;
    const labourerUser = await db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    const employerUser = await db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } });
    await db.labourer.update({
      where: { id: labourerUser.labourerId! },
      data: { consentShowEmployer: true, wantsJob: true },
    });
    const vacancy = await createVacancy(db, employerUser.employerId!, { title: '竹编工艺工' });
    const invited = await fetch(`${app.running.url}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await apiLogin('employer.demo') },
      body: JSON.stringify({ vacancyId: vacancy.id, labourerId: labourerUser.labourerId }),
    });
    expect(invited.status).toBe(201);

    await expect.poll(() => badge.getAttribute('data-count'), { timeout: 10_000 }).toBe(String(before + 1));
    expect(await badge.textContent()).toBe(String(before + 1));
    expect(await page.locator('body').getAttribute('data-before-invite')).toBe('yes');
    await expect.poll(() => page.locator('.notification-toast').textContent()).toContain('竹编工艺工');

    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'notifications-live-badge.png'), fullPage: false });

    // The inbox shows the invitation at the top.
    await page.getByRole('link', { name: /消息/ }).first().click();
    await expect.poll(() => page.locator('.notification h2').first().textContent()).toContain('竹编工艺工');
  });
});
