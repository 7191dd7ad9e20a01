import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowser, PHONE, RESULTS_DIR, demoAppForFile, signInAs } from './browser.ts';

const PASSWORD = 'WorkBridge-demo-1';

describe('signing in from a phone browser', () => {
  const app = demoAppForFile();
  let session: BrowserSession | undefined;

  afterAll(async () => {
    await session?.close();
  });

  async function open(options: Parameters<typeof openBrowser>[0] = {}) {
    await session?.close();
    session = await openBrowser({ ...PHONE, ...options });
    return session.page;
  }

  it('signs an officer in through the form and shows the county home in Chinese, then in English', async () => {
    const page = await open();
    await page.goto(`${app.running.url}/login`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByLabel('用户名').fill('officer.changting');
    await page.getByLabel('密码').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${app.running.url}/`), page.getByRole('button', { name: '登录' }).click()]);

    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('长汀县');
    await expect.poll(() => page.getByRole('rowheader', { name: '未就业' }).isVisible()).toBe(true);
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'officer-changting-home.png'), fullPage: true });

    await Promise.all([page.waitForURL(/lang=en/), page.getByRole('link', { name: 'English' }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Employment in Changting County');
    await expect.poll(() => page.getByRole('rowheader', { name: 'Unemployed' }).isVisible()).toBe(true);
  });

  it('answers a wrong password with 401 and the Chinese message, keeping the username', async () => {
    const page = await open();
    await page.goto(`${app.running.url}/login`);
    await page.getByLabel('用户名').fill('officer.changting');
    await page.getByLabel('密码').fill('not-the-password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
      page.getByRole('button', { name: '登录' }).click(),
    ]);
    expect(response.status()).toBe(401);
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('alert').textContent()).toContain('用户名或密码不正确');
    expect(await page.getByLabel('用户名').inputValue()).toBe('officer.changting');
    expect(await page.getByLabel('密码').inputValue()).toBe('');
  });

  it('signs in and out with JavaScript turned off', async () => {
    const page = await open({ javaScriptEnabled: false });
    await signInAs(page, app.running.url, 'labourer.demo');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('您好');
    expect(await page.getByRole('heading', { level: 2, name: '本县在招岗位' }).isVisible()).toBe(true);

    await Promise.all([
      page.waitForURL(`${app.running.url}/login`),
      page.getByRole('button', { name: '退出' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('登录就业桥');
  });
});
