import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { bearer } from '../helpers/auth.ts';
import { createVacancy } from '../helpers/applications.ts';
import { seedSmallDemo, TEST_PASSWORD } from '../helpers/factories.ts';
import { inboxOf, openSocket, sync, type NoticeSocket } from '../helpers/notifications-socket.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('live notices over socket.io', () => {
  let ctx: TestContext;
  let url: string;
  let labourerId: string;
  let employerId: string;
  let labourerAuth: { authorization: string };
  const sockets: NoticeSocket[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    const labourer = await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } });
    const employer = await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } });
    labourerId = labourer.labourerId!;
    employerId = employer.employerId!;
    labourerAuth = await bearer(ctx, 'labourer.demo');
    url = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await ctx?.close();
  });

  async function socketFor(authorization: string) {
    const socket = await openSocket(url, authorization);
    sockets.push(socket);
    return socket;
  }

  const notice = (title: string) => ({
    labourerId,
    kind: 'officer_broadcast' as const,
    title,
    body: `${title}的内容`,
    link: '/fairs',
  });

  it('refuses a handshake without a session or token', async () => {
    const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(error.message).toBe('unauthorized');
  });

  it('stores a notice first, then emits it with the unread count to the person’s room', async () => {
    const socket = await socketFor(labourerAuth.authorization);
    const { unread: before } = await sync(socket, null);
    const live = inboxOf(socket);
    const [stored] = await ctx.app.notifier.notify([notice('春风行动招聘会')]);
    const [received] = await live.waitFor(1);
    expect(received!.notification).toMatchObject({ id: stored!.id.toString(), title: '春风行动招聘会', read: false });
    expect(received!.unread).toBe(before + 1);
    const row = await ctx.db.notification.findUniqueOrThrow({ where: { id: stored!.id } });
    expect(row.readAt).toBeNull();
  });

  it('gives a client that was offline what it missed when it syncs on reconnect', async () => {
    const first = await socketFor(labourerAuth.authorization);
    const { lastId } = await sync(first, null);
    expect(lastId).not.toBeNull();
    first.disconnect();

    await ctx.app.notifier.notify([notice('离线时的通知一')]);
    await ctx.app.notifier.notify([notice('离线时的通知二')]);

    const again = await socketFor(labourerAuth.authorization);
    const missed = await sync(again, lastId);
    expect(missed.items.map((item) => item.title)).toEqual(['离线时的通知一', '离线时的通知二']);
    expect(missed.lastId).toBe(missed.items.at(-1)!.id);
    expect((await sync(again, missed.lastId)).items).toEqual([]);
  });

  it('tells every open tab the new count when a notice is read elsewhere', async () => {
    const socket = await socketFor(labourerAuth.authorization);
    const counts: number[] = [];
    socket.on('notification:unread', ({ unread }) => counts.push(unread));
    const [stored] = await ctx.app.notifier.notify([notice('请标为已读')]);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${stored!.id}/read`,
      headers: labourerAuth,
    });
    expect(response.statusCode).toBe(200);
    await expect.poll(() => counts.at(-1)).toBe(response.json().unread);
  });

  it('sends the invited person a live notice when an employer invites them', async () => {
    const socket = await socketFor(labourerAuth.authorization);
    const live = inboxOf(socket);
    const vacancy = await createVacancy(ctx.db, employerId, { title: '竹编工艺工' });
    await ctx.db.labourer.update({ where: { id: labourerId }, data: { consentShowEmployer: true, wantsJob: true } });
    const employer = await bearer(ctx, 'employer.demo');
    const invited = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: employer,
      payload: { vacancyId: vacancy.id, labourerId },
    });
    expect(invited.statusCode).toBe(201);
    const [received] = await live.waitFor(1);
    expect(received!.notification.kind).toBe('application_status');
    expect(received!.notification.title).toContain('竹编工艺工');

    // The person accepts: the employer's accounts hear of the new application.
    const employerSocket = await socketFor(employer.authorization);
    const employerLive = inboxOf(employerSocket);
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${invited.json().id}/transitions`,
      headers: labourerAuth,
      payload: { to: 'applied' },
    });
    expect(accepted.statusCode).toBe(200);
    const [toEmployer] = await employerLive.waitFor(1);
    expect(toEmployer!.notification.title).toBe('新报名：竹编工艺工');
    expect(toEmployer!.notification.body).not.toContain(
      (await ctx.db.labourer.findUniqueOrThrow({ where: { id: labourerId } })).name,
    );

    // The employer schedules an interview: the person gets an interview invitation.
    const interview = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${invited.json().id}/transitions`,
      headers: employer,
      payload: { to: 'interview', interviewAt: '2030-06-01T09:30', interviewPlace: '长汀县汀州镇工业园3号' },
    });
    expect(interview.statusCode).toBe(200);
    const all = await live.waitFor(2);
    expect(all[1]!.notification.kind).toBe('interview_invitation');
    expect(all[1]!.notification.body).toContain('2030-06-01 09:30');
  });
});

/** Signs in through the login form as a browser does and answers the Cookie header it would send. */
async function signInCookie(ctx: TestContext, username: string) {
  const jar = new Map<string, string>();
  const keep = (response: { cookies: Array<{ name: string; value: string }> }) => {
    for (const c of response.cookies) jar.set(c.name, c.value);
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  const form = await ctx.app.inject({ method: 'GET', url: '/login', headers: { accept: 'text/html' } });
  keep(form);
  const csrf = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(form.body)![1]!;
  const login = await ctx.app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: csrf, username, password: TEST_PASSWORD }).toString(),
  });
  expect(login.statusCode).toBe(303);
  keep(login);
  return header();
}

describe('socket.io handshake with the session cookie of a signed-in page', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ skipIndexSetup: true });
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('joins the signed-in user’s room using the wb_session cookie', async () => {
    const cookie = await signInCookie(ctx, 'employer.demo');
    const url = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const live = inboxOf(socket as NoticeSocket);
    const employer = await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } });
    await ctx.app.notifier.notify([
      { userId: employer.id, kind: 'fair_invitation', title: '招聘会邀请', body: '欢迎参加' },
    ]);
    const [received] = await live.waitFor(1);
    expect(received!.notification.title).toBe('招聘会邀请');
    socket.disconnect();
  });
});
