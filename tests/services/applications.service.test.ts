import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexUid } from '../../search-index/indexes.ts';
import { createApplicationsRepository } from '../../services/applications/applications.repository.ts';
import {
  type ApplicationsService,
  createApplicationsService,
} from '../../services/applications/applications.service.ts';
import {
  createEmployerPortalService,
  type EmployerPortalService,
} from '../../services/applications/employer-portal.service.ts';
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
import type { SessionUser } from '../../services/platform/http/fastify-types.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { createCandidateSearch } from '../../services/applications/candidates.search.ts';

/**
 * The applications use cases on the real database and the real Meilisearch, called directly: these
 * run before the module is wired into the app (the route and page tests need the wiring).
 */
describe('applications service', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let applications: ApplicationsService;
  let portal: EmployerPortalService;
  let workshopId: string;
  let workshop: SessionUser;
  let otherEmployer: SessionUser;
  let changting: SessionUser;
  let ninghua: SessionUser;
  let admin: SessionUser;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    const reference = ReferenceNames.load(createReferenceRepository(ctx.db));
    const repo = createApplicationsRepository(ctx.db);
    applications = createApplicationsService({ repo, reference: () => reference });
    portal = createEmployerPortalService({
      repo,
      applications,
      reference: () => reference,
      search: createCandidateSearch(ctx.meili, ctx.config.meili.indexPrefix),
    });
    const employer = await createEmployer(ctx.db, { kind: 'poverty_workshop', name: '长汀县竹编扶贫车间' });
    workshopId = employer.id;
    workshop = await createAccount(ctx.db, 'employer', { employerId: employer.id });
    const other = await createEmployer(ctx.db, { regionCode: '350203' });
    otherEmployer = await createAccount(ctx.db, 'employer', { employerId: other.id });
    changting = await createAccount(ctx.db, 'officer', { regionCode: '350821' });
    ninghua = await createAccount(ctx.db, 'officer', { regionCode: '350424' });
    admin = await createAccount(ctx.db, 'admin');
  });
  afterAll(() => ctx.close());

  async function seeker(over: Parameters<typeof createPerson>[2] = {}) {
    const person = await createPerson(ctx.db, pii, { regionCode: '350821100', ...over });
    const user = await createAccount(ctx.db, 'labourer', { labourerId: person.id, displayName: person.name });
    return { person, user };
  }
  const vacancy = (over: Parameters<typeof createVacancy>[2] = {}) => createVacancy(ctx.db, workshopId, over);
  const move = (actor: SessionUser, id: string, to: string, extra: Record<string, unknown> = {}) =>
    applications.transition(actor, id, { to: to as never, ...extra });

  describe('applying', () => {
    it('takes one tap from a labourer and records who applied', async () => {
      const { person, user } = await seeker();
      const job = await vacancy();
      const created = await applications.apply(user, { vacancyId: job.id });
      expect(created).toMatchObject({
        status: 'applied',
        origin: 'self',
        labourerId: person.id,
        next: ['withdrawn'],
        vacancy: { id: job.id, employerName: '长汀县竹编扶贫车间' },
      });
      const history = await ctx.db.applicationTransition.findMany({ where: { applicationId: created.id } });
      expect(history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'applied', byId: user.id })]);
    });

    it('answers a second application for the same vacancy with 409', async () => {
      const { user } = await seeker();
      const job = await vacancy();
      await applications.apply(user, { vacancyId: job.id });
      const again = applications.apply(user, { vacancyId: job.id });
      await expect(again).rejects.toBeInstanceOf(ConflictError);
      await expect(again).rejects.toMatchObject({ details: { reason: 'duplicate', status: 'applied' } });
    });

    it.each([
      ['a closed vacancy', { status: 'closed' as const }, 'vacancy_not_open'],
      ['a filled vacancy', { status: 'filled' as const }, 'vacancy_not_open'],
      ['an expired vacancy', { status: 'expired' as const }, 'vacancy_expired'],
      ['an open vacancy past its expiry', { expiresAt: new Date(Date.now() - 60_000) }, 'vacancy_expired'],
    ])('refuses %s with 409 and the reason', async (_label, over, reason) => {
      const { user } = await seeker();
      const job = await vacancy(over);
      const refused = applications.apply(user, { vacancyId: job.id });
      await expect(refused).rejects.toBeInstanceOf(ConflictError);
      await expect(refused).rejects.toMatchObject({ details: { reason } });
    });

    it('refuses a vacancy of an employer not yet verified', async () => {
      const { user } = await seeker();
      const unverified = await createEmployer(ctx.db, { verified: false });
      const job = await createVacancy(ctx.db, unverified.id);
      await expect(applications.apply(user, { vacancyId: job.id })).rejects.toMatchObject({
        details: { reason: 'employer_unverified' },
      });
    });

    it('keeps public-welfare posts for people marked hard to employ', async () => {
      const job = await vacancy({ publicWelfarePost: true });
      const { user } = await seeker();
      const refused = applications.apply(user, { vacancyId: job.id });
      await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
      await expect(refused).rejects.toMatchObject({ details: { reason: 'public_welfare_only' } });
      const { user: eligible } = await seeker({ hardToEmploy: true });
      await expect(applications.apply(eligible, { vacancyId: job.id })).resolves.toMatchObject({ status: 'applied' });
    });

    it('lets a labourer apply only for themselves', async () => {
      const { user } = await seeker();
      const { person: other } = await seeker();
      const job = await vacancy();
      await expect(applications.apply(user, { vacancyId: job.id, labourerId: other.id })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    });

    it('lets an officer apply on behalf of someone in the region only', async () => {
      const { person } = await seeker();
      const job = await vacancy();
      await expect(applications.apply(ninghua, { vacancyId: job.id, labourerId: person.id })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(applications.apply(changting, { vacancyId: job.id })).rejects.toBeInstanceOf(ValidationError);
      const created = await applications.apply(changting, { vacancyId: job.id, labourerId: person.id });
      expect(created).toMatchObject({ status: 'applied', origin: 'officer' });
    });

    it('lets an employer invite to its own vacancies only, and only people shown to employers', async () => {
      const { person } = await seeker();
      const job = await vacancy();
      await expect(
        applications.apply(otherEmployer, { vacancyId: job.id, labourerId: person.id }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const invited = await applications.apply(workshop, { vacancyId: job.id, labourerId: person.id });
      expect(invited).toMatchObject({ status: 'invited', origin: 'invitation', next: ['rejected'] });
      expect(invited.labourer.name).toMatch(/^林\*+$/);
      const { person: hidden } = await seeker({ consentShowEmployer: false });
      await expect(applications.apply(workshop, { vacancyId: job.id, labourerId: hidden.id })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe('invitations', () => {
    it('are accepted or declined by the person', async () => {
      const job = await vacancy();
      const a = await seeker();
      const b = await seeker();
      const first = await applications.apply(workshop, { vacancyId: job.id, labourerId: a.person.id });
      const second = await applications.apply(workshop, { vacancyId: job.id, labourerId: b.person.id });
      await expect(move(workshop, first.id, 'applied')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(move(b.user, first.id, 'applied')).rejects.toBeInstanceOf(ForbiddenError);
      expect((await move(a.user, first.id, 'applied')).status).toBe('applied');
      expect((await move(b.user, second.id, 'withdrawn')).status).toBe('withdrawn');
    });

    it('cannot be accepted once the vacancy stopped taking applications', async () => {
      const job = await vacancy();
      const { person, user } = await seeker();
      const invited = await applications.apply(workshop, { vacancyId: job.id, labourerId: person.id });
      await ctx.db.vacancy.update({ where: { id: job.id }, data: { status: 'closed' } });
      await expect(move(user, invited.id, 'applied')).rejects.toMatchObject({
        details: { reason: 'vacancy_not_open' },
      });
    });
  });

  describe('moving an application', () => {
    it('follows applied → viewed → interview → offered → hired → started → left, each step dated with who took it', async () => {
      const job = await vacancy();
      const { person, user } = await seeker({ name: '邱永兴' });
      const { id } = await applications.apply(user, { vacancyId: job.id });
      await move(workshop, id, 'viewed');
      await expect(move(workshop, id, 'interview', { interviewPlace: '车间办公室' })).rejects.toMatchObject({
        issues: [{ field: 'interviewAt', code: 'required' }],
      });
      const interview = await move(workshop, id, 'interview', {
        interviewAt: '2030-06-01T09:30',
        interviewPlace: '长汀县策武镇车间办公室',
      });
      expect(interview.interviewAt).toBe('2030-06-01T01:30:00.000Z');
      expect((await move(workshop, id, 'offered', { offeredWage: 4300 })).offeredWage).toBe(4300);
      const hired = await move(workshop, id, 'hired');
      expect(hired.hiredAt).not.toBeNull();
      await move(changting, id, 'started');
      await expect(move(workshop, id, 'left')).rejects.toMatchObject({ issues: [{ field: 'leftReason' }] });
      const left = await move(workshop, id, 'left', { leftReason: '回家照顾老人' });
      expect(left).toMatchObject({ status: 'left', leftReason: '回家照顾老人', earlyLeave: true, next: [] });
      expect(left.transitions.map((t) => `${t.fromStatus}→${t.toStatus}:${t.byRole}`)).toEqual([
        'null→applied:labourer',
        'applied→viewed:employer',
        'viewed→interview:employer',
        'interview→offered:employer',
        'offered→hired:employer',
        'hired→started:officer',
        'started→left:employer',
      ]);
      // The employer sees who acted only by role: a person's display name is their name.
      expect(left.transitions[0]!.byName).toBeNull();
      const asOfficer = await applications.get(changting, id);
      expect(asOfficer.labourer.name).toBe('邱永兴');
      expect(asOfficer.transitions[0]!.byName).toBe('邱永兴');
      expect(person.id).toBe(asOfficer.labourerId);
    });

    it('refuses an illegal step with 409 naming both states', async () => {
      const job = await vacancy();
      const { user } = await seeker();
      const { id } = await applications.apply(user, { vacancyId: job.id });
      const refused = move(workshop, id, 'hired');
      await expect(refused).rejects.toBeInstanceOf(ConflictError);
      await expect(refused).rejects.toThrow(/from applied to hired/);
      await move(workshop, id, 'rejected', { note: '岗位要求夜班' });
      await expect(move(workshop, id, 'viewed')).rejects.toThrow(/from rejected to viewed/);
      await expect(move(user, id, 'withdrawn')).rejects.toBeInstanceOf(ConflictError);
    });

    it('refuses a legal step to an actor who may not take it with 403', async () => {
      const job = await vacancy();
      const { user } = await seeker();
      const { id } = await applications.apply(user, { vacancyId: job.id });
      await expect(move(user, id, 'viewed')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(move(workshop, id, 'withdrawn')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(move(changting, id, 'offered')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(move(admin, id, 'viewed')).resolves.toMatchObject({ status: 'viewed' });
    });

    it('lets one of two conflicting steps win and answers the other with 409', async () => {
      const job = await vacancy();
      const { user } = await seeker();
      const { id } = await applications.apply(user, { vacancyId: job.id });
      const results = await Promise.allSettled([move(user, id, 'withdrawn'), move(workshop, id, 'rejected')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason).toBeInstanceOf(ConflictError);
    });

    it('checks the dates of a hire, a start and a leave', async () => {
      const job = await vacancy();
      const { user } = await seeker();
      const { id } = await applications.apply(user, { vacancyId: job.id });
      await move(workshop, id, 'offered');
      await expect(move(workshop, id, 'hired', { at: '2099-01-01' })).rejects.toMatchObject({
        issues: [{ field: 'at', code: 'in_future' }],
      });
      await move(workshop, id, 'hired', { at: '2025-03-10' });
      await expect(move(workshop, id, 'started', { at: '2025-03-09' })).rejects.toMatchObject({
        issues: [{ field: 'at', code: 'before_previous' }],
      });
      const started = await move(workshop, id, 'started', { at: '2025-03-12' });
      expect(started.startedAt).toBe('2025-03-11T16:00:00.000Z');
    });

    it.each([
      ['another employer', () => otherEmployer],
      ['an officer of another county', () => ninghua],
    ])('refuses %s with 403', async (_label, actor) => {
      const job = await vacancy();
      const { user } = await seeker();
      const { id } = await applications.apply(user, { vacancyId: job.id });
      await expect(move(actor(), id, 'viewed')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(applications.get(actor(), id)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('refuses a labourer on someone else’s application with 403', async () => {
      const job = await vacancy();
      const { user } = await seeker();
      const { user: stranger } = await seeker();
      const { id } = await applications.apply(user, { vacancyId: job.id });
      await expect(move(stranger, id, 'withdrawn')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(applications.get(stranger, id)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('hiring effects', () => {
    async function hireFor(job: { id: string }, over: Parameters<typeof createPerson>[2] = {}) {
      const { person, user } = await seeker(over);
      const { id } = await applications.apply(user, { vacancyId: job.id });
      await move(workshop, id, 'offered');
      await move(workshop, id, 'hired');
      return { id, person, user };
    }

    it('makes the person employed locally, records why and re-indexes them', async () => {
      const job = await vacancy({ regionCode: '350821' });
      const { id, person } = await hireFor(job);
      const row = await ctx.db.labourer.findUniqueOrThrow({ where: { id: person.id } });
      expect(row.employmentStatus).toBe('employed_local');
      const history = await ctx.db.labourerStatusChange.findMany({
        where: { labourerId: person.id },
        orderBy: { id: 'asc' },
      });
      expect(history.at(-1)).toMatchObject({
        fromStatus: 'unemployed',
        toStatus: 'employed_local',
        source: 'application',
        changedById: workshop.id,
        note: expect.stringContaining('长汀县竹编扶贫车间'),
      });
      await ctx.drain.drainAll();
      const index = ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'labourers'));
      expect(await index.getDocument(person.id)).toMatchObject({ employmentStatus: 'employed_local' });

      // Starting changes nothing more; leaving makes the person unemployed again, with history.
      await move(workshop, id, 'started');
      await move(workshop, id, 'left', { leftReason: '工厂搬迁' });
      const after = await ctx.db.labourer.findUniqueOrThrow({ where: { id: person.id } });
      expect(after.employmentStatus).toBe('unemployed');
      const changes = await ctx.db.labourerStatusChange.findMany({
        where: { labourerId: person.id, source: 'application' },
        orderBy: { id: 'asc' },
      });
      expect(changes.map((c) => `${c.fromStatus}→${c.toStatus}`)).toEqual([
        'unemployed→employed_local',
        'employed_local→unemployed',
      ]);
      expect(changes[1]!.note).toContain('工厂搬迁');
      await ctx.drain.drainAll();
      expect(await index.getDocument(person.id)).toMatchObject({ employmentStatus: 'unemployed' });
    });

    it.each([
      ['350203', 'transferred_in_province'],
      ['640104', 'transferred_out_province'],
    ])('counts work in %s as %s for a household in 长汀县', async (region, status) => {
      const job = await vacancy({ regionCode: region });
      const { person } = await hireFor(job);
      expect((await ctx.db.labourer.findUniqueOrThrow({ where: { id: person.id } })).employmentStatus).toBe(status);
    });

    it('leaves the status alone on a leave while another job is running', async () => {
      const first = await vacancy();
      const second = await vacancy({ regionCode: '350203' });
      const { id, person, user } = await hireFor(first);
      const { id: other } = await applications.apply(user, { vacancyId: second.id });
      await move(workshop, other, 'offered');
      await move(workshop, other, 'hired');
      await move(workshop, id, 'left', { leftReason: '换了工作' });
      expect((await ctx.db.labourer.findUniqueOrThrow({ where: { id: person.id } })).employmentStatus).toBe(
        'transferred_in_province',
      );
    });

    it('fills the vacancy when hires reach its headcount, and re-indexes it', async () => {
      const job = await vacancy({ headcount: 2 });
      await hireFor(job);
      expect((await ctx.db.vacancy.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('open');
      await ctx.drain.drainAll();
      await hireFor(job);
      expect((await ctx.db.vacancy.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('filled');
      expect(await ctx.db.searchOutbox.count({ where: { indexName: 'vacancies', documentId: job.id } })).toBe(1);
      const { user } = await seeker();
      await expect(applications.apply(user, { vacancyId: job.id })).rejects.toMatchObject({
        details: { reason: 'vacancy_not_open' },
      });
    });
  });

  describe('lists', () => {
    it('show employers their own vacancies’ applicants without personal data', async () => {
      const job = await vacancy();
      const { user } = await seeker({ name: '钟秀兰', male: false });
      await applications.apply(user, { vacancyId: job.id });
      const list = await applications.list(workshop, { vacancyId: job.id, page: 1, pageSize: 50 });
      expect(list.total).toBe(1);
      const [item] = list.items;
      expect(item!.labourer).toMatchObject({ name: '钟**', idNumberMasked: null, regionCode: '350821' });
      expect(JSON.stringify(list)).not.toContain('钟秀兰');
      expect(JSON.stringify(list)).not.toContain('13905971234');
      await expect(
        applications.list(otherEmployer, { vacancyId: job.id, page: 1, pageSize: 50 }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('show officers their region’s people only', async () => {
      const job = await vacancy();
      const { person, user } = await seeker();
      await applications.apply(user, { vacancyId: job.id });
      const mine = await applications.list(changting, { labourerId: person.id, page: 1, pageSize: 50 });
      expect(mine.items[0]!.labourer.idNumberMasked).toMatch(/^350821\*{8}/);
      await expect(applications.list(ninghua, { labourerId: person.id, page: 1, pageSize: 50 })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect((await applications.list(ninghua, { vacancyId: job.id, page: 1, pageSize: 50 })).total).toBe(0);
    });

    it('give a labourer their own applications and invitations', async () => {
      const job = await vacancy();
      const { person, user } = await seeker();
      await applications.apply(workshop, { vacancyId: job.id, labourerId: person.id });
      const mine = await applications.mine(user);
      expect(mine.map((a) => a.status)).toEqual(['invited']);
      expect(mine[0]!.next).toEqual(['applied', 'withdrawn']);
    });
  });

  describe('candidates', () => {
    it('come from the labourer index without personal data, filtered, with their status here', async () => {
      const job = await vacancy({ ageMin: 20, ageMax: 40 });
      const young = await createPerson(ctx.db, pii, {
        name: '赖志明',
        birth: '19950101',
        regionCode: '350821100',
        skills: ['S-REBAR'],
      });
      const old = await createPerson(ctx.db, pii, { name: '赖德福', birth: '19600101', skills: ['S-REBAR'] });
      await createPerson(ctx.db, pii, { name: '赖隐藏', birth: '19950101', skills: ['S-REBAR'], wantsJob: false });
      await ctx.drain.drainAll();
      const result = await portal.candidates(workshop, { vacancyId: job.id, skill: 'S-REBAR', page: 1, pageSize: 20 });
      expect(result.items.map((c) => c.labourerId)).toEqual([young.id]);
      expect(result.items[0]).toMatchObject({
        maskedName: '赖**',
        age: expect.any(Number),
        regionName: '龙岩市长汀县',
      });
      const text = JSON.stringify(result.items);
      expect(text).not.toContain('赖志明');
      expect(text).not.toContain(young.idNumber);
      expect(text).not.toContain('13905971234');
      const wider = await portal.candidates(workshop, {
        vacancyId: job.id,
        skill: 'S-REBAR',
        ageMin: 50,
        ageMax: 70,
        page: 1,
        pageSize: 20,
      });
      expect(wider.items.map((c) => c.labourerId)).toEqual([old.id]);

      await applications.apply(workshop, { vacancyId: job.id, labourerId: young.id });
      const again = await portal.candidates(workshop, { vacancyId: job.id, skill: 'S-REBAR', page: 1, pageSize: 20 });
      expect(again.items[0]!.applicationStatus).toBe('invited');
      await expect(
        portal.candidates(otherEmployer, { vacancyId: job.id, page: 1, pageSize: 20 }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('show only people marked hard to employ for a public-welfare post', async () => {
      const job = await vacancy({ publicWelfarePost: true, ageMin: null, ageMax: null });
      const marked = await createPerson(ctx.db, pii, { skills: ['S-SCAFFOLD'], hardToEmploy: true });
      await createPerson(ctx.db, pii, { skills: ['S-SCAFFOLD'] });
      await ctx.drain.drainAll();
      const result = await portal.candidates(workshop, {
        vacancyId: job.id,
        skill: 'S-SCAFFOLD',
        page: 1,
        pageSize: 20,
      });
      expect(result.items.map((c) => c.labourerId)).toEqual([marked.id]);
    });
  });

  describe('retention', () => {
    it('counts hires, people still in work, early leaves and the three-month rate', async () => {
      const employer = await createEmployer(ctx.db, { name: '稳岗测试厂' });
      const owner = await createAccount(ctx.db, 'employer', { employerId: employer.id });
      const job = await createVacancy(ctx.db, employer.id, { headcount: 10 });
      const monthsAgo = (m: number) => new Date(Date.now() - m * 31 * 86_400_000);
      const people = await Promise.all([1, 2, 3, 4, 5].map(() => createPerson(ctx.db, pii)));
      const [a, b, c, d, e] = people.map((p) => p.id) as [string, string, string, string, string];
      await createApplication(ctx.db, { labourerId: a, vacancyId: job.id, status: 'started', startedAt: monthsAgo(8) });
      await createApplication(ctx.db, {
        labourerId: b,
        vacancyId: job.id,
        status: 'left',
        startedAt: monthsAgo(8),
        leftAt: monthsAgo(7),
      });
      await createApplication(ctx.db, {
        labourerId: c,
        vacancyId: job.id,
        status: 'left',
        startedAt: monthsAgo(8),
        leftAt: monthsAgo(2),
      });
      await createApplication(ctx.db, { labourerId: d, vacancyId: job.id, status: 'hired', hiredAt: monthsAgo(0.2) });
      await createApplication(ctx.db, { labourerId: e, vacancyId: job.id, status: 'applied' });
      const totals = await portal.retention(owner);
      expect(totals).toMatchObject({
        employerName: '稳岗测试厂',
        hires: 4,
        stillInWork: 2,
        earlyLeaves: 1,
        decided: 3,
        retained: 2,
        retentionRate: 0.667,
      });
      expect(totals.byVacancy).toEqual([
        expect.objectContaining({ vacancyId: job.id, applicants: 5, hires: 4, headcount: 10 }),
      ]);
      await expect(portal.retention(owner, workshopId)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(portal.retention(ninghua, employer.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(portal.retention(changting, employer.id)).resolves.toMatchObject({ hires: 4 });
      await expect(portal.retention(admin)).rejects.toBeInstanceOf(ValidationError);
    });
  });
});
