import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { NotificationKind } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const NOTIFICATION_KINDS = enumValues(NotificationKind);
export const KindSchema = z.enum(NOTIFICATION_KINDS);

const TAGS = ['notifications'];

export const NoticeSchema = z
  .object({
    id: z.string(),
    kind: KindSchema,
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    read: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notice' });

export const InboxQuerySchema = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'must be a cursor from the previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const UnreadSchema = z.object({ unread: z.number().int() });

export const listNotificationsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/notifications',
  auth: auth.signedIn,
  summary: "The caller's inbox, newest first (with the unread count)",
  tags: TAGS,
  schema: {
    querystring: InboxQuerySchema,
    response: {
      200: z.object({ items: z.array(NoticeSchema), unread: z.number().int(), nextCursor: z.string().nullable() }),
      ...commonErrors,
    },
  },
});

export const unreadCountRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/notifications/unread-count',
  auth: auth.signedIn,
  summary: 'How many notices the caller has not read',
  tags: TAGS,
  schema: { response: { 200: UnreadSchema, ...commonErrors } },
});

export const syncRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/notifications/since/:afterId',
  auth: auth.signedIn,
  summary: 'Notices newer than the one given, oldest first: what a client missed while away',
  tags: TAGS,
  schema: {
    params: z.object({ afterId: z.string().regex(/^\d{1,19}$/, 'must be a notification id') }),
    response: {
      200: z.object({ items: z.array(NoticeSchema), unread: z.number().int(), lastId: z.string().nullable() }),
      ...commonErrors,
    },
  },
});

export const markReadRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/notifications/:id/read',
  auth: auth.signedIn,
  summary: 'Marks one notice read',
  tags: TAGS,
  schema: {
    params: z.object({ id: z.string().regex(/^\d{1,19}$/, 'must be a notification id') }),
    response: { 200: UnreadSchema, ...commonErrors, 404: ErrorResponseSchema },
  },
});

export const markAllReadRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/notifications/read-all',
  auth: auth.signedIn,
  summary: 'Marks every notice of the caller read',
  tags: TAGS,
  schema: { response: { 200: z.object({ marked: z.number().int(), unread: z.number().int() }), ...commonErrors } },
});

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 22:00');

export const PreferencesSchema = z
  .object({
    smsEnabled: z.boolean(),
    /** Kinds not wanted by SMS; the inbox keeps every notice. */
    smsMuted: z.array(KindSchema).max(NOTIFICATION_KINDS.length),
    /** China time; both or neither. Neither: the platform's default quiet hours. */
    quietStart: clock.nullable(),
    quietEnd: clock.nullable(),
  })
  .refine((p) => (p.quietStart === null) === (p.quietEnd === null), {
    path: ['quietEnd'],
    message: 'give both ends of the quiet hours, or neither',
  });
export type Preferences = z.infer<typeof PreferencesSchema>;

const PreferencesViewSchema = z.object({
  smsEnabled: z.boolean(),
  smsMuted: z.array(KindSchema),
  quietStart: z.string().nullable(),
  quietEnd: z.string().nullable(),
  /** The platform's quiet hours that apply when the person set none. */
  defaultQuietHours: z.object({ start: z.string(), end: z.string() }),
});

export const getPreferencesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/notifications/preferences',
  auth: auth.signedIn,
  summary: "The caller's SMS choices and quiet hours",
  tags: TAGS,
  schema: { response: { 200: PreferencesViewSchema, ...commonErrors } },
});

export const putPreferencesRoute = defineRoute({
  method: 'PUT',
  url: '/api/v1/notifications/preferences',
  auth: auth.signedIn,
  summary: "Sets the caller's SMS choices and quiet hours",
  tags: TAGS,
  schema: { body: PreferencesSchema, response: { 200: PreferencesViewSchema, ...commonErrors } },
});

export const BroadcastCreateSchema = z.object({
  regionCode: z.string().regex(/^\d{2,12}$/, 'must be a region code prefix'),
  roles: z
    .array(z.enum(['labourer', 'employer', 'officer']))
    .min(1, 'choose at least one group')
    .transform((roles) => [...new Set(roles)]),
  title: z.string().trim().min(2).max(60),
  body: z.string().trim().min(2).max(500),
  /** A page of this site (a path), never an outside address. */
  link: z
    .string()
    .trim()
    .regex(/^\/(?!\/)[\w\-./?=&%#]*$/, 'must be a path on this site, e.g. /fairs')
    .max(300)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type BroadcastCreate = z.infer<typeof BroadcastCreateSchema>;

export const BroadcastSchema = z
  .object({
    id: z.string(),
    regionCode: z.string(),
    roles: z.array(z.string()),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    recipients: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Broadcast' });

export const createBroadcastRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/notifications/broadcasts',
  auth: auth.roles('officer', 'admin'),
  summary: "An officer's notice to everyone of the chosen roles in a region within their scope",
  tags: TAGS,
  schema: { body: BroadcastCreateSchema, response: { 201: BroadcastSchema, ...commonErrors } },
});

export const listBroadcastsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/notifications/broadcasts',
  auth: auth.roles('officer', 'admin'),
  summary: 'Broadcasts sent within the caller’s region, newest first',
  tags: TAGS,
  schema: { response: { 200: z.object({ items: z.array(BroadcastSchema) }), ...commonErrors } },
});
