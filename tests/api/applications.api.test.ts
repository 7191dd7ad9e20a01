import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmployer, createPerson, createVacancy } from '../helpers/applications.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };

/** The applications API through the app (needs applicationsModule registered in services/app.ts). */
describe('applications API', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let employer: Headers;
  let otherEmployer: Headers;
  let labourer: Headers;
  let otherLabourer: Headers;
  let changting: Headers;
  let ninghua: Headers;
  let admin: Headers;
  let demoEmployerId: string;
  let demoLabourerId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    demoEmployerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.demo' } })).employerId!;
    demoLabourerId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } })).labourerId!;
    await ctx.db.labourer.update({ where: { id: demoLabourerId }, data: { hardToEmploy: false } });
    const other = await createEmployer(ctx.db, { regionCode: '350203' });
    await createUser(ctx.db, { role: 'employer', employerId: other.id, username: 'employer.other' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    const stranger = await createPerson(ctx.db, pii, { name: '温秀梅', male: false });
    const strangerUser = await createUser(ctx.db, { role: 'labourer', username: 'labourer.stranger' });
    await ctx.db.user.update({ where: { id: strangerUser.id }, data: { labourerId: stranger.id } });
    employer = await bearer(ctx, 'employer.demo');
    otherEmployer = await bearer(ctx, 'employer.other');
    labourer = await bearer(ctx, 'labourer.demo');
    otherLabourer = await bearer(ctx, 'labourer.stranger');
    changting = await bearer(ctx, 'officer.changting');
    ninghua = await bearer(ctx, 'officer.ninghua');
    admin = await bearer(ctx, 'admin');
  });
  afterAll(() => ctx.close());

  const post = (url: string, headers: Record<string, string>, payload: object) =>
    ctx.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url, headers });
  const apply = (headers: Headers, payload: object) => post('/api/v1/applications', headers, payload);
  const move = (headers: Headers, id: string, payload: object) =>
    post(`/api/v1/applications/${id}/transitions`, headers, payload);
  const job = (over: Parameters<typeof createVacancy>[2] = {}) => createVacancy(ctx.db, demoEmployerId, over);

  async function applied() {
    const vacancy = await job();
    const response = await apply(labourer, { vacancyId: vacancy.id });
    expect(response.statusCode).toBe(201);
    return { vacancy, id: response.json().id as string };
  }

  describe('POST /api/v1/applications', () => {
    it('applies in one tap and answers a duplicate with 409', async () => {
      const vacancy = await job();
      const first = await apply(labourer, { vacancyId: vacancy.id });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ status: 'applied', origin: 'self', labourerId: demoLabourerId });
      const again = await apply(labourer, { vacancyId: vacancy.id, labourerId: demoLabourerId });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'duplicate' } });
    });

    it.each([
      ['closed', { status: 'closed' as const }, 409, 'vacancy_not_open'],
      ['expired', { status: 'expired' as const }, 409, 'vacancy_expired'],
      ['public-welfare', { publicWelfarePost: true }, 403, 'public_welfare_only'],
    ])('refuses a %s vacancy with %i and the reason', async (_label, over, status, reason) => {
      const vacancy = await job(over);
      const response = await apply(labourer, { vacancyId: vacancy.id });
      expect(response.statusCode).toBe(status);
      expect(response.json().details).toEqual({ reason });
    });

    it('refuses a vacancy of an unverified employer with 409', async () => {
      const unverified = await createEmployer(ctx.db, { verified: false });
      const vacancy = await createVacancy(ctx.db, unverified.id);
      const response = await apply(labourer, { vacancyId: vacancy.id });
      expect(response.statusCode).toBe(409);
      expect(response.json().details).toEqual({ reason: 'employer_unverified' });
    });

    it('lets an officer apply for a person of the region and refuses one of another county', async () => {
      const vacancy = await job();
      const person = await createPerson(ctx.db, pii);
      expect((await apply(ninghua, { vacancyId: vacancy.id, labourerId: person.id })).statusCode).toBe(403);
      const response = await apply(changting, { vacancyId: vacancy.id, labourerId: person.id });
      expect(response.statusCode).toBe(201);
      expect(response.json().origin).toBe('officer');
    });

    it('lets an employer invite to its own vacancy only', async () => {
      const vacancy = await job();
      const person = await createPerson(ctx.db, pii, { name: '曾德胜' });
      expect((await apply(otherEmployer, { vacancyId: vacancy.id, labourerId: person.id })).statusCode).toBe(403);
      const invited = await apply(employer, { vacancyId: vacancy.id, labourerId: person.id });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({ status: 'invited', origin: 'invitation', labourer: { name: '曾**' } });
    });

    it('refuses a labourer applying for someone else, a bad body and a caller without a token', async () => {
      const vacancy = await job();
      const person = await createPerson(ctx.db, pii);
      expect((await apply(labourer, { vacancyId: vacancy.id, labourerId: person.id })).statusCode).toBe(403);
      expect((await apply(labourer, { vacancyId: 'nope' })).statusCode).toBe(400);
      expect((await post('/api/v1/applications', {}, { vacancyId: vacancy.id })).statusCode).toBe(401);
      expect((await apply(labourer, { vacancyId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    });
  });

  describe('POST /api/v1/applications/:id/transitions', () => {
    it('moves an application and answers an illegal step with 409 naming both states', async () => {
      const { id } = await applied();
      const viewed = await move(employer, id, { to: 'viewed' });
      expect(viewed.statusCode).toBe(200);
      expect(viewed.json()).toMatchObject({ status: 'viewed', next: ['interview', 'offered', 'rejected'] });
      const illegal = await move(employer, id, { to: 'started' });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().message).toMatch(/from viewed to started/);
      expect(illegal.json().details).toEqual({ from: 'viewed', to: 'started' });
    });

    it('asks an interview for its time and place with 400 naming the field', async () => {
      const { id } = await applied();
      const missing = await move(employer, id, { to: 'interview', interviewAt: '2030-05-01T10:00' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().details).toEqual([expect.objectContaining({ field: 'interviewPlace', code: 'required' })]);
      expect((await move(employer, id, { to: 'nowhere' })).statusCode).toBe(400);
      const ok = await move(employer, id, {
        to: 'interview',
        interviewAt: '2030-05-01T10:00',
        interviewPlace: '长汀县汀州镇工业园区3号楼',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().interviewAt).toBe('2030-05-01T02:00:00.000Z');
    });

    it('hires through the API and changes the person’s employment status with history', async () => {
      const { id } = await applied();
      expect((await move(employer, id, { to: 'offered', offeredWage: 4500 })).statusCode).toBe(200);
      expect((await move(employer, id, { to: 'hired' })).statusCode).toBe(200);
      const profile = await get(`/api/v1/labourers/${demoLabourerId}/status-history`, changting);
      expect(profile.json().items.at(-1)).toMatchObject({ toStatus: 'employed_local', source: 'application' });
      const left = await move(changting, id, { to: 'left', leftReason: '身体原因' });
      expect(left.json()).toMatchObject({ status: 'left', earlyLeave: true });
      const person = await get(`/api/v1/labourers/${demoLabourerId}`, changting);
      expect(person.json().employmentStatus).toBe('unemployed');
    });

    it.each([
      ['another employer', () => otherEmployer, { to: 'viewed' }],
      ['an officer of another county', () => ninghua, { to: 'withdrawn' }],
      ['another labourer', () => otherLabourer, { to: 'withdrawn' }],
      ['the labourer taking an employer’s step', () => labourer, { to: 'viewed' }],
    ])('refuses %s with 403', async (_label, who, body) => {
      const { id } = await applied();
      const response = await move(who(), id, body);
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
    });

    it('answers an unknown application with 404', async () => {
      const response = await move(admin, '00000000-0000-4000-8000-000000000000', { to: 'viewed' });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('reading', () => {
    it('gives one application with its history, within scope only', async () => {
      const { id } = await applied();
      await move(employer, id, { to: 'viewed' });
      const mine = await get(`/api/v1/applications/${id}`, labourer);
      expect(mine.statusCode).toBe(200);
      expect(mine.json().transitions.map((t: { toStatus: string }) => t.toStatus)).toEqual(['applied', 'viewed']);
      const asEmployer = await get(`/api/v1/applications/${id}`, employer);
      expect(asEmployer.json().labourer.idNumberMasked).toBeNull();
      expect((await get(`/api/v1/applications/${id}`, changting)).json().labourer.idNumberMasked).toMatch(/\*{8}/);
      for (const who of [otherEmployer, ninghua, otherLabourer]) {
        expect((await get(`/api/v1/applications/${id}`, who)).statusCode).toBe(403);
      }
      expect((await get('/api/v1/applications/00000000-0000-4000-8000-000000000000', admin)).statusCode).toBe(404);
    });

    it('lists a vacancy’s applicants for its employer and refuses other employers', async () => {
      const { vacancy } = await applied();
      const list = await get(`/api/v1/applications?vacancyId=${vacancy.id}`, employer);
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(1);
      const body = JSON.stringify(list.json());
      const person = await ctx.db.labourer.findUniqueOrThrow({ where: { id: demoLabourerId } });
      expect(body).not.toContain(person.name);
      expect(body).not.toContain(person.idNumberMasked);
      expect((await get(`/api/v1/applications?vacancyId=${vacancy.id}`, otherEmployer)).statusCode).toBe(403);
      expect((await get(`/api/v1/applications?vacancyId=${vacancy.id}`, labourer)).statusCode).toBe(403);
    });

    it('lists a person’s applications for officers of the region only', async () => {
      await applied();
      const list = await get(`/api/v1/applications?labourerId=${demoLabourerId}`, changting);
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBeGreaterThan(0);
      expect((await get(`/api/v1/applications?labourerId=${demoLabourerId}`, ninghua)).statusCode).toBe(403);
    });

    it('gives a labourer their own list, invitations included', async () => {
      const vacancy = await job();
      await apply(employer, { vacancyId: vacancy.id, labourerId: demoLabourerId });
      const mine = await get('/api/v1/applications/mine', labourer);
      expect(mine.statusCode).toBe(200);
      expect(mine.json().items).toEqual(
        expect.arrayContaining([expect.objectContaining({ status: 'invited', next: ['applied', 'withdrawn'] })]),
      );
      expect((await get('/api/v1/applications/mine', employer)).statusCode).toBe(403);
    });
  });

  describe('employer portal API', () => {
    it('finds candidates without personal data and refuses another employer’s vacancy', async () => {
      const vacancy = await job({ ageMin: null, ageMax: null });
      const person = await createPerson(ctx.db, pii, { name: '谢海涛', skills: ['S-MASONRY'] });
      await ctx.drain.drainAll();
      const found = await get(`/api/v1/applications/candidates?vacancyId=${vacancy.id}&skill=S-MASONRY`, employer);
      expect(found.statusCode).toBe(200);
      expect(found.json().items).toEqual([
        expect.objectContaining({ labourerId: person.id, maskedName: '谢**', applicationStatus: null }),
      ]);
      expect(found.body).not.toContain('谢海涛');
      expect(found.body).not.toContain(person.idNumber);
      expect(found.body).not.toContain('13905971234');
      expect((await get(`/api/v1/applications/candidates?vacancyId=${vacancy.id}`, otherEmployer)).statusCode).toBe(
        403,
      );
      expect((await get(`/api/v1/applications/candidates?vacancyId=${vacancy.id}`, changting)).statusCode).toBe(403);
    });

    it('gives hires and retention to the employer and to officers of its region', async () => {
      const own = await get('/api/v1/applications/retention', employer);
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ employerId: demoEmployerId, hires: expect.any(Number) });
      expect((await get(`/api/v1/applications/retention?employerId=${demoEmployerId}`, changting)).statusCode).toBe(
        200,
      );
      expect((await get(`/api/v1/applications/retention?employerId=${demoEmployerId}`, ninghua)).statusCode).toBe(403);
      const other = await ctx.db.user.findUniqueOrThrow({ where: { username: 'employer.other' } });
      expect((await get(`/api/v1/applications/retention?employerId=${other.employerId}`, employer)).statusCode).toBe(
        403,
      );
      expect((await get('/api/v1/applications/retention', labourer)).statusCode).toBe(403);
    });

    it('documents the routes in the OpenAPI document', async () => {
      const doc = (await get('/docs/json', {})).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/applications',
          '/api/v1/applications/{id}/transitions',
          '/api/v1/applications/candidates',
        ]),
      );
    });
  });
});
