import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { BroadcastRow, BroadcastsRepository } from './broadcasts.repository.ts';
import type { BroadcastCreate } from './notifications.contract.ts';
import type { NotificationDraft, Notifier } from './notifier.ts';

const BATCH = 1000;

function toView(row: BroadcastRow) {
  return {
    id: row.id,
    regionCode: row.regionCode,
    roles: row.roles,
    title: row.title,
    body: row.body,
    link: row.link,
    recipients: row.recipients,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * An officer's notice to a region: one stored notice per person (so each has it in their inbox
 * and it is read or unread for each), written and emitted in batches.
 */
export function createBroadcastsService({ repo, notifier }: { repo: BroadcastsRepository; notifier: Notifier }) {
  /** Everyone the broadcast reaches, as notice drafts, one batch at a time. */
  async function* recipients(
    input: BroadcastCreate,
  ): AsyncGenerator<Omit<NotificationDraft, 'kind' | 'title' | 'body'>[]> {
    const accountRoles = input.roles.filter((role) => role !== 'labourer');
    if (accountRoles.length) {
      let cursor: string | undefined;
      for (;;) {
        const users = await repo.accountsIn(accountRoles, input.regionCode, cursor, BATCH);
        if (!users.length) break;
        yield users.map((u) => ({ userId: u.id }));
        cursor = users.at(-1)!.id;
      }
    }
    if (input.roles.includes('labourer')) {
      // People without an account yet get it too: their inbox shows it once they sign up.
      let cursor: string | undefined;
      for (;;) {
        const labourers = await repo.labourersIn(input.regionCode, cursor, BATCH);
        if (!labourers.length) break;
        yield labourers.map((l) => ({
          labourerId: l.id,
          userId: l.user && !l.user.disabledAt ? l.user.id : null,
        }));
        cursor = labourers.at(-1)!.id;
      }
    }
  }

  return {
    async create(actor: SessionUser, input: BroadcastCreate) {
      if (!input.regionCode.startsWith(scopePrefix(actor)))
        throw new ForbiddenError(`Region ${input.regionCode} is outside your region`);
      const broadcast = await repo.create({
        regionCode: input.regionCode,
        roles: input.roles,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        createdById: actor.id,
      });
      let count = 0;
      for await (const batch of recipients(input)) {
        const stored = await notifier.notify(
          batch.map((to) => ({
            ...to,
            kind: 'officer_broadcast' as const,
            title: input.title,
            body: input.body,
            link: input.link ?? null,
            broadcastId: broadcast.id,
            dedupeKey: `broadcast:${broadcast.id}:${to.userId ?? to.labourerId}`,
          })),
        );
        count += stored.length;
      }
      return toView(await repo.setRecipients(broadcast.id, count));
    },

    async list(actor: SessionUser) {
      const rows = await repo.latest(scopePrefix(actor), 50);
      return rows.map(toView);
    },
  };
}

export type BroadcastsService = ReturnType<typeof createBroadcastsService>;
