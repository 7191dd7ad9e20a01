import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import { bearer } from '../helpers/auth.ts';
import { buildVacancy, createUser, seedSmallDemo } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };

let serial = 0;
function creditCode(region = '350821'): string {
  serial += 1;
  const body = `9135${region.slice(2, 6)}MA${String(serial).padStart(7, '0')}`;
  return body + creditCodeCheck(body);
}

const employerBody = (overrides: Record<string, unknown> = {}) => ({
  name: '长汀县策武镇竹编扶贫车间',
  creditCode: creditCode(),
  kind: 'poverty_workshop',
  regionCode: '350821',
  address: '长汀县策武镇南坑村',
  contactName: '赖春生',
  contactPhone: '13905970001',
  ...overrides,
});

describe('employers and vacancies API', () => {
  let ctx: TestContext;
  let changting: Headers;
  let ninghua: Headers;
  let employer: Headers;
  let labourer: Headers;
  let demoEmployerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua');
    employer = await bearer(ctx, 'employer.demo');
    labourer = await bearer(ctx, 'labourer.demo');
    demoEmployerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } })).employerId!;
  });
  afterAll(() => ctx.close());

  const post = (url: string, headers: Headers, payload: unknown) =>
    ctx.app.inject({ method: 'POST', url, headers, payload: payload as object });
  const patch = (url: string, headers: Headers, payload: unknown) =>
    ctx.app.inject({ method: 'PATCH', url, headers, payload: payload as object });

  describe('employers', () => {
    it('registers an employer with a valid credit code and rejects a bad one naming the field', async () => {
      const created = await post('/api/v1/employers', changting, employerBody());
      expect(created.statusCode).toBe(201);
      const code = creditCode();
      const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
      const refused = await post('/api/v1/employers', changting, employerBody({ creditCode: bad }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details).toEqual([
        expect.objectContaining({ field: 'creditCode', message: expect.stringMatching(/credit code/) }),
      ]);
      const short = await post('/api/v1/employers', changting, employerBody({ creditCode: '91350821' }));
      expect(short.json().details[0].message).toMatch(/18 characters/);
    });

    it('answers 409 for a credit code already registered, and 403 outside the officer’s region', async () => {
      const body = employerBody();
      expect((await post('/api/v1/employers', changting, body)).statusCode).toBe(201);
      expect((await post('/api/v1/employers', changting, { ...body, name: '另一家' })).statusCode).toBe(409);
      expect((await post('/api/v1/employers', ninghua, employerBody())).statusCode).toBe(403);
    });

    it('lets only an officer of the region verify, and verification makes the jobs public', async () => {
      const { id } = (await post('/api/v1/employers', changting, employerBody())).json();
      const vacancy = (await post('/api/v1/vacancies', changting, buildVacancy(id))).json();
      await patch(`/api/v1/vacancies/${vacancy.id}`, changting, { status: 'open' });
      expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/vacancies/${vacancy.id}` })).statusCode).toBe(404);
      expect((await post(`/api/v1/employers/${id}/verify`, ninghua, { verified: true })).statusCode).toBe(403);
      expect((await post(`/api/v1/employers/${id}/verify`, employer, { verified: true })).statusCode).toBe(403);
      const verified = await post(`/api/v1/employers/${id}/verify`, changting, {
        verified: true,
        note: '营业执照已核验',
      });
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ verified: true, verificationNote: '营业执照已核验' });
      expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/vacancies/${vacancy.id}` })).statusCode).toBe(200);
    });

    it('shows an employer only to itself and to officers of its region', async () => {
      expect(
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/employers/${demoEmployerId}`, headers: employer }))
          .statusCode,
      ).toBe(200);
      expect(
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/employers/${demoEmployerId}`, headers: ninghua }))
          .statusCode,
      ).toBe(403);
      expect(
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/employers/${demoEmployerId}`, headers: labourer }))
          .statusCode,
      ).toBe(403);
      const other = await ctx.db.employer.findFirstOrThrow({ where: { id: { not: demoEmployerId } } });
      expect(
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/employers/${other.id}`, headers: employer })).statusCode,
      ).toBe(403);
      const list = (
        await ctx.app.inject({ method: 'GET', url: '/api/v1/employers?verified=false', headers: changting })
      ).json();
      expect(
        list.items.every(
          (e: { regionCode: string; verified: boolean }) => e.regionCode.startsWith('350821') && !e.verified,
        ),
      ).toBe(true);
    });
  });

  describe('vacancies', () => {
    it('refuses discriminating wording in the title or description with a clear message', async () => {
      const title = await post(
        '/api/v1/vacancies',
        employer,
        buildVacancy(demoEmployerId, { title: '普工（限男性）' }),
      );
      expect(title.statusCode).toBe(400);
      expect(title.json().details).toEqual([
        expect.objectContaining({ field: 'title', code: 'discriminatory', message: expect.stringContaining('限男性') }),
      ]);
      const description = await post(
        '/api/v1/vacancies',
        employer,
        buildVacancy(demoEmployerId, { description: '车缝工，仅招女性，要求汉族，手脚麻利。' }),
      );
      expect(description.statusCode).toBe(400);
      expect(description.json().message).toContain('仅招女性');
      const fine = await post(
        '/api/v1/vacancies',
        employer,
        buildVacancy(demoEmployerId, { description: '车缝工，男女不限，民族不限，有师傅带。' }),
      );
      expect(fine.statusCode).toBe(201);
    });

    it('has no field for sex or ethnicity at all', async () => {
      const response = await post('/api/v1/vacancies', employer, {
        ...buildVacancy(demoEmployerId),
        sex: 'male',
        ethnicity: '汉族',
      });
      expect(response.statusCode).toBe(201);
      expect(JSON.stringify(response.json())).not.toMatch(/"sex"|ethnicity/);
    });

    it('moves through draft → open → paused → open → closed and refuses illegal moves with 409', async () => {
      const v = (await post('/api/v1/vacancies', employer, buildVacancy(demoEmployerId))).json();
      expect(v.status).toBe('draft');
      const url = `/api/v1/vacancies/${v.id}`;
      const open = await patch(url, employer, { status: 'open' });
      expect(open.json()).toMatchObject({
        status: 'open',
        publishedAt: expect.any(String),
        expiresAt: expect.any(String),
      });
      expect((await patch(url, employer, { status: 'draft' })).statusCode).toBe(409);
      expect((await patch(url, employer, { status: 'paused' })).json().status).toBe('paused');
      expect((await patch(url, employer, { status: 'open' })).json().status).toBe('open');
      expect((await patch(url, employer, { status: 'closed' })).json().status).toBe('closed');
      const reopen = await patch(url, employer, { status: 'open' });
      expect(reopen.statusCode).toBe(409);
      expect(reopen.json().message).toContain('closed to open');
    });

    it('expires open vacancies past their date, re-indexes them and hides them from search', async () => {
      const v = (
        await post('/api/v1/vacancies', employer, buildVacancy(demoEmployerId, { title: '竹编工艺品包装工' }))
      ).json();
      await patch(`/api/v1/vacancies/${v.id}`, employer, { status: 'open' });
      await ctx.drain.drainAll();
      const find = async () =>
        (
          await ctx.app.inject({
            method: 'GET',
            url: `/api/v1/vacancies/search?q=${encodeURIComponent('竹编工艺品包装')}`,
          })
        )
          .json()
          .items.map((i: { id: string }) => i.id);
      expect(await find()).toContain(v.id);
      await ctx.db.vacancy.update({ where: { id: v.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const { createVacanciesService } = await import('../../services/vacancies/vacancies.service.ts');
      const { createVacanciesRepository } = await import('../../services/vacancies/vacancies.repository.ts');
      const { ReferenceNames } = await import('../../services/platform/reference/reference-data.ts');
      const { createReferenceRepository } = await import('../../services/platform/reference/reference.repository.ts');
      const service = createVacanciesService({
        repo: createVacanciesRepository(ctx.db),
        reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
      });
      expect(await service.expireDue()).toBeGreaterThanOrEqual(1);
      expect((await ctx.db.vacancy.findUniqueOrThrow({ where: { id: v.id } })).status).toBe('expired');
      await ctx.drain.drainAll();
      expect(await find()).not.toContain(v.id);
    });

    it('keeps employers to their own vacancies and officers to their region', async () => {
      const other = await ctx.db.employer.findFirstOrThrow({
        where: { id: { not: demoEmployerId }, regionCode: { startsWith: '350821' } },
      });
      expect((await post('/api/v1/vacancies', employer, buildVacancy(other.id))).statusCode).toBe(403);
      const mine = (await post('/api/v1/vacancies', employer, buildVacancy(demoEmployerId))).json();
      expect((await patch(`/api/v1/vacancies/${mine.id}`, ninghua, { headcount: 2 })).statusCode).toBe(403);
      expect((await patch(`/api/v1/vacancies/${mine.id}`, labourer, { headcount: 2 })).statusCode).toBe(403);
      expect((await patch(`/api/v1/vacancies/${mine.id}`, changting, { headcount: 2 })).json().headcount).toBe(2);
      expect(
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/employers/${other.id}/vacancies`, headers: employer }))
          .statusCode,
      ).toBe(403);
      // A draft is not visible to the public.
      expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/vacancies/${mine.id}` })).statusCode).toBe(404);
    });

    it('rejects wage and age ranges the wrong way round', async () => {
      const response = await post(
        '/api/v1/vacancies',
        employer,
        buildVacancy(demoEmployerId, { wageMin: 5000, wageMax: 3000, ageMin: 40, ageMax: 30 }),
      );
      expect(response.statusCode).toBe(400);
      expect(
        response
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['ageMax', 'wageMax']);
    });
  });

  describe('search', () => {
    it('finds open jobs by Chinese text with filters, facets, distance and pages', async () => {
      const v = (
        await post(
          '/api/v1/vacancies',
          employer,
          buildVacancy(demoEmployerId, {
            title: '电子厂插件普工',
            wageMin: 4200,
            wageMax: 6000,
            accommodation: true,
            regionCode: '350821',
          }),
        )
      ).json();
      await patch(`/api/v1/vacancies/${v.id}`, employer, { status: 'open' });
      await ctx.drain.drainAll();
      const search = (query: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/vacancies/search?${query}` });
      const hit = await search(`q=${encodeURIComponent('插件普工')}&regionCode=3508&minWage=5000&accommodation=true`);
      expect(hit.statusCode).toBe(200);
      const body = hit.json();
      expect(body.items.map((i: { id: string }) => i.id)).toContain(v.id);
      expect(
        body.items.every((i: { wageMax: number; accommodation: boolean }) => i.wageMax >= 5000 && i.accommodation),
      ).toBe(true);
      expect(body.facets.categoryCode).toBeTruthy();
      const near = (await search('lat=25.84&lng=116.36&radiusKm=30&sort=distance')).json();
      expect(near.items.length).toBeGreaterThan(0);
      expect(near.items[0].distanceKm).toBeLessThanOrEqual(30);
      const distances = near.items.map((i: { distanceKm: number }) => i.distanceKm);
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
      const page2 = (await search('pageSize=2&page=2')).json();
      expect(page2).toMatchObject({ page: 2, pageSize: 2 });
      expect((await search('sort=distance')).statusCode).toBe(400);
      expect((await search('pageSize=500')).statusCode).toBe(400);
    });

    it('never shows drafts, closed jobs or jobs of unverified employers', async () => {
      const results = (await ctx.app.inject({ method: 'GET', url: '/api/v1/vacancies/search?pageSize=50' })).json();
      const ids = results.items.map((i: { id: string }) => i.id);
      const hidden = await ctx.db.vacancy.findMany({
        where: { OR: [{ status: { not: 'open' } }, { employer: { verifiedAt: null } }] },
        select: { id: true },
      });
      expect(hidden.length).toBeGreaterThan(0);
      for (const { id } of hidden) expect(ids).not.toContain(id);
    });
  });
});
