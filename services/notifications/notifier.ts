import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { NotificationKind } from '../platform/database/generated/enums.ts';

export type { NotificationKind };

/** A notice to write: to a user, or to a labourer who may not have an account yet. */
export interface NotificationDraft {
  userId?: string | null;
  labourerId?: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string | null;
  data?: Prisma.InputJsonValue;
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

/** Live and out-of-band delivery of stored notices (socket.io rooms, SMS). */
export interface NotificationDelivery {
  deliver(stored: StoredNotification[]): Promise<void>;
}

/**
 * The one way modules send notices. A notice is stored first, then delivered; a client that was
 * away reads what it missed from the store, so delivery may fail without anything being lost.
 */
export interface Notifier {
  /** Stores the notices (skipping repeated dedupe keys), then delivers them. */
  notify(drafts: NotificationDraft[]): Promise<StoredNotification[]>;
  /** Stores inside the caller's transaction; call `deliver` once it has committed. */
  store(tx: Prisma.TransactionClient, drafts: NotificationDraft[]): Promise<StoredNotification[]>;
  deliver(stored: StoredNotification[]): Promise<void>;
}

const RETURNED = {
  id: true,
  userId: true,
  labourerId: true,
  kind: true,
  title: true,
  body: true,
  link: true,
  createdAt: true,
} as const;

export function createNotifier(db: Db, delivery: () => NotificationDelivery | undefined): Notifier {
  async function store(tx: Prisma.TransactionClient, drafts: NotificationDraft[]): Promise<StoredNotification[]> {
    const rows = drafts.filter((d) => d.userId || d.labourerId);
    if (!rows.length) return [];
    return tx.notification.createManyAndReturn({
      data: rows.map((d) => ({
        userId: d.userId ?? null,
        labourerId: d.labourerId ?? null,
        kind: d.kind,
        title: d.title,
        body: d.body,
        link: d.link ?? null,
        ...(d.data === undefined ? {} : { data: d.data }),
        dedupeKey: d.dedupeKey ?? null,
        broadcastId: d.broadcastId ?? null,
      })),
      skipDuplicates: true,
      select: RETURNED,
    });
  }
  async function deliver(stored: StoredNotification[]) {
    if (stored.length) await delivery()?.deliver(stored);
  }
  return {
    store,
    deliver,
    async notify(drafts) {
      const stored = await store(db, drafts);
      await deliver(stored);
      return stored;
    },
  };
}
