import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createPerson } from '../helpers/applications.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('notifications API', () => {
  let ctx: TestContext;
  let labourer: { authorization: string };
  let labourerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    labourer = await bearer(ctx, 'labourer.demo');
    labourerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } })).labourerId!;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const get = (url: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url, headers });
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    ctx.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });

  it('lists the caller’s inbox newest first, with notices sent to their labourer profile before they had an account', async () => {
    await ctx.app.notifier.notify(
      ['第一条', '第二条', '第三条'].map((title) => ({
        labourerId,
        kind: 'matched_job' as const,
        title,
        body: '内容',
      })),
    );
    const first = await get('/api/v1/notifications?limit=2', labourer);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((n: { title: string }) => n.title)).toEqual(['第三条', '第二条']);
    expect(page1.unread).toBeGreaterThanOrEqual(3);
    expect(page1.nextCursor).toBe(page1.items[1].id);
    const page2 = (await get(`/api/v1/notifications?limit=2&cursor=${page1.nextCursor}`, labourer)).json();
    expect(page2.items[0].title).toBe('第一条');
  });

  it('needs a signed-in caller', async () => {
    expect((await get('/api/v1/notifications', {})).statusCode).toBe(401);
    expect((await get('/api/v1/notifications/unread-count', {})).statusCode).toBe(401);
  });

  it('marks one notice and then all notices read, and filters unread ones', async () => {
    const [stored] = await ctx.app.notifier.notify([
      { labourerId, kind: 'fair_reminder', title: '明天招聘会', body: '上午九点' },
    ]);
    const before = (await get('/api/v1/notifications/unread-count', labourer)).json().unread;
    const read = await post(`/api/v1/notifications/${stored!.id}/read`, labourer);
    expect(read.statusCode).toBe(200);
    expect(read.json().unread).toBe(before - 1);
    const unreadOnly = (await get('/api/v1/notifications?unread=true&limit=100', labourer)).json();
    expect(unreadOnly.items.some((n: { id: string }) => n.id === stored!.id.toString())).toBe(false);
    const all = await post('/api/v1/notifications/read-all', labourer);
    expect(all.json()).toEqual({ marked: before - 1, unread: 0 });
  });

  it('answers 404 for a notice in someone else’s inbox', async () => {
    const employer = await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } });
    const [theirs] = await ctx.app.notifier.notify([
      { userId: employer.id, kind: 'application_status', title: '新报名', body: '有人报名' },
    ]);
    const response = await post(`/api/v1/notifications/${theirs!.id}/read`, labourer);
    expect(response.statusCode).toBe(404);
    expect((await ctx.db.notification.findUniqueOrThrow({ where: { id: theirs!.id } })).readAt).toBeNull();
  });

  it('returns what arrived after a given notice over HTTP as well', async () => {
    const [mark] = await ctx.app.notifier.notify([{ labourerId, kind: 'matched_job', title: '起点', body: '.' }]);
    await ctx.app.notifier.notify([{ labourerId, kind: 'matched_job', title: '之后', body: '.' }]);
    const response = (await get(`/api/v1/notifications/since/${mark!.id}`, labourer)).json();
    expect(response.items.map((n: { title: string }) => n.title)).toEqual(['之后']);
  });

  describe('broadcasts', () => {
    it('refuses an officer a region outside their scope', async () => {
      const officer = await bearer(ctx, 'officer.changting');
      const response = await post('/api/v1/notifications/broadcasts', officer, {
        regionCode: '3508',
        roles: ['labourer'],
        title: '龙岩市通知',
        body: '超出范围',
      });
      expect(response.statusCode).toBe(403);
      expect(await ctx.db.broadcast.count()).toBe(0);
    });

    it('refuses job seekers and employers', async () => {
      const response = await post('/api/v1/notifications/broadcasts', labourer, {
        regionCode: '350821',
        roles: ['labourer'],
        title: '标题',
        body: '内容',
      });
      expect(response.statusCode).toBe(403);
    });

    it('refuses a link to another site', async () => {
      const officer = await bearer(ctx, 'officer.changting');
      const response = await post('/api/v1/notifications/broadcasts', officer, {
        regionCode: '350821',
        roles: ['labourer'],
        title: '标题',
        body: '内容',
        link: '//evil.example/x',
      });
      expect(response.statusCode).toBe(400);
    });

    it('reaches every labourer of the region, with or without an account, once each', async () => {
      const officer = await bearer(ctx, 'officer.changting');
      const expected = await ctx.db.labourer.count({ where: { regionCode: { startsWith: '350821' }, erasedAt: null } });
      const response = await post('/api/v1/notifications/broadcasts', officer, {
        regionCode: '350821',
        roles: ['labourer'],
        title: '春风行动专场招聘会',
        body: '3月5日上午在长汀县人力资源市场举办，欢迎参加。',
        link: '/fairs',
      });
      expect(response.statusCode).toBe(201);
      const broadcast = response.json();
      expect(broadcast.recipients).toBe(expected);
      expect(await ctx.db.notification.count({ where: { broadcastId: broadcast.id } })).toBe(expected);
      const inbox = (await get('/api/v1/notifications?limit=1', labourer)).json();
      expect(inbox.items[0]).toMatchObject({ kind: 'officer_broadcast', title: '春风行动专场招聘会', link: '/fairs' });
      const outsider = await ctx.db.notification.count({
        where: {
          broadcastId: broadcast.id,
          labourerId: {
            in: (
              await ctx.db.labourer.findMany({
                where: { NOT: { regionCode: { startsWith: '350821' } } },
                select: { id: true },
              })
            ).map((l) => l.id),
          },
        },
      });
      expect(outsider).toBe(0);
      const listed = (await get('/api/v1/notifications/broadcasts', officer)).json();
      expect(listed.items[0].id).toBe(broadcast.id);
    });
  });

  describe('preferences and SMS', () => {
    const pii = () => new PiiCipher(ctx.config.piiKey);

    async function person() {
      const profile = await createPerson(ctx.db, pii());
      const user = await createUser(ctx.db, { role: 'labourer', regionCode: '350821' });
      await ctx.db.user.update({ where: { id: user.id }, data: { labourerId: profile.id } });
      return { profile, user, auth: await bearer(ctx, user.username) };
    }

    const chinaMinutesNow = () => (Math.floor(Date.now() / 60_000) + 480) % 1440;
    const clock = (m: number) => {
      const v = ((m % 1440) + 1440) % 1440;
      return `${String(Math.floor(v / 60)).padStart(2, '0')}:${String(v % 60).padStart(2, '0')}`;
    };

    it('starts from the defaults and saves the person’s choices', async () => {
      const { auth } = await person();
      const defaults = (await get('/api/v1/notifications/preferences', auth)).json();
      expect(defaults).toMatchObject({ smsEnabled: true, smsMuted: [], quietStart: null, quietEnd: null });
      expect(defaults.defaultQuietHours).toEqual({ start: '22:00', end: '07:00' });
      const saved = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/notifications/preferences',
        headers: auth,
        payload: { smsEnabled: true, smsMuted: ['matched_job'], quietStart: '21:30', quietEnd: '06:30' },
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ smsMuted: ['matched_job'], quietStart: '21:30', quietEnd: '06:30' });
      const half = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/notifications/preferences',
        headers: auth,
        payload: { smsEnabled: true, smsMuted: [], quietStart: '21:30', quietEnd: null },
      });
      expect(half.statusCode).toBe(400);
    });

    it('records an SMS with the phone encrypted and masked when the development provider sends it', async () => {
      const { profile, user, auth } = await person();
      // Outside the quiet hours now, whatever the time of the test run.
      const m = chinaMinutesNow();
      await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/notifications/preferences',
        headers: auth,
        payload: { smsEnabled: true, smsMuted: [], quietStart: clock(m + 120), quietEnd: clock(m + 180) },
      });
      const [stored] = await ctx.app.notifier.notify([
        {
          userId: user.id,
          kind: 'interview_invitation',
          title: '面试通知：电子厂普工',
          body: '请于明天上午九点到厂面试。',
        },
      ]);
      const sms = await ctx.db.smsMessage.findFirstOrThrow({ where: { notificationId: stored!.id } });
      expect(sms).toMatchObject({ status: 'sent', provider: 'development', phoneMasked: '139****1234', attempts: 1 });
      expect(sms.labourerId).toBe(profile.id);
      expect(pii().decrypt(sms.phoneEncrypted)).toBe('13905971234');
      expect(sms.phoneEncrypted).not.toContain('13905971234');
      expect(sms.body.startsWith('【就业桥】面试通知：电子厂普工。请于明天')).toBe(true);
      expect(sms.body.length).toBeLessThanOrEqual(70);
    });

    it('holds an SMS in the queue until the person’s quiet hours end', async () => {
      const { user, auth } = await person();
      const m = chinaMinutesNow();
      await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/notifications/preferences',
        headers: auth,
        payload: { smsEnabled: true, smsMuted: [], quietStart: clock(m - 30), quietEnd: clock(m + 60) },
      });
      const [stored] = await ctx.app.notifier.notify([
        { userId: user.id, kind: 'fair_reminder', title: '明天招聘会', body: '九点' },
      ]);
      const sms = await ctx.db.smsMessage.findFirstOrThrow({ where: { notificationId: stored!.id } });
      expect(sms.status).toBe('queued');
      const wait = sms.sendAfter.getTime() - Date.now();
      expect(wait).toBeGreaterThan(58 * 60_000);
      expect(wait).toBeLessThanOrEqual(60 * 60_000);
    });

    it('sends no SMS for a muted kind or to a person who opted out; the inbox keeps the notice', async () => {
      const { user, auth } = await person();
      const put = (payload: object) =>
        ctx.app.inject({ method: 'PUT', url: '/api/v1/notifications/preferences', headers: auth, payload });
      await put({ smsEnabled: true, smsMuted: ['matched_job'], quietStart: null, quietEnd: null });
      const [muted] = await ctx.app.notifier.notify([
        { userId: user.id, kind: 'matched_job', title: '推荐', body: '岗位' },
      ]);
      await put({ smsEnabled: false, smsMuted: [], quietStart: null, quietEnd: null });
      const [optedOut] = await ctx.app.notifier.notify([
        { userId: user.id, kind: 'fair_reminder', title: '提醒', body: '招聘会' },
      ]);
      expect(await ctx.db.smsMessage.count({ where: { notificationId: { in: [muted!.id, optedOut!.id] } } })).toBe(0);
      expect((await get('/api/v1/notifications/unread-count', auth)).json().unread).toBe(2);
    });
  });
});
