import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { chinaDateTime } from '../platform/time/china-time.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { BroadcastsService } from './broadcasts.service.ts';
import type { InboxService } from './inbox.service.ts';
import {
  BroadcastCreateSchema,
  InboxQuerySchema,
  NOTIFICATION_KINDS,
  PreferencesSchema,
} from './notifications.contract.ts';
import type { PreferencesService } from './preferences.service.ts';

export interface NotificationsPagesOptions {
  inbox: InboxService;
  preferences: PreferencesService;
  broadcasts: BroadcastsService;
  reference: () => Promise<ReferenceNames>;
}

const PAGE_SIZE = 20;

/** Only paths of this site are followed after marking read: a notice never sends anyone away. */
function safeLink(link: string | undefined) {
  return link && /^\/(?!\/)/.test(link) ? link : '/notifications';
}

/** The inbox, the person's notice preferences and an officer's broadcasts. */
export async function notificationsPages(app: FastifyInstance, opts: NotificationsPagesOptions) {
  await inboxPages(app, opts);
  await preferencePages(app, opts);
  await broadcastPages(app, opts);
}

/** The inbox: the list of notices, marking one or all read. */
async function inboxPages(app: FastifyInstance, { inbox }: NotificationsPagesOptions) {
  app.route({
    ...page('GET', '/notifications', auth.signedIn),
    handler: async (request, reply) => {
      const parsed = InboxQuerySchema.safeParse({ ...(request.query as object), limit: PAGE_SIZE });
      const query = parsed.success ? parsed.data : { unread: false, limit: PAGE_SIZE };
      const result = await inbox.list(request.user!, query);
      const done = (request.query as { done?: string }).done;
      const filter = query.unread ? 'unread=true&' : '';
      return reply.page('notifications/inbox', {
        title: translate(request.locale, 'notifications.inbox.title'),
        items: result.items.map((item) => ({
          ...item,
          when: chinaDateTime(new Date(item.createdAt)),
          kindLabel: translate(request.locale, `notifications.kinds.${item.kind}`),
        })),
        unread: result.unread,
        unreadOnly: query.unread,
        next: result.nextCursor ? `/notifications?${filter}cursor=${result.nextCursor}` : null,
        first: 'cursor' in query && query.cursor ? `/notifications?${filter}`.replace(/[?&]$/, '') : null,
        done: done === 'read' || done === 'all' ? done : undefined,
      });
    },
  });

  // Opening a notice marks it read, then follows its link.
  app.route({
    ...page('POST', '/notifications/:id/read', auth.signedIn),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = (request.params as { id: string }).id;
      await inbox.markRead(request.user!, id);
      const body = request.body as FormBody;
      return reply.redirect(field(body, 'open') ? safeLink(field(body, 'link')) : '/notifications?done=read', 303);
    },
  });

  app.route({
    ...page('POST', '/notifications/read-all', auth.signedIn),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      await inbox.markAllRead(request.user!);
      return reply.redirect('/notifications?done=all', 303);
    },
  });
}

/** Which notices come by text message, and the quiet hours. */
async function preferencePages(app: FastifyInstance, { preferences }: NotificationsPagesOptions) {
  async function renderPreferences(
    request: FastifyRequest,
    reply: FastifyReply,
    values: { smsEnabled: boolean; smsMuted: string[]; quietStart: string | null; quietEnd: string | null },
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const current = await preferences.get(request.user!.id);
    return reply.page(
      'notifications/preferences',
      {
        title: translate(request.locale, 'notifications.preferences.title'),
        values,
        kinds: NOTIFICATION_KINDS.map((code) => ({
          code,
          label: translate(request.locale, `notifications.kinds.${code}`),
          muted: values.smsMuted.includes(code),
        })),
        defaultQuietHours: current.defaultQuietHours,
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/notifications/preferences', auth.signedIn),
    handler: async (request, reply) => {
      const current = await preferences.get(request.user!.id);
      const saved = (request.query as { saved?: string }).saved === '1';
      return renderPreferences(request, reply, current, { saved });
    },
  });

  app.route({
    ...page('POST', '/notifications/preferences', auth.signedIn),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const muted = [body.smsMuted ?? []].flat().filter((v): v is string => typeof v === 'string');
      const form = {
        smsEnabled: field(body, 'smsEnabled') === 'on',
        smsMuted: muted,
        quietStart: field(body, 'quietStart') ?? null,
        quietEnd: field(body, 'quietEnd') ?? null,
      };
      try {
        await preferences.save(request.user!.id, parseForm(PreferencesSchema, form));
        return reply.redirect('/notifications/preferences?saved=1', 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderPreferences(request, reply, form, { problem }, problem.status);
      }
    },
  });
}

/** An officer's broadcast to the people of their region. */
async function broadcastPages(app: FastifyInstance, opts: NotificationsPagesOptions) {
  const { broadcasts } = opts;
  async function renderBroadcasts(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const user = request.user!;
    const ref = await opts.reference();
    const items = (await broadcasts.list(user)).map((b) => ({
      ...b,
      when: chinaDateTime(new Date(b.createdAt)),
      regionName: ref.regionName(b.regionCode.slice(0, 6)),
      roleNames: b.roles.map((role) => translate(request.locale, `roles.${role}`)).join('、'),
    }));
    return reply.page(
      'notifications/broadcasts',
      {
        title: translate(request.locale, 'notifications.broadcasts.title'),
        items,
        scope: scopePrefix(user),
        form: { regionCode: scopePrefix(user), roles: ['labourer'] },
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/notifications/broadcasts', auth.roles('officer', 'admin')),
    handler: (request, reply) => renderBroadcasts(request, reply, { sent: (request.query as { sent?: string }).sent }),
  });

  app.route({
    ...page('POST', '/notifications/broadcasts', auth.roles('officer', 'admin')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const form = {
        regionCode: field(body, 'regionCode'),
        roles: [body.roles ?? []].flat(),
        title: field(body, 'title'),
        body: field(body, 'body'),
        link: field(body, 'link'),
      };
      try {
        const sent = await broadcasts.create(request.user!, parseForm(BroadcastCreateSchema, form));
        return reply.redirect(`/notifications/broadcasts?sent=${sent.recipients}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderBroadcasts(request, reply, { form, problem }, problem.status);
      }
    },
  });
}
