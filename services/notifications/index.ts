import type { FastifyInstance } from 'fastify';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { adminSmsPages } from './admin-sms.pages.ts';
import { createBroadcastsRepository } from './broadcasts.repository.ts';
import { createBroadcastsService } from './broadcasts.service.ts';
import { createDelivery, createWebChannel } from './channels.ts';
import { userRoom } from './events.ts';
import { createInboxService } from './inbox.service.ts';
import { notificationsPages } from './notifications.pages.ts';
import { createNotificationsRepository } from './notifications.repository.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { createPreferencesService } from './preferences.service.ts';
import { attachRealtime, type RealtimeServer } from './realtime.ts';
import { createSmsChannel, providerFor } from './sms.ts';
import { createSmsRepository } from './sms.repository.ts';
import { isApiRoute } from '../platform/http/route-kind.ts';
import { createNotifier, type NotificationDelivery, type Notifier } from './notifier.ts';
import { notificationsJobs } from './notifications.jobs.ts';

import { type ApplicationNotices, createApplicationNotices } from './application-notices.ts';
export type { NotificationDraft, Notifier, NotificationKind } from './notifier.ts';
export type { ApplicationNotices } from './application-notices.ts';
export type { StoredNotification } from './notifier.ts';
export { renderSms } from './sms-templates.ts';
import { createApiTokensRepository, createSessionsRepository } from '../platform/auth/sessions.repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** socket.io, for modules and tests that need the live side directly. */
    realtime: RealtimeServer;
    /** Where modules send notices (tests send through it too). */
    notifier: Notifier;
  }
}

/**
 * Notifications: the inbox (pages and API), live delivery over socket.io (across instances with
 * Redis), SMS with preferences and quiet hours, officers' broadcasts, the admin's SMS record.
 * Not encapsulated: it sets the app's notice delivery and the unread count every page's header shows.
 */
export const notificationsModule: AppModule<CoreDeps, { notifier: Notifier; applicationNotices: ApplicationNotices }> =
  {
    name: 'notifications',
    setUp,
  };

function setUp(deps: CoreDeps) {
  // Modules send notices from the start; live delivery (sockets, SMS) is attached at registration.
  let delivery: NotificationDelivery | undefined;
  const notifier = createNotifier(deps.db, () => delivery);
  // What applicants and employers are told when an application moves (the applications module sends it).
  const applicationNotices = createApplicationNotices(createNotificationsRepository(deps.db), notifier, deps.log);
  return {
    provides: { notifier, applicationNotices },
    jobs: notificationsJobs(deps),
    register: (app: FastifyInstance) => register(app, deps, notifier, (d) => (delivery = d)),
  };
}

async function register(
  app: FastifyInstance,
  deps: CoreDeps,
  notifier: Notifier,
  deliverThrough: (delivery: NotificationDelivery) => void,
) {
  app.decorate('notifier', notifier);
  const repo = createNotificationsRepository(deps.db);
  const smsRepo = createSmsRepository(deps.db);
  // The inbox and the socket server need each other: sync reads the inbox, reads tell the sockets.
  const live: { io?: RealtimeServer } = {};
  const inbox = createInboxService({
    repo,
    unreadChanged: (userId, unread) => live.io?.to(userRoom(userId)).emit('notification:unread', { unread }),
  });
  const io = attachRealtime(app, {
    sessions: createSessionsRepository(deps.db),
    tokens: createApiTokensRepository(deps.db),
    inbox,
    redisUrl: deps.config.redisUrl,
    log: deps.log,
  });
  live.io = io;
  app.decorate('realtime', io);
  const smsDeps = {
    repo: smsRepo,
    pii: deps.pii,
    provider: providerFor(deps.config.sms),
    config: deps.config.sms,
    log: deps.log,
  };
  deliverThrough(createDelivery(repo, [createWebChannel(io, repo), createSmsChannel(smsDeps)], deps.log));

  // The header's unread badge, rendered on the server so it shows without JavaScript.
  app.addHook('preHandler', async (request) => {
    const user = request.user;
    if (!user || isApiRoute(request) || request.routeOptions.config.infrastructure) return;
    Object.assign(user, { unreadCount: await inbox.unreadCount(user) });
  });

  const preferences = createPreferencesService(smsRepo, deps.config.sms);
  const broadcasts = createBroadcastsService({ repo: createBroadcastsRepository(deps.db), notifier });
  await app.register(notificationsRoutes, { inbox, preferences, broadcasts });
  await app.register(notificationsPages, { inbox, preferences, broadcasts, reference: deps.reference });
  await app.register(adminSmsPages, { repo: smsRepo });
}
