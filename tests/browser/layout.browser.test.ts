import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, demoAppForFile, openBrowser, RESULTS_DIR, signInAs } from './browser.ts';

/** The phone of issue #14 and a common laptop. */
const PHONE_390 = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 768 } };

/**
 * What does not fit: the page wider than the screen, or anything inside a card (or a figure tile)
 * reaching past its edges. Content of an element that scrolls on its own (a table wrapper) may be
 * wider than the card: that is what the scroller is for.
 */
async function spills(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`page is ${doc.scrollWidth}px wide in ${doc.clientWidth}px`);
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
    for (const card of Array.from(document.querySelectorAll('.card, .stat, .home-tile'))) {
      const box = card.getBoundingClientRect();
      if (box.width === 0) continue;
      const walker = document.createTreeWalker(card, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node as Element;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        let inner: Element | null = el.parentElement;
        let scrolled = false;
        while (inner && inner !== card) {
          if (scrolls(inner)) scrolled = true;
          inner = inner.parentElement;
        }
        if (scrolled) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1) {
          problems.push(
            `${name(el)} spills ${Math.round(Math.max(box.left - r.left, r.right - box.right))}px out of ${name(card)}`,
          );
        }
      }
    }
    return problems;
  });
}

/** Links of the module menu that a person cannot see without scrolling sideways. */
async function navOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.module-nav a'))
      .filter((a) => {
        const r = a.getBoundingClientRect();
        return r.left < 0 || r.right > window.innerWidth;
      })
      .map((a) => a.textContent ?? ''),
  );
}

async function shoot(page: Page, name: string) {
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `layout-${name}.png`), fullPage: true });
}

