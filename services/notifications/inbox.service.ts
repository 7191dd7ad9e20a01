import { NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SyncResult } from './events.ts';
import type { InboxOwner, NotificationsRepository } from './notifications.repository.ts';

export interface InboxDeps {
  repo: NotificationsRepository;
  /** Tells the owner's other tabs and devices that the count changed. */
  unreadChanged?: (userId: string, unread: number) => void;
}

const SYNC_LIMIT = 200;

function parseId(value: string | null | undefined): bigint | null {
  return value && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
}

/** The caller's inbox: pages of notices, the unread count, marking read, catching up after a gap. */
export function createInboxService({ repo, unreadChanged }: InboxDeps) {
  async function changed(owner: InboxOwner) {
    const unread = await repo.unreadCount(owner);
    unreadChanged?.(owner.id, unread);
    return unread;
  }

  return {
    async list(owner: InboxOwner, query: { unread?: boolean; cursor?: string; limit: number }) {
      const before = query.cursor ? (parseId(query.cursor) ?? undefined) : undefined;
      const [page, unread] = await Promise.all([
        repo.page(owner, { unreadOnly: Boolean(query.unread), before, limit: query.limit }),
        repo.unreadCount(owner),
      ]);
      return { ...page, unread };
    },

    unreadCount: (owner: InboxOwner) => repo.unreadCount(owner),

    async markRead(owner: InboxOwner, id: string) {
      const parsed = parseId(id);
      if (parsed === null || !(await repo.markRead(owner, parsed)))
        throw new NotFoundError(`Notification ${id} does not exist`);
      return { unread: await changed(owner) };
    },

    async markAllRead(owner: InboxOwner) {
      const marked = await repo.markAllRead(owner);
      return { marked, unread: await changed(owner) };
    },

    /** What a client missed since `afterId` (at most 200, oldest first), and where it stands now. */
    async sync(owner: InboxOwner, afterId: string | null | undefined): Promise<SyncResult> {
      const after = parseId(afterId);
      const [items, unread, last] = await Promise.all([
        after === null ? Promise.resolve([]) : repo.newerThan(owner, after, SYNC_LIMIT),
        repo.unreadCount(owner),
        repo.lastId(owner),
      ]);
      return { items, unread, lastId: last?.toString() ?? null };
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
