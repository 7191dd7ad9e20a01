import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BroadcastsService } from './broadcasts.service.ts';
import type { InboxService } from './inbox.service.ts';
import {
  createBroadcastRoute,
  getPreferencesRoute,
  listBroadcastsRoute,
  listNotificationsRoute,
  markAllReadRoute,
  markReadRoute,
  putPreferencesRoute,
  syncRoute,
  unreadCountRoute,
} from './notifications.contract.ts';
import type { PreferencesService } from './preferences.service.ts';

export interface NotificationsRoutesOptions {
  inbox: InboxService;
  preferences: PreferencesService;
  broadcasts: BroadcastsService;
}

export async function notificationsRoutes(app: FastifyInstance, opts: NotificationsRoutesOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { inbox, preferences, broadcasts } = opts;

  r.route({ ...listNotificationsRoute, handler: (request) => inbox.list(request.user!, request.query) });
  r.route({
    ...unreadCountRoute,
    handler: async (request) => ({ unread: await inbox.unreadCount(request.user!) }),
  });
  r.route({ ...syncRoute, handler: (request) => inbox.sync(request.user!, request.params.afterId) });
  r.route({ ...markAllReadRoute, handler: (request) => inbox.markAllRead(request.user!) });
  r.route({ ...markReadRoute, handler: (request) => inbox.markRead(request.user!, request.params.id) });
  r.route({ ...getPreferencesRoute, handler: (request) => preferences.get(request.user!.id) });
  r.route({ ...putPreferencesRoute, handler: (request) => preferences.save(request.user!.id, request.body) });
  r.route({
    ...createBroadcastRoute,
    handler: async (request, reply) => reply.status(201).send(await broadcasts.create(request.user!, request.body)),
  });
  r.route({ ...listBroadcastsRoute, handler: async (request) => ({ items: await broadcasts.list(request.user!) }) });
}
