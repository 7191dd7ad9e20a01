import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskName } from '../../services/platform/crypto/pii.ts';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import { type BrowserSession, openBrowser, PHONE, RESULTS_DIR, demoAppForFile, signInAs } from './browser.ts';

describe('from a posted job to an application the employer sees', () => {
  const app = demoAppForFile();
  const sessions: BrowserSession[] = [];

  afterAll(async () => {
    for (const session of sessions) await session.close();
  });

  async function browser() {
    const session = await openBrowser(PHONE);
    sessions.push(session);
    return session.page;
  }

  it('an employer registers and posts, an officer verifies, a labourer finds and applies, the employer sees it', async () => {
    // The employer registers itself and posts a job; it stays private until verified.
    const employer = await browser();
    await employer.goto(`${app.running.url}/employers/register`);
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
    await Promise.all([
      employer.waitForURL(`${app.running.url}/`),
      employer.getByRole('button', { name: '注册' }).click(),
    ]);

    await employer.goto(`${app.running.url}/employer/vacancies/new`);
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
    await signInAs(officer, app.running.url, 'officer.changting');
    await officer.goto(`${app.running.url}/employers?verified=false`);
    await officer.getByRole('link', { name: '长汀县涂坊镇竹编扶贫车间' }).click();
    await officer.getByRole('button', { name: '通过审核' }).click();
    await expect.poll(() => officer.locator('dl.facts').textContent()).toContain('已审核');

    // labourer.demo finds the job in search (once the index caught up: the start-up push campaign
    // shares the embedded database with the outbox drain, so this can take tens of seconds) and applies.
    const labourer = await browser();
    await signInAs(labourer, app.running.url, 'labourer.demo');
    await expect
      .poll(
        async () => {
          await labourer.goto(`${app.running.url}/jobs?q=${encodeURIComponent('竹编工艺')}`);
          return labourer.getByRole('link', { name: /竹编工艺工/ }).count();
        },
        { timeout: 60_000, interval: 500 },
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
      await app.running.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' }, include: { labourer: true } })
    ).labourer!.name;
    await employer.goto(`${vacancyUrl}/applicants`);
    const board = await employer.locator('main').textContent();
    expect(board).toContain(maskName(labourerName));
    expect(board).not.toContain(labourerName.length > 1 ? labourerName : '\u0000');
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await employer.screenshot({ path: path.join(RESULTS_DIR, 'employer-applicants-board.png'), fullPage: true });
  });
});
