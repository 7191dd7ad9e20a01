import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsDispatcher, MAX_ATTEMPTS, type SmsProvider } from '../../services/notifications/sms.ts';
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
