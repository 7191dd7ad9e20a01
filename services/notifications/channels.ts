import type { FastifyBaseLogger } from 'fastify';
import { userRoom } from './events.ts';
import type { NotificationDelivery, StoredNotification } from './notifier.ts';
import { type InboxOwner, type NotificationsRepository, toPayload } from './notifications.repository.ts';
import type { RealtimeServer } from './realtime.ts';

/** Who a stored notice reaches: the account (if the person has one) and the labourer profile. */
export interface Recipient {
  userId: string | null;
  labourerId: string | null;
}

export interface Delivery {
  notice: StoredNotification;
  recipient: Recipient;
}

/** One way of telling people (web, SMS). Channels take a batch: a broadcast reaches thousands. */
export interface Channel {
  name: string;
  send(deliveries: Delivery[]): Promise<void>;
}

/** Emits each notice with the recipient's new unread count to their room, on every instance. */
export function createWebChannel(io: RealtimeServer, repo: NotificationsRepository): Channel {
  return {
    name: 'web',
    async send(deliveries) {
      const online = deliveries.filter((d) => d.recipient.userId);
      if (!online.length) return;
      const owners = new Map<string, InboxOwner>();
      for (const { recipient } of online)
        owners.set(recipient.userId!, { id: recipient.userId!, labourerId: recipient.labourerId });
      const counts = await repo.unreadCounts([...owners.values()]);
      for (const { notice, recipient } of online) {
        io.to(userRoom(recipient.userId!)).emit('notification:new', {
          notification: toPayload(notice),
          unread: counts.get(recipient.userId!) ?? 0,
        });
      }
    },
  };
}

/**
 * Resolves recipients once, then hands the batch to every channel. The notices are already
 * stored, so a channel that fails is logged and never fails the caller.
 */
export function createDelivery(
  repo: NotificationsRepository,
  channels: Channel[],
  log: FastifyBaseLogger,
): NotificationDelivery {
  return {
    async deliver(stored) {
      try {
        const userIds = stored.flatMap((n) => (n.userId ? [n.userId] : []));
        const labourerIds = stored.flatMap((n) => (!n.userId && n.labourerId ? [n.labourerId] : []));
        const accounts = await repo.accountsFor(userIds, labourerIds);
        const byId = new Map(accounts.map((a) => [a.id, a]));
        const byLabourer = new Map(accounts.flatMap((a) => (a.labourerId ? [[a.labourerId, a] as const] : [])));
        const deliveries: Delivery[] = stored.map((notice) => {
          const account = notice.userId ? byId.get(notice.userId) : byLabourer.get(notice.labourerId!);
          return {
            notice,
            recipient: {
              userId: account?.id ?? null,
              labourerId: notice.labourerId ?? account?.labourerId ?? null,
            },
          };
        });
        for (const channel of channels) {
          try {
            await channel.send(deliveries);
          } catch (error) {
            log.error({ err: error, channel: channel.name, notices: stored.length }, 'notification channel failed');
          }
        }
      } catch (error) {
        log.error({ err: error, notices: stored.length }, 'notification delivery failed');
      }
    },
  };
}
