import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { axeViolations } from './walk/axe.ts';
import { probePage } from './walk/page-probe.ts';
import { judgeLayout, judgeText } from './walk/verdict.ts';

/**
 * The walk's in-page checks on pages made to fail them, so a green walk means the site is clean and
 * not that the checks are blind. No app needed: each page is set as content.
 */
describe("the walk's page checks in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Served from a made-up origin rather than set on about:blank, so form actions resolve as on a site.
  const show = async (body: string, lang = 'zh-CN') => {
    await page.route('http://walk.test/', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: html(body, lang) }),
    );
    await page.goto('http://walk.test/');
    await page.unrouteAll();
  };
  const html = (body: string, lang: string) =>
    `<!doctype html><html lang="${lang}"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>检查</title>
      <style>body{margin:0;font:16px sans-serif}.card{border:1px solid #ccc;padding:8px;margin:8px}</style></head>
      <body><main><h1>检查</h1>${body}</main></body></html>`;

  it('finds a page wider than the phone and names the box that makes it so', async () => {
    await show('<p>正常</p><div class="toolbar" style="width:620px">工具栏</div>');
    const probe = await page.evaluate(probePage);
    expect(probe.layout.documentWidth).toBeGreaterThan(390);
    expect(judgeLayout(probe.layout, 390)).toEqual([
      expect.stringMatching(/^scrolls sideways at 390px \(page \d+px wide\): div\.toolbar "工具栏" by 230px$/),
    ]);
  });

  it('leaves a wide table alone when its container scrolls', async () => {
    await show(
      '<div style="overflow-x:auto"><table><tr><td style="min-width:900px">很宽的表格</td></tr></table></div>',
    );
    const probe = await page.evaluate(probePage);
    expect(judgeLayout(probe.layout, 390)).toEqual([]);
  });

  it('finds text and boxes spilling out of their card', async () => {
    await show(
      '<section class="card" style="width:200px"><h2>卡片</h2><p>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</p><div class="badge" style="width:260px">徽章</div></section>',
    );
    const probe = await page.evaluate(probePage);
    const problems = judgeLayout(probe.layout, 1366);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^p "A+" spills \d+px out of its card section\.card/),
        expect.stringMatching(/^div\.badge "徽章" spills \d+px out of its card section\.card/),
      ]),
    );
  });

  it('reads visible text and attributes but not other languages, code or hidden parts', async () => {
    await show(`
      <p>状态：approved</p>
      <a href="?lang=en" lang="en">English</a>
      <p>入场码 <code>KQZTRMWX</code></p>
      <p hidden>Hidden debug text</p>
      <input aria-label="Search jobs" value="undefined">
      <details><summary>更多</summary><p>月薪 NaN 元</p></details>`);
    const probe = await page.evaluate(probePage);
    expect(judgeText(probe)).toEqual([
      'shows "NaN" in "月薪 NaN 元"',
      'shows "undefined" in "undefined"',
      'shows English on a Chinese page: approved, Search, jobs',
    ]);
  });

  it('tells field errors from a form-level banner and lists forms with their fields', async () => {
    await show(`
      <p class="form-error" role="alert">请检查标红的项目</p>
      <form method="post" action="/register"><label for="n">姓名</label><input id="n" name="name" required aria-invalid="true">
      <p class="field-error">请填写姓名</p>
      <select name="regionCode"><option value="">请选择</option><option value="350821">长汀县</option></select>
      <button type="submit">提交</button></form>`);
    const probe = await page.evaluate(probePage);
    expect(probe.banners).toEqual(['请检查标红的项目']);
    expect(probe.fieldErrors).toEqual(['请填写姓名', 'name marked invalid']);
    expect(probe.forms).toHaveLength(1);
    expect(probe.forms[0]).toMatchObject({ method: 'post', action: expect.stringMatching(/\/register$/) });
    expect(probe.forms[0]!.fields.map((f) => [f.name, f.type, f.label])).toEqual([
      ['name', 'text', '姓名'],
      ['regionCode', 'select-one', ''],
      ['', 'submit', ''],
    ]);
  });

  it('runs axe-core in the page and keeps its serious and critical findings', async () => {
    await show('<form><input name="q"></form><p style="color:#bbb;background:#fff">浅灰色的字</p>');
    const found = await axeViolations(page);
    expect(found).toEqual([
      expect.stringMatching(/^axe serious color-contrast: /),
      expect.stringMatching(/^axe critical label: /),
    ]);
  });
});
