import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { NoticePayload } from './events.ts';
import type { NotificationKind } from '../platform/database/generated/enums.ts';

/** A notice to write: to a user, or to a labourer who may not have an account yet. */
export interface NotificationDraft {
  userId?: string | null;
  labourerId?: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string | null;
  data?: NoticeData;
  /** A notice with a key that was already stored is skipped (idempotent sends). */
  dedupeKey?: string | null;
  broadcastId?: string | null;
}

export interface StoredNotification {
  id: bigint;
  userId: string | null;
  labourerId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
}

/** A transaction (or the client itself) that notices are stored in. */
export type NoticeTx = Prisma.TransactionClient;
/** The machine-readable part of a notice: any JSON value. */
export type NoticeData = Prisma.InputJsonValue;

/**
 * Stores notices with a recipient, skipping a dedupe key stored before; answers the ones written.
 * One statement over columns of arrays (`unnest`): a campaign stores hundreds of thousands, and
 * Prisma's `createManyAndReturn` built and read back nine parameters per row in the app's thread
 * (60-90 ms per thousand notices, held from the web). Times are UTC, as Prisma writes them.
 */
export async function storeNotifications(tx: NoticeTx, drafts: NotificationDraft[]): Promise<StoredNotification[]> {
  const rows = drafts.filter((d) => d.userId || d.labourerId);
  if (!rows.length) return [];
  const column = <T>(pick: (d: NotificationDraft) => T) => rows.map(pick);
  const stored = await tx.$queryRaw<Array<Omit<StoredNotification, 'kind'> & { kind: string }>>`
    INSERT INTO "Notification" ("userId", "labourerId", "kind", "title", "body", "link", "data", "dedupeKey", "broadcastId", "createdAt")
    SELECT u, l, k::"NotificationKind", t, b, li, d::jsonb, dk, bi, ${new Date().toISOString()}::timestamp(3)
    FROM unnest(
      ${column((d) => d.userId ?? null)}::text[], ${column((d) => d.labourerId ?? null)}::text[],
      ${column((d) => d.kind)}::text[], ${column((d) => d.title)}::text[], ${column((d) => d.body)}::text[],
      ${column((d) => d.link ?? null)}::text[],
      ${column((d) => (d.data === undefined ? null : JSON.stringify(d.data)))}::text[],
      ${column((d) => d.dedupeKey ?? null)}::text[], ${column((d) => d.broadcastId ?? null)}::text[]
    ) AS n(u, l, k, t, b, li, d, dk, bi)
    ON CONFLICT DO NOTHING
    RETURNING "id", "userId", "labourerId", "kind", "title", "body", "link", "createdAt"`;
  return stored.map((n) => ({ ...n, kind: n.kind as NotificationKind }));
}

/** Whose inbox: a user, and the labourer profile their account belongs to. */
export interface InboxOwner {
  id: string;
  labourerId: string | null;
}

/**
 * A user's inbox holds notices addressed to them, and those addressed to their labourer profile
 * without a user (sent before the person had an account, or by modules that know only the person).
 */
export function inboxWhere(owner: InboxOwner): Prisma.NotificationWhereInput {
  return {
    OR: [{ userId: owner.id }, ...(owner.labourerId ? [{ labourerId: owner.labourerId, userId: null }] : [])],
  };
}

const NOTICE_SELECT = {
  id: true,
  kind: true,
  title: true,
  body: true,
  link: true,
  readAt: true,
  createdAt: true,
} as const;

type NoticeRow = Prisma.NotificationGetPayload<{ select: typeof NOTICE_SELECT }>;

export function toPayload(row: Omit<NoticeRow, 'readAt'> & { readAt?: Date | null }): NoticePayload {
  return {
    id: row.id.toString(),
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    read: Boolean(row.readAt),
    createdAt: row.createdAt.toISOString(),
  };
}

