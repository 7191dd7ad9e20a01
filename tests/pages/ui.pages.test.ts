import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFairsDemo } from '../../prisma/seed/demo-fairs.ts';
import { seedNotificationsDemo } from '../../prisma/seed/demo-notifications.ts';
import { createEmployer, createVacancy } from '../helpers/applications.ts';
import { seedSmallDemo, testPasswordHash } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const VIEWS = path.resolve(import.meta.dirname, '../../web/views');

/** "12月14日" as a person in China reads the date. */
function chinaDay(date: Date): string {
  const china = new Date(date.getTime() + 8 * 3_600_000);
  return `${china.getUTCMonth() + 1}月${china.getUTCDate()}日`;
}

function templates(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? templates(path.join(dir, entry.name))
        : entry.name.endsWith('.hbs')
          ? [path.join(dir, entry.name)]
          : [],
    );
}

/** Issue #14: what the pages offer, read as a browser without JavaScript gets them. */
describe('pages as people use them', () => {
  let ctx: TestContext;
  let labourer: PageClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    const seeded = await seedSmallDemo(ctx.db, ctx.config.piiKey);
    const context = { ...seeded, piiKey: ctx.config.piiKey, log: () => {}, passwordHash: await testPasswordHash() };
    // The order of prisma/seed/prepare.ts: notices name the fairs seeded before them.
    await seedFairsDemo(ctx.db, context);
    await seedNotificationsDemo(ctx.db, context);
    labourer = await new PageClient(ctx).signIn('labourer.demo');
  });
  afterAll(() => ctx.close());

  it('gives a job seeker a big labelled button with an icon for every page they have, on the home page', async () => {
    const home = await labourer.get('/');
    expect(home.statusCode).toBe(200);
    const tiles = /<ul class='home-tiles'>([\s\S]*?)<\/ul>/.exec(home.body)?.[1] ?? '';
    const links = [
      ...tiles.matchAll(/<a class='home-tile' href='([^']+)'>(<svg[\s\S]*?<\/svg>)<span>([^<]+)<\/span><\/a>/g),
    ];
    expect(links.map((m) => [m[1], m[3]])).toEqual([
      ['/my-jobs', '适合我的工作'],
      ['/jobs', '找工作'],
      ['/applications', '我的报名'],
      ['/fairs', '招聘会'],
      ['/me', '我的求职信息'],
      ['/notifications', '消息'],
    ]);
    for (const m of links) expect(m[2]).toContain("aria-hidden='true'");
  });

  it('makes every nearby job card on the home page a link to the job', async () => {
    const person = await ctx.db.labourer.findFirstOrThrow({ where: { user: { username: 'labourer.demo' } } });
    const employer = await createEmployer(ctx.db, { regionCode: person.regionCode.slice(0, 6) });
    await createVacancy(ctx.db, employer.id, { regionCode: person.regionCode.slice(0, 6), title: '竹编工艺工' });
    const home = await labourer.get('/');
    const section = home.body.slice(home.body.indexOf('本县在招岗位'));
    const cards = [...section.matchAll(/<li class='card job'>([\s\S]*?)<\/li>/g)];
    expect(cards.length).toBeGreaterThan(0);
    for (const [, card] of cards) expect(card).toMatch(/^\s*<a class='job-link' href='\/jobs\/[0-9a-f-]{36}'>/);
  });

  it('offers a search box and a count on the groups of choices of /me, hidden until the script shows it', async () => {
    const me = await labourer.get('/me');
    expect(me.statusCode).toBe(200);
    for (const [name, legend] of [
      ['desiredOccupations', '意向工种'],
      ['skills', '我会的技能'],
      ['trainingWishes', '想参加的培训'],
    ]) {
      expect(me.body).toMatch(
        new RegExp(
          `<div class="choices-filter" hidden>\\s*<label for="${name}-filter">查找${legend}</label>\\s*<input type="search" id="${name}-filter"`,
        ),
      );
    }
    expect(me.body).toMatch(
      /<summary><span class="summary-label">[^<]+<\/span><span class="summary-count">\d+ 项<\/span><\/summary>/,
    );
    expect(me.body).toMatch(/<script src="\/static\/js\/choices-filter\.js\?v=[0-9a-f]{12}" defer><\/script>/);
    // The field names the form posts are unchanged.
    expect(me.body).toMatch(/<input type="checkbox" name="skills" value="[^"]+"/);
    expect(me.body).toMatch(/<input type="checkbox" name="desiredOccupations" value="[^"]+"/);
  });

  it('labels the match percentages of a fair ticket', async () => {
    const month = await ctx.db.fair.findFirstOrThrow({ where: { kind: 'employment_assistance_month' } });
    const ticket = await labourer.get(`/fairs/${month.id}/ticket`);
    expect(ticket.statusCode).toBe(200);
    expect(ticket.body).toContain('<span class="badge match-score">匹配度 ');
    expect(ticket.body).not.toMatch(/· \d+%/);
    // An in-person fair: QR code, ID card, printing.
    expect(ticket.body).toContain('class="fair-qr"');
    expect(ticket.body).toContain('请带好身份证');
    expect(ticket.body).toContain('可以打印本页带到现场');
  });

  it('tells a person registered for an online fair neither to bring an ID card, show a QR code at a door nor print', async () => {
    const online = await ctx.db.fair.findFirstOrThrow({ where: { kind: 'online' } });
    await labourer.get(`/fairs/${online.id}`);
    const registered = await labourer.post(`/fairs/${online.id}/register`, {});
    expect(registered.statusCode).toBe(303);
    const ticket = await labourer.get(`/fairs/${online.id}/ticket`);
    expect(ticket.statusCode).toBe(200);
    expect(ticket.body).toContain('线上招聘会，不用去现场');
    expect(ticket.body).not.toContain('class="fair-qr"');
    expect(ticket.body).not.toContain('身份证，入场时出示二维码');
    expect(ticket.body).not.toContain('可以打印本页');
  });

  it('seeds demo notices about fairs that are still to come, with their dates, linking to the fair itself', async () => {
    const user = await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    const notices = await ctx.db.notification.findMany({
      where: { userId: user.id, kind: { in: ['fair_reminder', 'officer_broadcast', 'fair_invitation'] } },
    });
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) {
      const fairId = /^\/fairs\/([0-9a-f-]{36})(\/ticket)?$/.exec(notice.link ?? '')?.[1];
      expect(fairId, `${notice.title}: ${notice.link}`).toBeDefined();
      const fair = await ctx.db.fair.findUniqueOrThrow({ where: { id: fairId } });
      expect(fair.startsAt.getTime()).toBeGreaterThan(Date.now());
      expect(notice.body).toContain(fair.name);
      expect(notice.body).toContain(chinaDay(fair.startsAt));
      expect(notice.body).not.toMatch(/明天|本周/);
      const page = await labourer.get(notice.link!);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(fair.name);
    }
    const employer = await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } });
    const invitations = await ctx.db.notification.findMany({ where: { userId: employer.id, kind: 'fair_invitation' } });
    for (const invitation of invitations) {
      const fair = await ctx.db.fair.findUniqueOrThrow({ where: { id: invitation.link!.split('/')[2] } });
      expect(fair.startsAt.getTime()).toBeGreaterThan(Date.now());
      expect(invitation.body).toContain(chinaDay(fair.startsAt));
    }
  });

  it('groups the counties of the registration form under their cities', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/register', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    const select = /<select id="regionCode"[\s\S]*?<\/select>/.exec(response.body)?.[0] ?? '';
    const groups = [...select.matchAll(/<optgroup label="([^"]+)">([\s\S]*?)<\/optgroup>/g)];
    expect(groups.map((g) => g[1])).toContain('龙岩市');
    expect(groups.length).toBe(9);
    const longyan = groups.find((g) => g[1] === '龙岩市')![2]!;
    expect(longyan).toContain('<option value="350821" >长汀县</option>');
    for (const [, , options] of groups) {
      const codes = [...options!.matchAll(/value="(\d{6})"/g)].map((m) => m[1]!.slice(0, 4));
      expect(new Set(codes).size).toBe(1);
    }
    // No county is left out of a group.
    expect(select.replace(/<optgroup[\s\S]*?<\/optgroup>/g, '')).not.toMatch(/value="\d{6}"/);
  });

  it('links the admin home to the SMS log and names the readiness check instead of showing "/readyz"', async () => {
    const admin = await new PageClient(ctx).signIn('admin');
    const home = await admin.get('/');
    expect(home.body).toContain("<a href='/admin/sms'>短信发送记录</a>");
    expect(home.body).not.toContain('>/readyz<');
    expect(home.body).toMatch(/<a href='\/readyz'>[^<]*系统运行状态/);
  });

  it('serves a small icon at /favicon.ico', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/icon/);
    expect(response.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(response.rawPayload.length).toBeLessThan(10_000);
  });

  it('makes the scrolling table of /admin/sms a focusable, named region', async () => {
    const admin = await new PageClient(ctx).signIn('admin');
    const sms = await admin.get('/admin/sms');
    expect(sms.statusCode).toBe(200);
    expect(sms.body).toContain('<div class="table-wrap" role="region" tabindex="0" aria-label="短信记录">');
  });

  it('gives every scrollable table wrapper of every template a tab stop, a role and a name', () => {
    const wrappers = templates(VIEWS).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/<div class=["']table-wrap["'][^>]*>/g)].map((m) => ({
        file: path.relative(VIEWS, file),
        tag: m[0],
      })),
    );
    expect(wrappers.length).toBeGreaterThan(30);
    for (const { file, tag } of wrappers) {
      expect(tag, file).toMatch(/role=["']region["']/);
      expect(tag, file).toMatch(/tabindex=["']0["']/);
      expect(tag, file).toMatch(/aria-label(ledby)?=["'][^"']+["']/);
    }
  });
});
