import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher, storedPhone } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { seedSmallDemo } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('notifications pages (no JavaScript)', () => {
  let ctx: TestContext;
  let labourerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    labourerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } })).labourerId!;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const badge = (html: string) => /id='unread-badge' data-count='(\d+)'/.exec(html)?.[1];

  it('shows the unread count in every page header and the inbox, and marks read by forms', async () => {
    await ctx.app.notifier.notify([
      {
        labourerId,
        kind: 'interview_invitation',
        title: '面试通知：包装工',
        body: '周一上午九点',
        link: '/applications',
      },
      { labourerId, kind: 'matched_job', title: '为您推荐：电子厂普工', body: '月薪4000–5500元' },
    ]);
    const page = await new PageClient(ctx).signIn('labourer.demo');
    const home = await page.get('/');
    expect(badge(home.body)).toBe('2');
    expect(home.body).toMatch(/src='\/static\/js\/notifications\.js\?v=[0-9a-f]{12}'/);

    const inbox = await page.get('/notifications');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('面试通知：包装工');
    expect(inbox.body).toContain('未读 2 条');
    const id = /id="notification-(\d+)"/.exec(inbox.body)![1]!;

    const opened = await page.post(`/notifications/${id}/read`, { open: '1', link: '/applications' });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/applications');
    expect(badge((await page.get('/')).body)).toBe('1');

    // A link that leaves the site is never followed.
    const [other] = await ctx.app.notifier.notify([{ labourerId, kind: 'matched_job', title: '外链', body: '.' }]);
    const away = await page.post(`/notifications/${other!.id}/read`, { open: '1', link: '//evil.example' });
    expect(away.headers.location).toBe('/notifications');

    const all = await page.post('/notifications/read-all', {});
    expect(all.headers.location).toBe('/notifications?done=all');
    expect(badge((await page.get('/notifications')).body)).toBe('0');
  });

  it('shows the inbox in English too', async () => {
    const page = await new PageClient(ctx).signIn('labourer.demo');
    const inbox = await page.get('/notifications?lang=en');
    expect(inbox.body).toContain('My messages');
  });

  it('re-renders the preferences form with 422 when only one end of the quiet hours is given', async () => {
    const page = await new PageClient(ctx).signIn('labourer.demo');
    await page.get('/notifications/preferences');
    const bad = await page.post('/notifications/preferences', { smsEnabled: 'on', quietStart: '22:00' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('quietEnd-error');
    const good = await page.post('/notifications/preferences', {
      smsEnabled: 'on',
      smsMuted: ['matched_job', 'fair_invitation'],
      quietStart: '21:00',
      quietEnd: '07:30',
    });
    expect(good.statusCode).toBe(303);
    const user = await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    expect(await ctx.db.notificationPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({
      smsEnabled: true,
      smsMuted: ['matched_job', 'fair_invitation'],
      quietStart: 21 * 60,
      quietEnd: 7 * 60 + 30,
    });
  });

  it('lets an officer send a broadcast by form, and refuses a region outside their scope with 403', async () => {
    const page = await new PageClient(ctx).signIn('officer.changting');
    await page.get('/notifications/broadcasts');
    const outside = await page.post('/notifications/broadcasts', {
      regionCode: '3508',
      roles: 'employer',
      title: '龙岩市通知',
      body: '超出范围的通知',
    });
    expect(outside.statusCode).toBe(403);
    const sent = await page.post('/notifications/broadcasts', {
      regionCode: '350821',
      roles: ['employer', 'officer'],
      title: '用工调查',
      body: '请各单位填报用工需求。',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toMatch(/^\/notifications\/broadcasts\?sent=\d+$/);
    expect((await page.get('/notifications/broadcasts')).body).toContain('用工调查');
  });

  it('lists recorded SMS for admins with masked phones, exports them (audited), and hides them from others', async () => {
    const { phoneEncrypted, phoneHash, phoneMasked } = await ctx.db.labourer.findUniqueOrThrow({
      where: { id: labourerId },
    });
    await ctx.db.labourer.update({
      where: { id: labourerId },
      data: storedPhone(new PiiCipher(ctx.config.piiKey), '13905978888'),
    });
    await ctx.app.notifier.notify([{ labourerId, kind: 'transfer_departure', title: '出行通知', body: '周五8点集合' }]);
    await ctx.db.labourer.update({ where: { id: labourerId }, data: { phoneEncrypted, phoneHash, phoneMasked } });

    const admin = await new PageClient(ctx).signIn('admin');
    const list = await admin.get('/admin/sms');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('139****8888');
    expect(list.body).not.toContain('13905978888');
    const csv = await admin.get('/admin/sms?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('139****8888');
    expect(await ctx.db.auditLog.count({ where: { action: 'sms.export' } })).toBe(1);
    const xlsx = await admin.get('/admin/sms?format=xlsx&status=sent');
    expect(xlsx.statusCode).toBe(200);

    const labourer = await new PageClient(ctx).signIn('labourer.demo');
    expect((await labourer.get('/admin/sms')).statusCode).toBe(403);
    const officer = await bearer(ctx, 'officer.changting');
    expect((await ctx.app.inject({ method: 'GET', url: '/admin/sms', headers: officer })).statusCode).toBe(403);
  });
});
