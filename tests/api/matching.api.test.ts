/**
 * The matching API through the app. Needs matchingModule registered in services/app.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, type LoadedFixture } from '../../services/matching/eval/load-fixture.ts';
import { createFixtureRepository } from '../../services/matching/eval/fixture.repository.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { miniProvince } from '../fixtures/matching/mini-province.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo, testPasswordHash } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('matching API', () => {
  let ctx: TestContext;
  let ids: LoadedFixture;
  let lin: Headers;
  let changting: Headers;
  let ninghua: Headers;
  let owner: Headers;
  let admin: Headers;
  const person = (key: string) => ids.labourers.get(key)!;
  const job = (key: string) => ids.vacancies.get(key)!;
  const get = (url: string, headers?: Headers) =>
    ctx.app.inject({ method: 'GET', url, ...(headers ? { headers } : {}) });

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    ids = await loadFixture(createFixtureRepository(ctx.db), miniProvince(), new PiiCipher(ctx.config.piiKey));
    await ctx.drain.drainAll();
    await ctx.db.user.create({
      data: {
        username: 'labourer.lin',
        passwordHash: await testPasswordHash(),
        role: 'labourer',
        displayName: '林',
        labourerId: person('lin'),
        regionCode: '350821',
      },
    });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    await createUser(ctx.db, { role: 'employer', employerId: ids.employers.get('ok')!, username: 'employer.ok' });
    lin = await bearer(ctx, 'labourer.lin');
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua');
    owner = await bearer(ctx, 'employer.ok');
    admin = await bearer(ctx, 'admin');
  });
  afterAll(() => ctx.close());

  describe('GET /api/v1/labourers/:id/matches', () => {
    it('answers the person’s best jobs, best first, in the issue’s shape with Chinese reasons', async () => {
      const response = await get(`/api/v1/labourers/${person('lin')}/matches?limit=3`, lin);
      expect(response.statusCode).toBe(200);
      const { items } = response.json();
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThanOrEqual(3);
      expect(Object.keys(items[0]).sort()).toEqual(
        [
          'distanceKm',
          'employerName',
          'reasons',
          'regionCode',
          'regionName',
          'score',
          'title',
          'vacancyId',
          'wageMax',
          'wageMin',
        ].sort(),
      );
      expect(items[0].vacancyId).toBe(job('home'));
      expect(items[0].reasons[0]).toEqual({ code: expect.any(String), text: expect.stringMatching(/[\u4e00-\u9fff]/) });
      const scores = items.map((i: { score: number }) => i.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((s: number) => s >= 0 && s <= 1)).toBe(true);
    });

    it('gives English reasons with lang=en', async () => {
      const { items } = (await get(`/api/v1/labourers/${person('lin')}/matches?limit=1&lang=en`, lin)).json();
      expect(items[0].reasons.map((r: { text: string }) => r.text)).toContain('Work you want: Electronics assembler');
    });

    it('never lists an expired, paused, filled, unverified, out-of-area or out-of-age job', async () => {
      const { items } = (await get(`/api/v1/labourers/${person('lin')}/matches?limit=50`, admin)).json();
      const listed = items.map((i: { vacancyId: string }) => i.vacancyId);
      for (const bad of ['expired', 'lapsed', 'paused', 'filled', 'unverified', 'xiamen', 'young-only', 'welfare']) {
        expect(listed).not.toContain(job(bad));
      }
    });

    it('is for the person, officers of their region and admins only', async () => {
      const url = `/api/v1/labourers/${person('lin')}/matches`;
      expect((await get(url)).statusCode).toBe(401);
      expect((await get(url, changting)).statusCode).toBe(200);
      expect((await get(url, admin)).statusCode).toBe(200);
      expect((await get(url, ninghua)).statusCode).toBe(403);
      expect((await get(url, owner)).statusCode).toBe(403);
      expect((await get(`/api/v1/labourers/${person('chen')}/matches`, lin)).statusCode).toBe(403);
      expect((await get(`/api/v1/labourers/${MISSING}/matches`, admin)).statusCode).toBe(404);
      expect((await get(`${url}?limit=0`, admin)).statusCode).toBe(400);
    });
  });

  describe('feedback', () => {
    const post = (id: string, headers: Headers, payload: object) =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/labourers/${id}/feedback`, headers, payload });

    it('sinks a job the person is not interested in, and a DELETE takes it back', async () => {
      const saved = await post(person('lin'), lin, { vacancyId: job('home'), reason: '离家远' });
      expect(saved.statusCode).toBe(201);
      expect(saved.json()).toMatchObject({ labourerId: person('lin'), vacancyId: job('home'), reason: '离家远' });
      const { items } = (await get(`/api/v1/labourers/${person('lin')}/matches?limit=50`, lin)).json();
      expect(items.at(-1)).toMatchObject({ vacancyId: job('home') });
      expect(items.at(-1).reasons[0].code).toBe('not_interested');
      const url = `/api/v1/labourers/${person('lin')}/feedback/${job('home')}`;
      expect((await ctx.app.inject({ method: 'DELETE', url, headers: lin })).statusCode).toBe(204);
      expect((await ctx.app.inject({ method: 'DELETE', url, headers: lin })).statusCode).toBe(404);
      const again = (await get(`/api/v1/labourers/${person('lin')}/matches?limit=1`, lin)).json();
      expect(again.items[0].vacancyId).toBe(job('home'));
    });

    it('is for the person or an officer of their region, about a job that exists', async () => {
      expect((await post(person('lin'), changting, { vacancyId: job('workshop') })).statusCode).toBe(201);
      expect((await post(person('lin'), ninghua, { vacancyId: job('workshop') })).statusCode).toBe(403);
      expect((await post(person('chen'), lin, { vacancyId: job('workshop') })).statusCode).toBe(403);
      expect((await post(person('lin'), owner, { vacancyId: job('workshop') })).statusCode).toBe(403);
      expect((await post(person('lin'), lin, { vacancyId: MISSING })).statusCode).toBe(404);
      expect((await post(person('lin'), lin, { vacancyId: 'not-an-id' })).statusCode).toBe(400);
    });
  });

  describe('GET /api/v1/vacancies/:id/candidates', () => {
    it('ranks people for the employer with personal data stripped', async () => {
      const response = await get(`/api/v1/vacancies/${job('home')}/candidates?limit=20`, owner);
      expect(response.statusCode).toBe(200);
      const { items } = response.json();
      const ours = items.filter((i: { labourerId: string }) => [...ids.labourers.values()].includes(i.labourerId));
      expect(ours.length).toBe(4);
      for (const item of items) {
        expect(item.name).toMatch(/^.\*+$/);
        expect(item.regionCode).toMatch(/^\d{6}$/);
        expect(item).not.toHaveProperty('phone');
        expect(item).not.toHaveProperty('idNumberMasked');
        expect(item.score).toBeGreaterThanOrEqual(0);
        expect(item.score).toBeLessThanOrEqual(1);
        expect(item.reasons.map((r: { code: string }) => r.code)).not.toContain('disability_friendly');
      }
    });

    it('shows names to officers of the region, and refuses other employers and regions', async () => {
      const { items } = (await get(`/api/v1/vacancies/${job('home')}/candidates`, changting)).json();
      expect(items.find((i: { labourerId: string }) => i.labourerId === person('lin')).name).toBe('测试lin');
      const demoEmployer = await bearer(ctx, 'employer.demo');
      expect((await get(`/api/v1/vacancies/${job('home')}/candidates`, demoEmployer)).statusCode).toBe(403);
      expect((await get(`/api/v1/vacancies/${job('home')}/candidates`, ninghua)).statusCode).toBe(403);
      expect((await get(`/api/v1/vacancies/${job('home')}/candidates`, lin)).statusCode).toBe(403);
      expect((await get(`/api/v1/vacancies/${MISSING}/candidates`, admin)).statusCode).toBe(404);
    });
  });
});
