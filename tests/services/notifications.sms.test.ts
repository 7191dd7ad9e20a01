import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSmsDispatcher,
  MAX_ATTEMPTS,
  SEND_LEASE_MS,
  type SmsProvider,
} from '../../services/notifications/sms.ts';
import { createSmsRepository } from '../../services/notifications/sms.repository.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('SMS dispatcher (queued messages, quiet hours, retry)', () => {
  let ctx: TestContext;
  let pii: PiiCipher;

  beforeAll(async () => {
    ctx = await createTestContext({ skipIndexSetup: true });
    pii = new PiiCipher(ctx.config.piiKey);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function queue(sendAfter: Date, provider: string) {
    return ctx.db.smsMessage.create({
      data: {
        phoneEncrypted: pii.encrypt('13905970001'),
        phoneMasked: '139****0001',
        template: 'fair_reminder',
        body: '【就业桥】招聘会提醒：明天上午九点 回T退订',
        provider,
        sendAfter,
      },
    });
  }

  function dispatcher(provider: SmsProvider, now: () => Date) {
    return createSmsDispatcher({
      repo: createSmsRepository(ctx.db),
      pii,
      provider,
      config: ctx.config.sms,
      log: ctx.app.log,
      now,
    });
  }

  it('sends a message held for quiet hours only once they are over, and only once', async () => {
    const sent: string[] = [];
    const provider: SmsProvider = {
      name: 'recording',
      sends: true,
      send: async ({ phone }) => {
        sent.push(phone);
        return { providerId: `r-${sent.length}` };
      },
    };
    const morning = new Date('2030-01-02T07:00:00+08:00');
    const message = await queue(morning, 'recording');
    expect(await dispatcher(provider, () => new Date('2030-01-01T23:00:00+08:00')).dispatchDue()).toEqual({
      sent: 0,
      failed: 0,
    });
    // Two instances run the job at the same minute: the claim lets only one send.
    const after = () => new Date('2030-01-02T07:01:00+08:00');
    await Promise.all([dispatcher(provider, after).dispatchDue(), dispatcher(provider, after).dispatchDue()]);
    expect(sent).toEqual(['13905970001']);
    const row = await ctx.db.smsMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerId: 'r-1' });
  });

  it('does not send a message twice when another instance reads the queue while it is being sent', async () => {
    const sent: string[] = [];
    const at = () => new Date('2030-03-01T10:00:00+08:00');
    let secondRun: { sent: number; failed: number } | undefined;
    const provider: SmsProvider = {
      name: 'slow-gateway',
      sends: true,
      send: async ({ phone }) => {
        sent.push(phone);
        // While the first instance waits on the gateway, a second one runs the whole job.
        if (sent.length === 1) secondRun = await dispatcher(provider, at).dispatchDue();
        return { providerId: `s-${sent.length}` };
      },
    };
    const message = await queue(at(), 'slow-gateway');
    expect(await dispatcher(provider, at).dispatchDue()).toEqual({ sent: 1, failed: 0 });
    expect(secondRun).toEqual({ sent: 0, failed: 0 });
    expect(sent).toEqual(['13905970001']);
    const row = await ctx.db.smsMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerId: 's-1' });
  });

  it('sends a message again once the lease of an instance that died mid-send has run out', async () => {
    const at = new Date('2030-04-01T10:00:00+08:00');
    const message = await queue(at, 'lease');
    const dying: SmsProvider = { name: 'lease', sends: true, send: () => new Promise(() => {}) };
    // The first instance claims the message and never comes back from the gateway.
    void dispatcher(dying, () => at).dispatchDue();
    await expect
      .poll(async () => (await ctx.db.smsMessage.findUniqueOrThrow({ where: { id: message.id } })).attempts)
      .toBe(1);
    const sent: string[] = [];
    const working: SmsProvider = {
      name: 'lease',
      sends: true,
      send: async ({ phone }) => {
        sent.push(phone);
        return { providerId: 'l-1' };
      },
    };
    const beforeLeaseEnds = new Date(at.getTime() + SEND_LEASE_MS - 1000);
    expect(await dispatcher(working, () => beforeLeaseEnds).dispatchDue()).toEqual({ sent: 0, failed: 0 });
    const afterLease = new Date(at.getTime() + SEND_LEASE_MS);
    expect(await dispatcher(working, () => afterLease).dispatchDue()).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['13905970001']);
    const row = await ctx.db.smsMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 2, providerId: 'l-1' });
  });

  it('retries a failed send with growing waits, then gives up', async () => {
    const failing: SmsProvider = {
      name: 'failing',
      sends: true,
      send: () => Promise.reject(new Error('gateway timeout')),
    };
    let now = new Date('2030-02-01T10:00:00+08:00');
    const message = await queue(now, 'failing');
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await dispatcher(failing, () => now).dispatchDue();
      const row = await ctx.db.smsMessage.findUniqueOrThrow({ where: { id: message.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.error).toBe('gateway timeout');
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe('queued');
        waits.push((row.sendAfter.getTime() - now.getTime()) / 60_000);
        now = row.sendAfter;
      } else {
        expect(row.status).toBe('failed');
      }
    }
    expect(waits).toEqual([1, 2, 4, 8]);
  });
});
