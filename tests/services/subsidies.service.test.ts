import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChinaTime } from '../../services/platform/time/china-time.ts';
import {
  createAccount,
  createApplication,
  createEmployer,
  createPerson,
  createVacancy,
} from '../helpers/applications.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../services/platform/errors/domain-errors.ts';
import { tableStream } from '../../services/platform/export/tabular.ts';
import type { SessionUser } from '../../services/platform/http/fastify-types.ts';
import { decisionsTable, eligibilityTable } from '../../services/subsidies/subsidies.export.ts';
import { createClaimsRepository } from '../../services/subsidies/claims.repository.ts';
import { createProgrammesRepository } from '../../services/subsidies/programmes.repository.ts';
import { createProgrammesService } from '../../services/subsidies/programmes.service.ts';
import { createSubsidiesRepository } from '../../services/subsidies/subsidies.repository.ts';
import { createSubsidiesService, type SubsidiesService } from '../../services/subsidies/subsidies.service.ts';
import { DEFAULT_SUBSIDY_RULES } from '../../services/subsidies/subsidy-settings.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const TODAY = parseChinaTime('2025-07-15T10:00');
const day = parseChinaTime;

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The hiring subsidy on the real database, called directly (before the module is wired). */
describe('hiring subsidy service', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let subsidies: SubsidiesService;
  let changting: SessionUser;
  let ninghua: SessionUser;
  let fujian: SessionUser;
  let employerUser: SessionUser;
  let workshop: { id: string };
  let company: { id: string };
  let ninghuaFarm: { id: string };
  const ids: Record<string, string> = {};

  async function hire(
    employer: { id: string },
    key: string,
    dates: { startedAt?: Date | null; leftAt?: Date | null; status?: 'started' | 'left' | 'hired' },
    person: Parameters<typeof createPerson>[2] = {},
  ) {
    const job = await createVacancy(ctx.db, employer.id);
    const labourer = await createPerson(ctx.db, pii, { name: '罗春花', ...person });
    const application = await createApplication(ctx.db, {
      labourerId: labourer.id,
      vacancyId: job.id,
      status: dates.status ?? (dates.leftAt ? 'left' : 'started'),
      hiredAt: dates.startedAt ?? day('2025-01-01'),
      startedAt: dates.startedAt ?? null,
      leftAt: dates.leftAt ?? null,
    });
    ids[key] = application.id;
    return application;
  }

  /** The hiring subsidy on the claim engine, with fixed rules instead of the regions' settings. */
  function hiringService(rules: typeof DEFAULT_SUBSIDY_RULES) {
    const claims = createClaimsRepository(ctx.db);
    const programmes = createProgrammesService({ repo: createProgrammesRepository(ctx.db), claims });
    return createSubsidiesService({
      repo: createSubsidiesRepository(ctx.db),
      claims,
      programmes,
      rules,
      now: () => TODAY,
    });
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    subsidies = hiringService(DEFAULT_SUBSIDY_RULES);
    changting = await createAccount(ctx.db, 'officer', { regionCode: '350821', displayName: '长汀县就业服务中心' });
    ninghua = await createAccount(ctx.db, 'officer', { regionCode: '350424' });
    fujian = await createAccount(ctx.db, 'officer', { regionCode: '35' });
    workshop = await createEmployer(ctx.db, { kind: 'poverty_workshop', name: '甲·长汀扶贫车间' });
    company = await createEmployer(ctx.db, { kind: 'company', name: '乙·长汀电子有限公司', regionCode: '350821100' });
    ninghuaFarm = await createEmployer(ctx.db, { kind: 'poverty_base', name: '丙·宁化茶叶基地', regionCode: '350424' });
    employerUser = await createAccount(ctx.db, 'employer', { employerId: workshop.id });

    await hire(workshop, 'sixMonths', { startedAt: day('2025-01-15') });
    await hire(workshop, 'fiveMonths', { startedAt: day('2025-01-16') });
    await hire(workshop, 'leftAfter', { startedAt: day('2024-12-01'), leftAt: day('2025-06-01') });
    await hire(workshop, 'leftEarly', { startedAt: day('2024-12-01'), leftAt: day('2025-05-31') });
    await hire(workshop, 'liftedOut', { startedAt: day('2024-10-01') }, { povertyStatus: 'lifted_out' });
    await hire(workshop, 'neverStarted', { status: 'hired', startedAt: null });
    await hire(company, 'company', { startedAt: day('2024-11-20') });
    await hire(ninghuaFarm, 'ninghua', { startedAt: day('2024-11-20') }, { regionCode: '350424' });
    const erased = await hire(workshop, 'erased', { startedAt: day('2024-11-20') });
    await ctx.db.labourer.update({ where: { id: erased.labourerId }, data: { erasedAt: new Date() } });
  });
  afterAll(() => ctx.close());

  const listed = async (actor: SessionUser) => (await subsidies.eligible(actor, {})).items.map((i) => i.applicationId);

  describe('eligibility', () => {
    it('lists hires in work for six full months, not five, and keeps those who left after six', async () => {
      const items = await listed(changting);
      expect(items).toContain(ids.sixMonths);
      expect(items).not.toContain(ids.fiveMonths);
      expect(items).toContain(ids.leftAfter);
      expect(items).not.toContain(ids.leftEarly);
    });

    it('counts people lifted out of poverty, and leaves out erased people and hires that never started', async () => {
      const items = await listed(changting);
      expect(items).toContain(ids.liftedOut);
      expect(items).not.toContain(ids.erased);
      expect(items).not.toContain(ids.neverStarted);
    });

    it('shows employer, masked name and ID number, start, months in work and the amount, no workshop bonus', async () => {
      // Defaults: 1,000 yuan per person and no workshop bonus (the workshop award is its own programme),
      // so a workshop's hire is 1,000 like a company's.
      const list = await subsidies.eligible(changting, {});
      const six = list.items.find((i) => i.applicationId === ids.sixMonths)!;
      expect(six).toMatchObject({
        employerName: '甲·长汀扶贫车间',
        employerKind: 'poverty_workshop',
        maskedName: '罗**',
        idNumberMasked: expect.stringMatching(/^350821\*{8}\d{3}[\dX]$/),
        startedOn: '2025-01-15',
        monthsInWork: 6,
        amount: 1000,
      });
      const left = list.items.find((i) => i.applicationId === ids.leftAfter)!;
      expect(left).toMatchObject({ leftOn: '2025-06-01', monthsInWork: 6 });
      expect(list.items.find((i) => i.applicationId === ids.company)!.amount).toBe(1000);
      expect(JSON.stringify(list)).not.toContain('罗春花');
      expect(list.byEmployer).toEqual([
        // Sorted as Chinese readers sort: by pinyin (甲 jiǎ before 乙 yǐ).
        // 3 people × 1,000 = 3,000; 1 × 1,000 = 1,000; totals 4 people, 4,000.
        expect.objectContaining({ employerName: '甲·长汀扶贫车间', people: 3, amount: 3000 }),
        expect.objectContaining({ employerName: '乙·长汀电子有限公司', people: 1, amount: 1000 }),
      ]);
      expect(list.totals).toEqual({ people: 4, amount: 4000 });
      expect(list.rules).toEqual(DEFAULT_SUBSIDY_RULES);
    });

    it('keeps each officer to the employers of their region', async () => {
      expect(await listed(ninghua)).toEqual([ids.ninghua]);
      expect(await listed(fujian)).toEqual(expect.arrayContaining([ids.ninghua, ids.sixMonths, ids.company]));
      const one = await subsidies.eligible(changting, { employerId: company.id });
      expect(one.items.map((i) => i.applicationId)).toEqual([ids.company]);
      await expect(subsidies.eligible(employerUser, {})).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('follows the configured qualifying months', async () => {
      const strict = hiringService({ ...DEFAULT_SUBSIDY_RULES, qualifyingMonths: 12 });
      expect((await strict.eligible(changting, {})).items).toEqual([]);
    });
  });

  describe('decisions', () => {
    it('approves a hire with the amount and the rules used, audited, and takes it off the list', async () => {
      const decision = await subsidies.decide(
        changting,
        { applicationId: ids.sixMonths!, decision: 'approved' },
        'req-1',
      );
      expect(decision).toMatchObject({
        status: 'approved',
        amount: 1000,
        qualifyingMonths: 6,
        employerName: '甲·长汀扶贫车间',
        maskedName: '罗**',
        decidedBy: '长汀县就业服务中心',
      });
      const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'subsidy.approve' } });
      expect(audit).toMatchObject({ actorId: changting.id, entityId: decision.id, requestId: 'req-1' });
      expect(audit.details).toMatchObject({ amount: 1000, rules: { qualifyingMonths: 6, workshopBonus: 0 } });
      expect(await listed(changting)).not.toContain(ids.sixMonths);
      const again = subsidies.decide(changting, { applicationId: ids.sixMonths!, decision: 'approved' }, 'req-2');
      await expect(again).rejects.toBeInstanceOf(ConflictError);
      await expect(again).rejects.toMatchObject({ details: { reason: 'decided' } });
    });

    it('rejects only with a reason, granting nothing', async () => {
      await expect(
        subsidies.decide(changting, { applicationId: ids.company!, decision: 'rejected' }, 'r'),
      ).rejects.toBeInstanceOf(ValidationError);
      const decision = await subsidies.decide(
        changting,
        { applicationId: ids.company!, decision: 'rejected', note: '未签订劳动合同' },
        'r',
      );
      expect(decision).toMatchObject({ status: 'rejected', amount: 0, note: '未签订劳动合同' });
    });

    it('refuses a hire that is not eligible with 409 and the reason', async () => {
      for (const [key, reason] of [
        ['fiveMonths', 'too_short'],
        ['leftEarly', 'left_early'],
        ['neverStarted', 'not_started'],
        ['erased', 'erased'],
      ] as const) {
        const refused = subsidies.decide(changting, { applicationId: ids[key]!, decision: 'approved' }, 'r');
        await expect(refused).rejects.toMatchObject({ details: { reason } });
      }
      await expect(
        subsidies.decide(
          changting,
          { applicationId: '00000000-0000-4000-8000-000000000000', decision: 'approved' },
          'r',
        ),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses an officer outside the employer’s region with 403', async () => {
      await expect(
        subsidies.decide(ninghua, { applicationId: ids.leftAfter!, decision: 'approved' }, 'r'),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        subsidies.decide(employerUser, { applicationId: ids.leftAfter!, decision: 'approved' }, 'r'),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('lists decisions within the region, newest first', async () => {
      const mine = await subsidies.decisions(changting, { page: 1, pageSize: 50 });
      // Both decisions may share a millisecond: newest first means no later decision after an earlier one.
      expect(mine.items.map((d) => d.applicationId).sort()).toEqual([ids.company, ids.sixMonths].sort());
      const times = mine.items.map((d) => new Date(d.decidedAt).getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect((await subsidies.decisions(ninghua, { page: 1, pageSize: 50 })).total).toBe(0);
      expect((await subsidies.decisions(changting, { status: 'approved', page: 1, pageSize: 50 })).total).toBe(1);
    });
  });

  describe('exports', () => {
    it('writes the eligibility list with masked people, and audits the export', async () => {
      const rows = await subsidies.exportEligible(changting, {}, 'csv', 'req-export');
      const csv = await text(tableStream('csv', eligibilityTable('zh-CN', rows)));
      expect(csv.split('\n')[0]).toContain('用人单位');
      expect(csv).toContain('罗**');
      expect(csv).toContain('甲·长汀扶贫车间');
      expect(csv).not.toContain('罗春花');
      const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'subsidy.eligibility.export' } });
      expect(audit).toMatchObject({ actorId: changting.id, requestId: 'req-export' });
    });

    it('writes the decisions in English on request, and audits the export', async () => {
      const rows = await subsidies.exportDecisions(changting, {}, 'csv', 'req-decisions');
      const csv = await text(tableStream('csv', decisionsTable('en', rows)));
      expect(csv).toContain('Decision');
      expect(csv).toContain('Approved');
      expect(csv).toContain('未签订劳动合同');
      expect(await ctx.db.auditLog.count({ where: { action: 'subsidy.decisions.export' } })).toBe(1);
    });
  });
});
