import type { NotificationKind } from '../platform/database/generated/enums.ts';
import {
  type NoticeTx,
  type NotificationDraft,
  type StoredNotification,
  storeNotifications,
} from './notifications.repository.ts';

export type { NotificationDraft, StoredNotification } from './notifications.repository.ts';

export type { NotificationKind };

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
  store(tx: NoticeTx, drafts: NotificationDraft[]): Promise<StoredNotification[]>;
  deliver(stored: StoredNotification[]): Promise<void>;
}

/** `db`: where notices are stored (the database, as the notifications repository reaches it). */
export function createNotifier(db: NoticeTx, delivery: () => NotificationDelivery | undefined): Notifier {
  async function deliver(stored: StoredNotification[]) {
    if (stored.length) await delivery()?.deliver(stored);
  }
  return {
    store: storeNotifications,
    deliver,
    async notify(drafts) {
      const stored = await storeNotifications(db, drafts);
      await deliver(stored);
      return stored;
    },
  };
}
