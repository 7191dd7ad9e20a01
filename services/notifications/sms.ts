import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../platform/config/config.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { Channel } from './channels.ts';
import { quietHoursFor, sendAfter } from './quiet-hours.ts';
import { renderSms } from './sms-templates.ts';
import type { SmsDraft, SmsRepository } from './sms.repository.ts';

/** A gateway that sends one text; it throws when the gateway refuses or cannot be reached. */
export interface SmsProvider {
  name: string;
  /** False: messages are recorded as skipped and never sent (SMS_PROVIDER=disabled). */
  sends: boolean;
  send(message: { phone: string; body: string }): Promise<{ providerId: string }>;
}

/** Records only: the message is marked sent in SmsMessage, and admins read it at /admin/sms. */
export const developmentProvider: SmsProvider = {
  name: 'development',
  sends: true,
  send: async () => ({ providerId: `dev-${crypto.randomUUID()}` }),
};

export const disabledProvider: SmsProvider = {
  name: 'disabled',
  sends: false,
  send: () => Promise.reject(new Error('SMS is disabled')),
};

export function providerFor(config: AppConfig['sms']): SmsProvider {
  return config.provider === 'development' ? developmentProvider : disabledProvider;
}

export interface SmsDeps {
  repo: SmsRepository;
  pii: PiiCipher;
  provider: SmsProvider;
  config: AppConfig['sms'];
  log: FastifyBaseLogger;
  now?: () => Date;
}

export const MAX_ATTEMPTS = 5;
const BATCH = 100;
/**
 * How long a claimed message is held from other instances while it is sent (a send takes seconds).
 * It stays queued meanwhile, so an instance that dies mid-send leaves it to be sent once this ends.
 */
export const SEND_LEASE_MS = 10 * 60_000;

/** Sends queued messages that are due; a failure waits 1, 2, 4, 8 minutes, then gives up. */
export function createSmsDispatcher({ repo, pii, provider, log, now = () => new Date() }: SmsDeps) {
  return {
    /** `maxBatches` bounds the work done inline after a delivery; the job drains the rest. */
    async dispatchDue(maxBatches = Infinity): Promise<{ sent: number; failed: number }> {
      let sent = 0;
      let failed = 0;
      if (!provider.sends) return { sent, failed };
      for (let batch = 0; batch < maxBatches; batch += 1) {
        const due = await repo.due(now(), BATCH, provider.name);
        if (!due.length) break;
        for (const message of due) {
          const claimedAt = now();
          const lease = new Date(claimedAt.getTime() + SEND_LEASE_MS);
          if (!(await repo.claim(message.id, message.attempts, claimedAt, lease))) continue;
          const attempts = message.attempts + 1;
          try {
            const { providerId } = await provider.send({
              phone: pii.decrypt(message.phoneEncrypted),
              body: message.body,
            });
            await repo.sent(message.id, providerId, now());
            sent += 1;
          } catch (error) {
            failed += 1;
            const retryAt = new Date(now().getTime() + 2 ** (attempts - 1) * 60_000);
            await repo.retryLater(
              message.id,
              (error as Error).message.slice(0, 300),
              retryAt,
              attempts >= MAX_ATTEMPTS,
            );
            log.warn({ smsId: message.id.toString(), attempts }, 'sms: send failed');
          }
        }
        if (due.length < BATCH) break;
      }
      return { sent, failed };
    },
  };
}

/**
 * Text messages to labourers who gave a phone: respects their opt-out, muted kinds and quiet
 * hours (the message waits in the queue until they end), then sends what is due at once.
 */
export function createSmsChannel(deps: SmsDeps): Channel {
  const { repo, provider, config, now = () => new Date() } = deps;
  const dispatcher = createSmsDispatcher(deps);
  return {
    name: 'sms',
    async send(deliveries) {
      const withPhone = deliveries.filter((d) => d.recipient.labourerId);
      if (!withPhone.length) return;
      const phones = await repo.phones([...new Set(withPhone.map((d) => d.recipient.labourerId!))]);
      const userIds = [...new Set(withPhone.flatMap((d) => (d.recipient.userId ? [d.recipient.userId] : [])))];
      const preferences = await repo.preferences(userIds);
      const at = now();
      const drafts: SmsDraft[] = [];
      for (const { notice, recipient } of withPhone) {
        const phone = phones.get(recipient.labourerId!);
        if (!phone) continue;
        const preference = recipient.userId ? preferences.get(recipient.userId) : undefined;
        if (preference && (!preference.smsEnabled || preference.smsMuted.includes(notice.kind))) continue;
        drafts.push({
          notificationId: notice.id,
          userId: recipient.userId,
          labourerId: recipient.labourerId,
          phoneEncrypted: phone.phoneEncrypted,
          phoneMasked: phone.phoneMasked,
          template: notice.kind,
          body: renderSms(notice.kind, notice.title, notice.body, config.signature),
          provider: provider.name,
          status: provider.sends ? 'queued' : 'skipped',
          sendAfter: sendAfter(at, quietHoursFor(preference, config.quietHours)),
        });
      }
      if (!drafts.length) return;
      await repo.queue(drafts);
      // A few messages go at once; a broadcast's thousands are left to the every-minute job.
      if (drafts.some((d) => d.status === 'queued' && d.sendAfter <= at)) await dispatcher.dispatchDue(1);
    },
  };
}