const CHUNK = 1000;
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Unread counts of many inboxes in two grouped queries per thousand (a broadcast reaches thousands). */
async function unreadCounts(db: Db, owners: InboxOwner[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(owners.map((o) => [o.id, 0]));
  for (const group of chunks(owners)) {
    const byUser = await db.notification.groupBy({
      by: ['userId'],
      where: { userId: { in: group.map((o) => o.id) }, readAt: null },
      _count: { _all: true },
    });
    for (const row of byUser) if (row.userId) counts.set(row.userId, (counts.get(row.userId) ?? 0) + row._count._all);
    const withProfile = group.filter((o) => o.labourerId);
    if (!withProfile.length) continue;
    const byLabourer = await db.notification.groupBy({
      by: ['labourerId'],
      where: { labourerId: { in: withProfile.map((o) => o.labourerId!) }, userId: null, readAt: null },
      _count: { _all: true },
    });
    const owner = new Map(withProfile.map((o) => [o.labourerId!, o.id]));
    for (const row of byLabourer) {
      const userId = row.labourerId ? owner.get(row.labourerId) : undefined;
      if (userId) counts.set(userId, (counts.get(userId) ?? 0) + row._count._all);
    }
  }
  return counts;
}

export function createNotificationsRepository(db: Db) {
  return {
    async page(owner: InboxOwner, options: { unreadOnly: boolean; before?: bigint; limit: number }) {
      const rows = await db.notification.findMany({
        where: {
          AND: [
            inboxWhere(owner),
            ...(options.unreadOnly ? [{ readAt: null }] : []),
            ...(options.before ? [{ id: { lt: options.before } }] : []),
          ],
        },
        orderBy: { id: 'desc' },
        take: options.limit + 1,
        select: NOTICE_SELECT,
      });
      const more = rows.length > options.limit;
      const items = rows.slice(0, options.limit);
      return { items: items.map(toPayload), nextCursor: more ? items.at(-1)!.id.toString() : null };
    },

    unreadCount(owner: InboxOwner) {
      return db.notification.count({ where: { AND: [inboxWhere(owner), { readAt: null }] } });
    },

    async newerThan(owner: InboxOwner, afterId: bigint, limit: number) {
      const rows = await db.notification.findMany({
        where: { AND: [inboxWhere(owner), { id: { gt: afterId } }] },
        orderBy: { id: 'asc' },
        take: limit,
        select: NOTICE_SELECT,
      });
      return rows.map(toPayload);
    },

    async lastId(owner: InboxOwner): Promise<bigint | null> {
      const row = await db.notification.findFirst({
        where: inboxWhere(owner),
        orderBy: { id: 'desc' },
        select: { id: true },
      });
      return row?.id ?? null;
    },

    /** Marks one notice read; false when it is not in this inbox. */
    async markRead(owner: InboxOwner, id: bigint): Promise<boolean> {
      const row = await db.notification.findFirst({
        where: { AND: [inboxWhere(owner), { id }] },
        select: { id: true, readAt: true },
      });
      if (!row) return false;
      if (!row.readAt) await db.notification.update({ where: { id }, data: { readAt: new Date() } });
      return true;
    },

    async markAllRead(owner: InboxOwner): Promise<number> {
      const { count } = await db.notification.updateMany({
        where: { AND: [inboxWhere(owner), { readAt: null }] },
        data: { readAt: new Date() },
      });
      return count;
    },

    /** The accounts behind stored notices: by user id, and by labourer profile. */
    async accountsFor(userIds: string[], labourerIds: string[]): Promise<InboxOwner[]> {
      const out: InboxOwner[] = [];
      for (const ids of chunks([...new Set(userIds)]))
        out.push(
          ...(await db.user.findMany({
            where: { id: { in: ids }, disabledAt: null },
            select: { id: true, labourerId: true },
          })),
        );
      for (const ids of chunks([...new Set(labourerIds)]))
        out.push(
          ...(await db.user.findMany({
            where: { labourerId: { in: ids }, disabledAt: null },
            select: { id: true, labourerId: true },
          })),
        );
      return out;
    },

    /** Unread counts of many inboxes in two grouped queries (a broadcast reaches thousands). */
    unreadCounts: (owners: InboxOwner[]) => unreadCounts(db, owners),

    /** An application as its notices tell it: the person, the job and its employer. */
    applicationForNotice: (id: string) =>
      db.application.findUnique({
        where: { id },
        select: {
          id: true,
          status: true,
          labourerId: true,
          vacancyId: true,
          interviewAt: true,
          interviewPlace: true,
          offeredWage: true,
          labourer: { select: { name: true } },
          vacancy: { select: { title: true, employerId: true, employer: { select: { name: true } } } },
        },
      }),

    /** The employer's enabled sign-in accounts. */
    employerAccounts: (employerId: string) =>
      db.user.findMany({ where: { employerId, role: 'employer', disabledAt: null }, select: { id: true } }),
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
export type ApplicationForNotice = NonNullable<Awaited<ReturnType<NotificationsRepository['applicationForNotice']>>>;
