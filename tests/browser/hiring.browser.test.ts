import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../services/platform/crypto/pii.ts';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import type { RunningApp } from '../../services/server.ts';
import { type BrowserSession, openBrowser, PHONE, RESULTS_DIR, startDemoApp } from './browser.ts';

const PASSWORD = 'WorkBridge-demo-1';

describe('from a posted job to an application the employer sees', () => {
  let app: Awaited<ReturnType<typeof startDemoApp>>;
  let running: RunningApp;
  const sessions: BrowserSession[] = [];

  beforeAll(async () => {
    app = await startDemoApp();
    running = app.running;
  });

  afterAll(async () => {
    for (const session of sessions) await session.close();
    await app?.stop();
  });

  async function browser() {
    const session = await openBrowser(PHONE);
    sessions.push(session);
    return session.page;
  }

  async function signIn(page: Awaited<ReturnType<typeof browser>>, username: string) {
    await page.goto(`${running.url}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${running.url}/`), page.getByRole('button', { name: '登录' }).click()]);
  }

  it('an employer registers and posts, an officer verifies, a labourer finds and applies, the employer sees it', async () => {
    // The employer registers itself and posts a job; it stays private until verified.
    const employer = await browser();
    await employer.goto(`${running.url}/employers/register`);
    const first17 = '91350821MA2BRT7XY';
    await employer.getByLabel('单位名称').fill('长汀县涂坊镇竹编扶贫车间');
    await employer.getByLabel('统一社会信用代码').fill(first17 + creditCodeCheck(first17));
    await employer.getByLabel('单位类型').selectOption('poverty_workshop');
    await employer.getByLabel('工作地点').selectOption('350821');
    await employer.getByLabel('详细地址').fill('长汀县涂坊镇涂坊村');
    await employer.getByLabel('联系人姓名').fill('涂师傅');
    await employer.getByLabel('联系电话').fill('13905972222');
    await employer.getByLabel('用户名').fill('tufang.zhubian');
    await employer.getByLabel('设置密码（至少8位）').fill('a-good-password');
    await Promise.all([employer.waitForURL(`${running.url}/`), employer.getByRole('button', { name: '注册' }).click()]);

    await employer.goto(`${running.url}/employer/vacancies/new`);
    await employer.getByLabel('岗位名称').fill('竹编工艺工');
    await employer.locator('#occupationCode').selectOption('C14-001');
    await employer.getByLabel('岗位说明').fill('在涂坊镇车间编织竹制工艺品，计件工资，男女不限，有师傅带。');
    await employer.locator('#regionCode').selectOption('350821');
    await employer.getByLabel('月收入下限（元）').fill('2600');
    await employer.getByLabel('月收入上限（元）').fill('3800');
    await employer.getByLabel('招聘人数').fill('6');
    await Promise.all([
      employer.waitForURL(/\/employer\/vacancies\/[0-9a-f-]{36}$/),
      employer.getByRole('button', { name: '保存' }).click(),
    ]);
    const vacancyUrl = employer.url();
    await Promise.all([employer.waitForURL(/saved=1/), employer.getByRole('button', { name: '发布' }).click()]);

    // The officer of 长汀县 verifies the employer.
    const officer = await browser();
    await signIn(officer, 'officer.changting');
    await officer.goto(`${running.url}/employers?verified=false`);
    await officer.getByRole('link', { name: '长汀县涂坊镇竹编扶贫车间' }).click();
    await officer.getByRole('button', { name: '通过审核' }).click();
    await expect.poll(() => officer.locator('dl.facts').textContent()).toContain('已审核');

    // labourer.demo finds the job in search (once the index caught up) and applies.
    const labourer = await browser();
    await signIn(labourer, 'labourer.demo');
    await expect
      .poll(
        async () => {
          await labourer.goto(`${running.url}/jobs?q=${encodeURIComponent('竹编工艺')}`);
          return labourer.getByRole('link', { name: /竹编工艺工/ }).count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    await labourer
      .getByRole('link', { name: /竹编工艺工/ })
      .first()
      .click();
    await labourer.getByRole('button', { name: '我要报名' }).click();
    await labourer.waitForLoadState();

    // The employer sees the application on the board, the applicant's name masked.
    const labourerName = (
      await running.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' }, include: { labourer: true } })
    ).labourer!.name;
    await employer.goto(`${vacancyUrl}/applicants`);
    const board = await employer.locator('main').textContent();
    expect(board).toContain(maskName(labourerName));
    expect(board).not.toContain(labourerName.length > 1 ? labourerName : '\u0000');
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await employer.screenshot({ path: path.join(RESULTS_DIR, 'employer-applicants-board.png'), fullPage: true });
  });
});
