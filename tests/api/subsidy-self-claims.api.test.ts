import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { selfClaimsFixture } from '../helpers/self-claims-fixture.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
type Fixture = Awaited<ReturnType<typeof selfClaimsFixture>>;

/** Claims made by claimants themselves (issue #20): an employer for its hires, a person for themself. */
describe('self-service subsidy claims API', () => {
  let ctx: TestContext;
  let f: Fixture;
  const h = {} as Record<keyof Fixture['users'], Headers>;
  const send = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ctx = await createTestContext();
    f = await selfClaimsFixture(ctx.db, new PiiCipher(ctx.config.piiKey));
    for (const [key, username] of Object.entries(f.users))
      h[key as keyof Fixture['users']] = await bearer(ctx, username);
  });
  afterAll(() => ctx.close());

  describe('an employer', () => {
    let draftId: string;

    it('sees the programmes it may claim and its own hires, masked, nobody else’s', async () => {
      const options = await send('GET', '/api/v1/subsidy-claims/mine/options', h.workshop);
      expect(options.statusCode).toBe(200);
      // A workshop: hiring subsidy 1,000 per person, no workshop bonus inside it; the workshop's award
      // (奖补, plan §2(1)) is the separate 500 of workshop_award — paid once, not twice.
      expect(options.json().programmes).toEqual([
        expect.objectContaining({ code: 'hiring', amount: 1_000 }),
        expect.objectContaining({ code: 'workshop_award', amount: 500 }),
      ]);
      const hires = options.json().hires.map((x: { applicationId: string }) => x.applicationId);
      expect(hires.sort()).toEqual([f.keptHire.id, f.recentHire.id].sort());
      expect(options.body).toContain('钟**');
      expect(options.body).not.toContain('钟有福');
      const plain = await send('GET', '/api/v1/subsidy-claims/mine/options', h.other);
      expect(plain.json().programmes.map((p: { code: string }) => p.code)).toEqual(['hiring']);
    });

    it('saves a draft for its hire, submits it, and the officer’s worklist shows it', async () => {
      const draft = await send('POST', '/api/v1/subsidy-claims/mine', h.workshop, {
        programmeCode: 'hiring',
        applicationId: f.keptHire.id,
        evidence: { labour_contract: 'HT-2026-018' },
      });
      expect(draft.statusCode).toBe(201);
      expect(draft.json()).toMatchObject({ status: 'draft', claimant: 'employer', amount: 1_000 });
      draftId = draft.json().id;
      const submitted = await send('POST', `/api/v1/subsidy-claims/mine/${draftId}/submission`, h.workshop);
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().steps.map((s: { to: string }) => s.to)).toEqual(['draft', 'submitted']);
      expect(submitted.json().steps.every((s: { by: string | null }) => s.by === '测试employer')).toBe(true);

      const worklist = await send('GET', '/api/v1/subsidy-claims?programme=hiring', h.officer);
      expect(worklist.json().items.map((c: { id: string }) => c.id)).toContain(draftId);
      const checked = await send('POST', `/api/v1/subsidy-claims/${draftId}/transitions`, h.officer, {
        action: 'reject',
        reason: '劳动合同未盖章',
      });
      expect(checked.json().status).toBe('rejected');
      const mine = await send('GET', `/api/v1/subsidy-claims/mine/${draftId}`, h.workshop);
      expect(mine.json()).toMatchObject({ status: 'rejected', rejectionReason: '劳动合同未盖章' });
      expect(mine.json().steps.at(-1)).toMatchObject({ to: 'rejected', by: '县人社经办员', note: '劳动合同未盖章' });
    });

    it('is refused a second claim on the same hire with 409 duplicate', async () => {
      const again = await send('POST', '/api/v1/subsidy-claims/mine', h.workshop, {
        programmeCode: 'hiring',
        applicationId: f.keptHire.id,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().details).toMatchObject({ reason: 'duplicate' });
    });

    it('is refused a hire kept one month only, with the failed check named', async () => {
      const early = await send('POST', '/api/v1/subsidy-claims/mine', h.workshop, {
        programmeCode: 'hiring',
        applicationId: f.recentHire.id,
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().details).toMatchObject({
        reason: 'not_eligible',
        checks: [{ rule: 'kept_qualifying_months', passed: false, detail: '6' }],
      });
    });

    it('cannot see or claim another employer’s records (404) nor a programme not its own (403)', async () => {
      expect((await send('GET', `/api/v1/subsidy-claims/mine/${draftId}`, h.other)).statusCode).toBe(404);
      expect((await send('POST', `/api/v1/subsidy-claims/mine/${draftId}/submission`, h.other)).statusCode).toBe(404);
      expect((await send('GET', `/api/v1/subsidy-claims/mine/${draftId}`, h.founder)).statusCode).toBe(404);
      const foreign = await send('POST', '/api/v1/subsidy-claims/mine', h.other, {
        programmeCode: 'hiring',
        applicationId: f.keptHire.id,
      });
      expect(foreign.statusCode).toBe(404);
      const award = await send('POST', '/api/v1/subsidy-claims/mine', h.other, {
        programmeCode: 'workshop_award',
        applicationId: f.otherHire.id,
      });
      expect(award.statusCode).toBe(403);
      expect((await send('GET', '/api/v1/subsidy-claims/mine', h.other)).json().total).toBe(0);
    });

    it('names the missing fields of an empty claim (400)', async () => {
      const empty = await send('POST', '/api/v1/subsidy-claims/mine', h.workshop, {});
      expect(empty.statusCode).toBe(400);
      expect(empty.json().details).toEqual([expect.objectContaining({ field: 'programmeCode' })]);
      const noHire = await send('POST', '/api/v1/subsidy-claims/mine', h.workshop, { programmeCode: 'workshop_award' });
      expect(noHire.statusCode).toBe(400);
      expect(noHire.json().details).toEqual([expect.objectContaining({ field: 'applicationId' })]);
    });
  });

  describe('a person', () => {
    it('claims start-up support with a business registration, and may withdraw the draft', async () => {
      const draft = await send('POST', '/api/v1/subsidy-claims/mine', h.founder, {
        programmeCode: 'startup_support',
        evidence: { business_licence: '92350821MA8XYZ123K' },
      });
      expect(draft.statusCode).toBe(201);
      // One-off start-up support: the province's 10,000 yuan, at most 10,000 (plan §2(1)).
      expect(draft.json()).toMatchObject({ status: 'draft', claimant: 'person', claimantName: '邱**', amount: 10_000 });
      const id = draft.json().id;
      const withdrawn = await send('POST', `/api/v1/subsidy-claims/mine/${id}/withdrawal`, h.founder);
      expect(withdrawn.json()).toEqual({ id, withdrawn: true });
      expect((await send('GET', `/api/v1/subsidy-claims/mine/${id}`, h.founder)).statusCode).toBe(404);
      expect(
        await ctx.db.auditLog.count({
          where: { entityId: id, action: 'subsidy.claim.withdraw', actorRole: 'labourer' },
        }),
      ).toBe(1);

      const claim = await send('POST', '/api/v1/subsidy-claims/mine', h.founder, {
        programmeCode: 'startup_support',
        submit: true,
      });
      expect(claim.json()).toMatchObject({ status: 'submitted' });
      const late = await send('POST', `/api/v1/subsidy-claims/mine/${claim.json().id}/withdrawal`, h.founder);
      expect(late.statusCode).toBe(409);
      expect(late.json().details).toMatchObject({ reason: 'wrong_status', status: 'submitted' });
      const again = await send('POST', '/api/v1/subsidy-claims/mine', h.founder, { programmeCode: 'startup_support' });
      expect(again.statusCode).toBe(409);
      expect(again.json().details).toMatchObject({ reason: 'duplicate' });

      const list = await send('GET', '/api/v1/subsidy-claims/mine', h.founder);
      expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([claim.json().id]);
      expect((await send('GET', `/api/v1/subsidy-claims/mine/${claim.json().id}`, h.noBusiness)).statusCode).toBe(404);
    });

    it('sees the two programmes a person may claim at its region’s amounts, and its business on record', async () => {
      const options = await send('GET', '/api/v1/subsidy-claims/mine/options', h.founder);
      // Start-up support ≤ 10,000 yuan once (plan §2(1)); the graduates' 2,000 yuan (plan §5(4)).
      expect(options.json()).toMatchObject({
        claimant: 'person',
        linked: true,
        hires: [],
        business: { name: '长汀县福生农产品经营部', registeredOn: '2026-03-01', returningMigrant: false },
      });
      expect(options.json().programmes).toEqual([
        expect.objectContaining({ code: 'startup_support', amount: 10_000, evidence: ['business_licence'] }),
        expect.objectContaining({ code: 'graduate_job_seeking', amount: 2_000 }),
      ]);
    });

    it('is refused start-up support without a business registration, the failed check named', async () => {
      const refused = await send('POST', '/api/v1/subsidy-claims/mine', h.noBusiness, {
        programmeCode: 'startup_support',
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().details.checks).toEqual([
        expect.objectContaining({ rule: 'business_registered', passed: false }),
      ]);
    });

    it('may not claim an employer’s programme, and an officer may not use these routes', async () => {
      const hiring = await send('POST', '/api/v1/subsidy-claims/mine', h.founder, {
        programmeCode: 'hiring',
        applicationId: f.keptHire.id,
      });
      expect(hiring.statusCode).toBe(403);
      expect((await send('GET', '/api/v1/subsidy-claims/mine', h.officer)).statusCode).toBe(403);
    });
  });
});