describe('pages fit a 390 px phone and a desktop (issue #14)', () => {
  const app = demoAppForFile();
  const sessions: BrowserSession[] = [];
  let monthFairId = '';
  let springFairId = '';

  async function signedIn(username: string | null, options: Parameters<typeof openBrowser>[0]) {
    const session = await openBrowser(options);
    sessions.push(session);
    if (username) await signInAs(session.page, app.running.url, username);
    return session.page;
  }

  beforeAll(async () => {
    const db = app.running.db;
    monthFairId = (await db.fair.findFirstOrThrow({ where: { kind: 'employment_assistance_month' } })).id;
    springFairId = (await db.fair.findFirstOrThrow({ where: { kind: 'spring_breeze' } })).id;
  });

  afterAll(async () => {
    for (const session of sessions) await session.close();
  });

  it('shows a job seeker every menu link and every page without sideways scrolling or spilling on a phone', async () => {
    const page = await signedIn('labourer.demo', PHONE_390);
    for (const url of ['/', '/me', '/my-jobs', '/jobs', '/fairs', '/applications', `/fairs/${monthFairId}/ticket`]) {
      await page.goto(`${app.running.url}${url}`);
      expect(await navOffScreen(page), url).toEqual([]);
      expect(await spills(page), url).toEqual([]);
    }
    await page.goto(`${app.running.url}/`);
    await shoot(page, 'labourer-home-phone');
    // Every labourer page is one tap away from home, by a big labelled button.
    for (const [name, url] of [
      ['适合我的工作', '/my-jobs'],
      ['找工作', '/jobs'],
      ['我的报名', '/applications'],
      ['招聘会', '/fairs'],
      ['我的求职信息', '/me'],
    ] as const) {
      const tile = page.locator('.home-tiles').getByRole('link', { name, exact: true });
      const box = await tile.boundingBox();
      expect(box!.height, name).toBeGreaterThanOrEqual(88);
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(390);
      await Promise.all([page.waitForURL(`${app.running.url}${url}`), tile.click()]);
      await page.goBack();
    }
  });

  it("folds an officer's menu under one 菜单 button on a phone, opening without JavaScript, and shows the row on a desktop", async () => {
    const phone = await signedIn('officer.changting', { ...PHONE_390, javaScriptEnabled: false });
    await phone.goto(`${app.running.url}/labourers`);
    const nav = phone.getByRole('navigation', { name: '功能' });
    // One line, the button, instead of three lines of links.
    expect((await nav.boundingBox())!.height).toBeLessThanOrEqual(60);
    expect(await nav.getByRole('link').count()).toBe(0);
    await nav.getByText('菜单', { exact: true }).click();
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toEqual(
      expect.arrayContaining([
        '首页',
        '工作看板',
        '劳动力台账',
        '招聘会',
        '劳务协作',
        '培训课程',
        '毕业生就业',
        '社会保险',
        '补贴申领',
        '人才与挂钩帮扶',
      ]),
    );
    expect(links).toHaveLength(16);
    expect(await navOffScreen(phone)).toEqual([]);
    await Promise.all([
      phone.waitForURL(`${app.running.url}/fairs`),
      nav.getByRole('link', { name: '招聘会' }).click(),
    ]);

    const desktop = await signedIn('officer.changting', DESKTOP);
    await desktop.goto(`${app.running.url}/labourers`);
    const row = desktop.getByRole('navigation', { name: '功能' });
    expect(await row.getByText('菜单', { exact: true }).isVisible()).toBe(false);
    expect(await row.getByRole('link').allTextContents()).toEqual(links);
  });

  it('keeps both buttons of a "my jobs" card inside the card on a desktop', async () => {
    const page = await signedIn('labourer.demo', DESKTOP);
    await page.goto(`${app.running.url}/my-jobs`);
    expect(await page.locator('.match-card').count()).toBeGreaterThan(0);
    expect(await spills(page)).toEqual([]);
    await shoot(page, 'my-jobs-desktop');
  });

  it('shows that the groups of choices on /me open, and narrows them to what the person types', async () => {
    const page = await signedIn('labourer.demo', PHONE_390);
    await page.goto(`${app.running.url}/me`);
    const skills = page.getByRole('group', { name: '我会的技能' });
    const summary = skills.locator('summary').first();
    // The marker the browser drew was removed by "display: flex"; a drawn plus takes its place.
    expect(await summary.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"+"');
    const search = skills.getByRole('searchbox', { name: '查找我会的技能' });
    await search.fill('焊');
    const visible = await skills.locator('label.check:visible').allTextContents();
    expect(visible.length).toBeGreaterThan(0);
    for (const text of visible) expect(text).toContain('焊');
    expect(await skills.locator('details:visible:not([open])').count()).toBe(0);
    await search.fill('没有这种技能');
    await expect.poll(() => skills.getByText('没有找到，请换个词试试。').isVisible()).toBe(true);
    await search.fill('');
    expect(await skills.locator('details[open]').count()).toBe(
      await skills.locator('details:has(input:checked)').count(),
    );
    expect(await spills(page)).toEqual([]);
  });

  it('lets a phone without JavaScript open a group of choices on /me, with no search box in the way', async () => {
    const page = await signedIn('labourer.demo', { ...PHONE_390, javaScriptEnabled: false });
    await page.goto(`${app.running.url}/me`);
    const skills = page.getByRole('group', { name: '我会的技能' });
    expect(await skills.getByRole('searchbox').count()).toBe(0);
    // By position: a locator of "the first closed group" would move on to the next once this one opens.
    const index = await skills
      .locator('details')
      .evaluateAll((groups) => groups.findIndex((g) => !g.hasAttribute('open')));
    expect(index).toBeGreaterThanOrEqual(0);
    const closed = skills.locator('details').nth(index);
    const firstChoice = closed.locator('label.check').first();
    expect(await firstChoice.isVisible()).toBe(false);
    await closed.locator('summary').click();
    expect(await firstChoice.isVisible()).toBe(true);
  });

  for (const [label, options] of [
    ['phone', PHONE_390],
    ['desktop', DESKTOP],
  ] as const) {
    it(`draws every dashboard chart label whole and inside its chart, with whole dates, on a ${label}`, async () => {
      const page = await signedIn('officer.fujian', options);
      await page.goto(`${app.running.url}/dashboard`);
      await page.locator('[data-chart="cooperation"] svg').waitFor({ state: 'visible', timeout: 30_000 });
      const cut = await page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-chart]')).flatMap((chart) => {
          const box = chart.getBoundingClientRect();
          return Array.from(chart.querySelectorAll('svg text'))
            .filter((text) => {
              const r = text.getBoundingClientRect();
              if (r.width === 0) return false;
              const content = text.textContent ?? '';
              return (
                /\.\.\.|…/.test(content) ||
                r.left < box.left - 1 ||
                r.right > box.right + 1 ||
                r.top < box.top - 1 ||
                r.bottom > box.bottom + 1
              );
            })
            .map((text) => `${chart.getAttribute('data-chart')}: "${text.textContent}"`);
        }),
      );
      expect(cut).toEqual([]);
      // A date box narrower than its own natural width cuts the year off.
      const dates = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLInputElement>('input[type="date"]')).map((input) => {
          const natural = input.cloneNode() as HTMLInputElement;
          natural.style.cssText = 'width:auto;min-width:0;max-width:none;position:absolute;visibility:hidden';
          input.parentElement!.append(natural);
          const need = natural.offsetWidth;
          natural.remove();
          return { id: input.id, width: input.offsetWidth, need };
        }),
      );
      expect(dates.length).toBe(2);
      for (const date of dates) expect(date.width, date.id).toBeGreaterThanOrEqual(date.need);
      expect(await spills(page)).toEqual([]);
      await shoot(page, `dashboard-${label}`);
    });
  }

  it('sets the five figures of a fair’s results as tiles, several to a row', async () => {
    for (const options of [PHONE_390, DESKTOP]) {
      const page = await signedIn('officer.changting', options);
      await page.goto(`${app.running.url}/fairs/${springFairId}/results`);
      const tiles = await page.locator('.stat').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
      expect(tiles.length).toBe(5);
      const rows = new Set(tiles.map((top) => Math.round(top))).size;
      expect(rows).toBeLessThanOrEqual(options === DESKTOP ? 1 : 3);
      expect(await spills(page)).toEqual([]);
    }
  });

  it('fits the registration form, the admin pages and the SMS log on a phone, the log’s table scrolling by keyboard', async () => {
    const visitor = await signedIn(null, PHONE_390);
    await visitor.goto(`${app.running.url}/register`);
    expect(await spills(visitor)).toEqual([]);
    const groups = await visitor
      .locator('#regionCode optgroup')
      .evaluateAll((els) => els.map((el) => el.getAttribute('label')));
    expect(groups).toContain('龙岩市');

    const admin = await signedIn('admin', PHONE_390);
    await admin.goto(`${app.running.url}/`);
    expect(await navOffScreen(admin)).toEqual([]);
    expect(await spills(admin)).toEqual([]);
    await Promise.all([
      admin.waitForURL(`${app.running.url}/admin/sms`),
      admin.getByRole('link', { name: '短信发送记录' }).click(),
    ]);
    expect(await spills(admin)).toEqual([]);
    const scroller = admin.getByRole('region', { name: '短信记录' });
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await admin.locator('#status').focus();
    // Tab from the filter to the scroller, past the button and the two export links.
    for (let i = 0; i < 4; i += 1) await admin.keyboard.press('Tab');
    expect(await scroller.evaluate((el) => el === document.activeElement)).toBe(true);
    await admin.keyboard.press('ArrowRight');
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });
});
