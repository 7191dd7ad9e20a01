import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPhoneUsernames } from '../../services/identity/index.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import type { TestContext } from '../helpers/test-context.ts';
import { apiLogin, securityContext } from './fixture.ts';

/** Every stored sign-in name: none may hold a mobile or ID number in clear. */
async function storedNames(ctx: TestContext): Promise<string[]> {
  return (await ctx.db.user.findMany({ select: { username: true } })).map((u) => u.username);
}

describe('self-registrants sign in with their phone, which the users table does not hold in clear', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await securityContext();
  });
  afterAll(() => ctx.close());

  it('stores a keyed hash as the account name and signs in with the number as typed', async () => {
    const visitor = new PageClient(ctx);
    await visitor.get('/register');
    const done = await visitor.post('/register', {
      name: '林秀英',
      idNumber: makeIdNumber('350821', '19950505', false),
      phone: '13912345678',
      password: 'a-good-password',
      regionCode: '350821',
      mobility: 'city',
    });
    expect(done.statusCode, done.body).toBe(303);
    // Registering is a contact with the person (dynamic management).
    const person = await ctx.db.labourer.findFirstOrThrow({ where: { name: '林秀英' } });
    expect(person.contactedAt).not.toBeNull();
    const names = await storedNames(ctx);
    expect(names.some((n) => n.includes('13912345678') || n.includes('12345678'))).toBe(false);
    expect(names.some((n) => /1\d{10}/.test(n) || /\d{17}[\dX]/i.test(n))).toBe(false);
    for (const typed of ['13912345678', ' 139 1234 5678 ', '+8613912345678', '１３９１２３４５６７８']) {
      const response = await apiLogin(ctx, typed, { password: 'a-good-password' });
      expect(response.statusCode, JSON.stringify(typed)).toBe(200);
      expect(response.body).not.toContain('13912345678');
    }
    // The same number cannot register a second account.
    const again = new PageClient(ctx);
    await again.get('/register');
    const twice = await again.post('/register', {
      name: '林秀英',
      idNumber: makeIdNumber('350821', '19950506', false),
      phone: '13912345678',
      password: 'a-good-password',
      regionCode: '350821',
      mobility: 'city',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('hashes the numbers of accounts created before, once, and they still sign in', async () => {
    const old = await createUser(ctx.db, { role: 'labourer', regionCode: '350821', username: '13711112222' });
    const idNumber = makeIdNumber('350821', '19880808', true);
    const chosen = await createUser(ctx.db, { role: 'employer', username: idNumber.toLowerCase() });
    const pii = new PiiCipher(ctx.config.piiKey);
    expect(await hashPhoneUsernames(ctx.db, pii)).toBe(2);
    expect(await hashPhoneUsernames(ctx.db, pii)).toBe(0);
    const after = await ctx.db.user.findUniqueOrThrow({ where: { id: old.id } });
    expect(after.username).not.toContain('13711112222');
    expect((await apiLogin(ctx, '13711112222', { password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: chosen.id } })).username).not.toContain(
      idNumber.slice(6, 14),
    );
    expect((await apiLogin(ctx, idNumber, { password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await storedNames(ctx)).some((n) => /^1\d{10}$/.test(n) || /^\d{17}[\dx]$/i.test(n))).toBe(false);
  });
});
