import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { OutboundStatus } from '../platform/database/generated/enums.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { NotificationKind } from './notifier.ts';

/** Which messages the SMS record lists: all, or those of one status. */
export interface SmsFilter {
  status?: OutboundStatus | undefined;
}

const smsWhere = (filter: SmsFilter): Prisma.SmsMessageWhereInput => (filter.status ? { status: filter.status } : {});

export interface SmsDraft {
  notificationId: bigint;
  userId: string | null;
  labourerId: string | null;
  phoneEncrypted: string;
  phoneMasked: string;
  template: NotificationKind;
  body: string;
  provider: string;
  status: 'queued' | 'skipped';
  sendAfter: Date;
}

const PREFERENCE_SELECT = { userId: true, smsEnabled: true, smsMuted: true, quietStart: true, quietEnd: true } as const;
export type Preference = Prisma.NotificationPreferenceGetPayload<{ select: typeof PREFERENCE_SELECT }>;

export function createSmsRepository(db: Db) {
  return {
    /** People's phones as stored (encrypted and masked): decrypted only when a message is sent. */
    async phones(labourerIds: string[]) {
      type Stored = { phoneEncrypted: string; phoneMasked: string };
      if (!labourerIds.length) return new Map<string, Stored>();
      const rows = await db.labourer.findMany({
        where: { id: { in: labourerIds }, erasedAt: null, phoneEncrypted: { not: null } },
        select: { id: true, phoneEncrypted: true, phoneMasked: true },
      });
      return new Map(
        rows.map((r): [string, Stored] => [
          r.id,
          { phoneEncrypted: r.phoneEncrypted!, phoneMasked: r.phoneMasked ?? '' },
        ]),
      );
    },

    async preferences(userIds: string[]) {
      if (!userIds.length) return new Map<string, Preference>();
      const rows = await db.notificationPreference.findMany({
        where: { userId: { in: userIds } },
        select: PREFERENCE_SELECT,
      });
      return new Map(rows.map((r) => [r.userId, r]));
    },

    preference: (userId: string) =>
      db.notificationPreference.findUnique({ where: { userId }, select: PREFERENCE_SELECT }),

    savePreference: (userId: string, data: Omit<Preference, 'userId'>) =>
      db.notificationPreference.upsert({
        where: { userId },
        create: { userId, ...data },
        update: data,
        select: PREFERENCE_SELECT,
      }),

    /**
     * Queues messages, a thousand per statement over columns of arrays (see storeNotifications).
     * Times are written as UTC, as Prisma writes them (a column default would follow the session's zone).
     */
    async queue(drafts: SmsDraft[]): Promise<void> {
      for (let i = 0; i < drafts.length; i += 1000) {
        const rows = drafts.slice(i, i + 1000);
        const column = <T>(pick: (d: SmsDraft) => T) => rows.map(pick);
        await db.$executeRaw`
          INSERT INTO "SmsMessage" ("notificationId", "userId", "labourerId", "phoneEncrypted", "phoneMasked",
            "template", "body", "provider", "status", "sendAfter", "createdAt")
          SELECT n, u, l, pe, pm, t, b, p, s::"OutboundStatus", a, ${new Date().toISOString()}::timestamp(3)
          FROM unnest(
            ${column((d) => d.notificationId.toString())}::bigint[], ${column((d) => d.userId)}::text[],
            ${column((d) => d.labourerId)}::text[], ${column((d) => d.phoneEncrypted)}::text[],
            ${column((d) => d.phoneMasked)}::text[], ${column((d) => d.template)}::text[],
            ${column((d) => d.body)}::text[], ${column((d) => d.provider)}::text[], ${column((d) => d.status)}::text[],
            ${column((d) => d.sendAfter.toISOString())}::timestamp(3)[]
          ) AS m(n, u, l, pe, pm, t, b, p, s, a)`;
      }
    },

    due: (now: Date, limit: number, provider: string) =>
      db.smsMessage.findMany({
        where: { status: 'queued', sendAfter: { lte: now }, provider },
        orderBy: { id: 'asc' },
        take: limit,
        select: { id: true, phoneEncrypted: true, body: true, attempts: true },
      }),

    /** Takes a message for this worker (another that read it gets false); it is not due again till `leaseUntil`. */
    async claim(id: bigint, attempts: number, now: Date, leaseUntil: Date): Promise<boolean> {
      const { count } = await db.smsMessage.updateMany({
        where: { id, status: 'queued', attempts, sendAfter: { lte: now } },
        data: { attempts: attempts + 1, sendAfter: leaseUntil },
      });
      return count === 1;
    },

    sent: (id: bigint, providerId: string, at: Date) =>
      db.smsMessage.update({ where: { id }, data: { status: 'sent', sentAt: at, providerId, error: null } }),

    retryLater: (id: bigint, error: string, at: Date, giveUp: boolean) =>
      db.smsMessage.update({
        where: { id },
        data: giveUp ? { status: 'failed', error } : { error, sendAfter: at },
      }),

    async page(filter: SmsFilter, page: number, pageSize: number) {
      const where = smsWhere(filter);
      const [items, total] = await Promise.all([
        db.smsMessage.findMany({
          where,
          orderBy: { id: 'desc' },
          skip: (page - 1) * pageSize,
          take: pageSize,
          select: SMS_LIST_SELECT,
        }),
        db.smsMessage.count({ where }),
      ]);
      return { items, total };
    },

    async *all(filter: SmsFilter) {
      const where = smsWhere(filter);
      let cursor: bigint | undefined;
      for (;;) {
        const rows = await db.smsMessage.findMany({
          where: { AND: [where, ...(cursor ? [{ id: { lt: cursor } }] : [])] },
          orderBy: { id: 'desc' },
          take: 1000,
          select: SMS_LIST_SELECT,
        });
        if (!rows.length) return;
        yield rows;
        cursor = rows.at(-1)!.id;
      }
    },

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

const SMS_LIST_SELECT = {
  id: true,
  phoneMasked: true,
  template: true,
  body: true,
  provider: true,
  status: true,
  sendAfter: true,
  attempts: true,
  sentAt: true,
  error: true,
  createdAt: true,
} as const;

export type SmsRow = Prisma.SmsMessageGetPayload<{ select: typeof SMS_LIST_SELECT }>;
export type SmsRepository = ReturnType<typeof createSmsRepository>;
