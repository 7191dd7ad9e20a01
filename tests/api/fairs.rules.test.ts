import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmployer, createVacancy } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };

const plan = (over: Record<string, unknown> = {}) => ({
  kind: 'spring_breeze',
  name: '春风行动长汀专场',
  startsAt: '2027-02-20T09:00',
  endsAt: '2027-02-20T16:00',
  regionCode: '350821',
  address: '长汀县汀州镇人力资源市场',
  organiser: '长汀县人社局',
  ...over,
});

describe('fairs API rules', () => {
  let ctx: TestContext;
  let changting: Headers;
  let ninghua: Headers;
  let employer: Headers;
  let unverified: Headers;
  let labourer: Headers;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua-fairs' });
    const pending = await createEmployer(ctx.db, { verified: false });
    await createUser(ctx.db, { role: 'employer', employerId: pending.id, username: 'employer.unverified' });
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua-fairs');
    employer = await bearer(ctx, 'employer.demo');
    unverified = await bearer(ctx, 'employer.unverified');
    labourer = await bearer(ctx, 'labourer.demo');
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const fields = (body: { details: Array<{ field: string }> }) => body.details.map((d) => d.field);

  async function planned(over: Record<string, unknown> = {}) {
    const response = await call('POST', '/api/v1/fairs', changting, plan(over));
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string };
  }

  describe('input', () => {
    it('names the fields that are missing or wrong', async () => {
      const missing = await call('POST', '/api/v1/fairs', changting, { ...plan(), name: undefined, kind: 'fun_fair' });
      expect(missing.statusCode).toBe(400);
      expect(fields(missing.json())).toEqual(expect.arrayContaining(['name', 'kind']));
      const backwards = await call('POST', '/api/v1/fairs', changting, plan({ endsAt: '2027-02-19' }));
      expect(backwards.statusCode).toBe(400);
      expect(fields(backwards.json())).toEqual(['endsAt']);
      const nowhere = await call('POST', '/api/v1/fairs', changting, plan({ address: undefined }));
      expect(fields(nowhere.json())).toEqual(['address']);
      const coop = await call('POST', '/api/v1/fairs', changting, plan({ kind: 'cooperation', regionCode: '330100' }));
      expect(fields(coop.json())).toEqual(['partnerRegionCode', 'homeRegionCode']);
    });

    it('takes an online fair without an address', async () => {
      const online = await call('POST', '/api/v1/fairs', changting, plan({ kind: 'online', address: undefined }));
      expect(online.statusCode).toBe(201);
      expect(online.json().online).toBe(true);
    });

    it('refuses a typed code that cannot be a code with 400 naming code', async () => {
      const fair = await planned();
      await call('POST', `/api/v1/fairs/${fair.id}/state`, changting, { to: 'registration' });
      await call('POST', `/api/v1/fairs/${fair.id}/state`, changting, { to: 'ongoing' });
      const response = await call('POST', `/api/v1/fairs/${fair.id}/check-ins`, changting, { code: 'UUUU' });
      expect(response.statusCode).toBe(400);
      expect(fields(response.json())).toEqual(['code']);
      const unknown = await call('POST', `/api/v1/fairs/${fair.id}/check-ins`, changting, { code: 'ABCD2345' });
      expect(unknown.statusCode).toBe(404);
      const walkIn = await call('POST', `/api/v1/fairs/${fair.id}/walk-ins`, changting, {
        idNumber: '350821199001010000',
      });
      expect(fields(walkIn.json())).toEqual(['idNumber']);
    });
  });

  describe('states', () => {
    it.each([
      ['planned', 'closed'],
      ['planned', 'ongoing'],
    ])('refuses %s → %s with 409', async (_from, to) => {
      const fair = await planned();
      const response = await call('POST', `/api/v1/fairs/${fair.id}/state`, changting, { to });
      expect(response.statusCode).toBe(409);
      expect(response.json().details).toMatchObject({ reason: 'illegal_move', from: 'planned', to });
    });

    it('never reopens a cancelled fair, and keeps people from registering before registration opens', async () => {
      const fair = await planned();
      expect((await call('POST', `/api/v1/fairs/${fair.id}/registrations`, labourer, {})).statusCode).toBe(409);
      expect((await call('POST', `/api/v1/fairs/${fair.id}/state`, changting, { to: 'cancelled' })).statusCode).toBe(
        200,
      );
      expect((await call('POST', `/api/v1/fairs/${fair.id}/state`, changting, { to: 'registration' })).statusCode).toBe(
        409,
      );
      expect((await call('PATCH', `/api/v1/fairs/${fair.id}`, changting, { name: '改名' })).statusCode).toBe(409);
    });
  });

  describe('scope', () => {
    it("gives officers of another county 403 on the fair and on planning in Changting's area", async () => {
      const fair = await planned();
      expect((await call('GET', `/api/v1/fairs/${fair.id}`, ninghua)).statusCode).toBe(403);
      expect((await call('POST', `/api/v1/fairs/${fair.id}/state`, ninghua, { to: 'registration' })).statusCode).toBe(
        403,
      );
      expect((await call('GET', `/api/v1/fairs/${fair.id}/results`, ninghua)).statusCode).toBe(403);
      expect((await call('POST', '/api/v1/fairs', ninghua, plan())).statusCode).toBe(403);
      const list = (await call('GET', '/api/v1/fairs', ninghua)).json();
      expect(list.items.map((f: { id: string }) => f.id)).not.toContain(fair.id);
    });

    it('lets officers of the home region run a cooperation fair held in the partner area', async () => {
      const coop = await call(
        'POST',
        '/api/v1/fairs',
        changting,
        plan({ kind: 'cooperation', regionCode: '330106', homeRegionCode: '350821', partnerRegionCode: '330100' }),
      );
      expect(coop.statusCode).toBe(201);
      expect((await call('GET', `/api/v1/fairs/${coop.json().id}`, changting)).statusCode).toBe(200);
      expect((await call('GET', `/api/v1/fairs/${coop.json().id}`, ninghua)).statusCode).toBe(403);
    });

    it('keeps employers to their own data and unverified employers out', async () => {
      const fair = await planned();
      await call('POST', `/api/v1/fairs/${fair.id}/state`, changting, { to: 'registration' });
      const refused = await call('POST', `/api/v1/fairs/${fair.id}/employers`, unverified, {});
      expect(refused.statusCode).toBe(409);
      expect(refused.json().details).toMatchObject({ reason: 'employer_not_verified' });
      const other = await createEmployer(ctx.db);
      const foreign = await createVacancy(ctx.db, other.id);
      const attached = await call('POST', `/api/v1/fairs/${fair.id}/employers`, employer, { vacancyIds: [foreign.id] });
      expect(attached.statusCode).toBe(403);
      expect((await call('GET', `/api/v1/fairs/${fair.id}/results`, employer)).statusCode).toBe(403);
      expect((await call('GET', `/api/v1/fairs/${fair.id}/registrations`, employer)).statusCode).toBe(403);
    });
  });
});
