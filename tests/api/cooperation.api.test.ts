import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperationRepository } from '../../services/cooperation/cooperation.repository.ts';
import { remindDueFollowUps } from '../../services/cooperation/reminders.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import {
  agreementBody,
  api,
  bearer,
  createCooperationEmployer,
  partnerLabourerBody,
} from '../helpers/cooperation-fixtures.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('cooperation API', () => {
  let ctx: TestContext;
  let fuzhou: Headers;
  let xiamen: Headers;
  let labourer: Headers;
  let agreementId: string;
  let household: { id: string };
  let factory: { id: string };
  const people: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '3501', username: 'officer.fuzhou' });
    await createUser(ctx.db, { role: 'officer', regionCode: '3502', username: 'officer.xiamen' });
    fuzhou = await bearer(ctx, 'officer.fuzhou');
    xiamen = await bearer(ctx, 'officer.xiamen');
    labourer = await bearer(ctx, 'labourer.demo');
    household = await createCooperationEmployer(ctx.db, 'household_service', '350102', '福州巧手家政服务有限公司');
    factory = await createCooperationEmployer(ctx.db, 'company', '350121', '福建闽侯电子有限公司');
  });
  afterAll(() => ctx.close());

  describe('agreements', () => {
    it('records an agreement of the officer’s region and answers it with names', async () => {
      const response = await api(ctx, 'POST', '/api/v1/cooperation/agreements', fuzhou, agreementBody());
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        homeRegionName: '福州市',
        partnerRegionName: '固原市',
        targetTransfers: 4,
      });
      agreementId = response.json().id;
    });

    it('refuses the same pairing twice in a year (409), a partner in the own province and unknown codes (400)', async () => {
      expect((await api(ctx, 'POST', '/api/v1/cooperation/agreements', fuzhou, agreementBody())).statusCode).toBe(409);
      const same = await api(
        ctx,
        'POST',
        '/api/v1/cooperation/agreements',
        fuzhou,
        agreementBody({ partnerRegionCode: '3508' }),
      );
      expect(same.statusCode).toBe(400);
      expect(same.json().details[0]).toMatchObject({ field: 'partnerRegionCode', code: 'same_province' });
      const bad = await api(ctx, 'POST', '/api/v1/cooperation/agreements', fuzhou, agreementBody({ targetFairs: -1 }));
      expect(bad.statusCode).toBe(400);
    });

    it('keeps other regions’ officers out (403) and needs an officer (401/403)', async () => {
      expect((await api(ctx, 'GET', `/api/v1/cooperation/agreements/${agreementId}`, xiamen)).statusCode).toBe(403);
      expect((await api(ctx, 'GET', `/api/v1/cooperation/agreements/${agreementId}/progress`, xiamen)).statusCode).toBe(
        403,
      );
      expect(
        (await api(ctx, 'PATCH', `/api/v1/cooperation/agreements/${agreementId}`, xiamen, { targetFairs: 9 }))
          .statusCode,
      ).toBe(403);
      const outside = await api(ctx, 'POST', '/api/v1/cooperation/agreements', xiamen, agreementBody());
      expect(outside.statusCode).toBe(403);
      expect((await api(ctx, 'GET', '/api/v1/cooperation/agreements', labourer)).statusCode).toBe(403);
      expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/cooperation/agreements' })).statusCode).toBe(401);
      const list = await api(ctx, 'GET', '/api/v1/cooperation/agreements', xiamen);
      expect(list.json().items).toEqual([]);
    });

    it('lets the province officer see and change it', async () => {
      const province = await bearer(ctx, 'officer.fujian');
      const patched = await api(ctx, 'PATCH', `/api/v1/cooperation/agreements/${agreementId}`, province, {
        targetFairs: 3,
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().targetFairs).toBe(3);
    });

    it('deletes an agreement without batches', async () => {
      const other = await api(
        ctx,
        'POST',
        '/api/v1/cooperation/agreements',
        fuzhou,
        agreementBody({ partnerRegionCode: '640104' }),
      );
      expect((await api(ctx, 'DELETE', `/api/v1/cooperation/agreements/${other.json().id}`, fuzhou)).statusCode).toBe(
        204,
      );
    });
  });

  describe('stations and partner-area labourers', () => {
    it('adds a labour station in the partner area only', async () => {
      const url = `/api/v1/cooperation/agreements/${agreementId}/stations`;
      const station = {
        regionCode: '640422',
        name: '西吉县驻福州劳务工作站',
        contactName: '马德福',
        contactPhone: '13995401234',
      };
      expect((await api(ctx, 'POST', url, fuzhou, station)).statusCode).toBe(201);
      expect((await api(ctx, 'POST', url, fuzhou, { ...station, regionCode: '350821' })).statusCode).toBe(400);
      const list = await api(ctx, 'GET', url, fuzhou);
      expect(list.json().items).toMatchObject([{ regionName: '固原市西吉县', contactName: '马德福' }]);
    });

    it('registers partner-area labourers with the registry’s rules', async () => {
      const url = `/api/v1/cooperation/agreements/${agreementId}/labourers`;
      for (let i = 0; i < 4; i++) {
        const body = partnerLabourerBody(i % 2 ? '640422' : '640402', {
          idNumber: makeIdNumber(i % 2 ? '640422' : '640402', `1990051${i}`, false),
          desiredOccupations: i < 3 ? ['C05-001'] : ['C03-001'],
        });
        const response = await api(ctx, 'POST', url, fuzhou, body);
        expect(response.statusCode).toBe(201);
        people.push(response.json().id);
      }
      const outside = await api(
        ctx,
        'POST',
        url,
        fuzhou,
        partnerLabourerBody('640104', { idNumber: makeIdNumber('640104') }),
      );
      expect(outside.statusCode).toBe(400);
      const badId = await api(
        ctx,
        'POST',
        url,
        fuzhou,
        partnerLabourerBody('640402', { idNumber: '640402199001011234' }),
      );
      expect(badId.statusCode).toBe(400);
      expect((await api(ctx, 'POST', url, xiamen, partnerLabourerBody())).statusCode).toBe(403);
      const list = await api(ctx, 'GET', url, fuzhou);
      expect(list.json().total).toBe(4);
      expect(list.json().items[0].idNumberMasked).toMatch(/^6404\d{2}\*+\d{3}[\dX]$/);
      const willing = await api(ctx, 'GET', `${url}?household=true`, fuzhou);
      expect(willing.json().total).toBe(3);
    });
  });

  describe('organised transfers and follow-ups', () => {
    let batchId: string;
    let members: Array<{ id: string; labourerId: string }>;

    it('plans a batch, tells each member of the departure and confirms arrivals', async () => {
      const created = await api(ctx, 'POST', `/api/v1/cooperation/agreements/${agreementId}/batches`, fuzhou, {
        departureDate: daysAgo(220),
        fromRegionCode: '640402',
        toRegionCode: '3501',
        employerIds: [household.id, factory.id],
        escortName: '马占山',
        escortPhone: '13995409876',
        transport: '银川—福州 包机',
        travelSubsidyPerHead: 800,
      });
      expect(created.statusCode).toBe(201);
      batchId = created.json().id;
      let added = created;
      for (const [i, labourerId] of people.entries()) {
        added = await api(ctx, 'POST', `/api/v1/cooperation/batches/${batchId}/members`, fuzhou, {
          labourerId,
          employerId: i < 2 ? household.id : factory.id,
        });
        expect(added.statusCode).toBe(201);
      }
      const again = await api(ctx, 'POST', `/api/v1/cooperation/batches/${batchId}/members`, fuzhou, {
        labourerId: people[0],
      });
      expect(again.statusCode).toBe(409);
      const firstMember = added.json().members[0].id;
      const early = await api(
        ctx,
        'POST',
        `/api/v1/cooperation/batches/${batchId}/members/${firstMember}/arrival`,
        fuzhou,
        {},
      );
      expect(early.statusCode).toBe(409);

      const departed = await api(ctx, 'POST', `/api/v1/cooperation/batches/${batchId}/departure`, fuzhou);
      expect(departed.statusCode).toBe(200);
      expect(departed.json().status).toBe('departed');
      const notices = await ctx.db.notification.findMany({ where: { kind: 'transfer_departure' } });
      expect(notices.map((n) => n.labourerId).sort()).toEqual([...people].sort());
      expect(notices[0]!.body).toContain('固原市原州区');
      expect((await api(ctx, 'POST', `/api/v1/cooperation/batches/${batchId}/departure`, fuzhou)).statusCode).toBe(409);

      members = departed.json().members;
      const byPerson = (labourerId: string) => members.find((m) => m.labourerId === labourerId)!;
      for (const member of people.slice(0, 3).map(byPerson)) {
        const arrived = await api(
          ctx,
          'POST',
          `/api/v1/cooperation/batches/${batchId}/members/${member.id}/arrival`,
          fuzhou,
          {
            arrivedOn: daysAgo(218),
          },
        );
        expect(arrived.statusCode).toBe(200);
      }
      const noReason = await api(
        ctx,
        'POST',
        `/api/v1/cooperation/batches/${batchId}/members/${byPerson(people[3]!).id}/arrival`,
        fuzhou,
        {
          arrived: false,
        },
      );
      expect(noReason.statusCode).toBe(400);
      const noShow = await api(
        ctx,
        'POST',
        `/api/v1/cooperation/batches/${batchId}/members/${byPerson(people[3]!).id}/arrival`,
        fuzhou,
        {
          arrived: false,
          noShowReason: '临行前家中有事',
        },
      );
      expect(noShow.json().status).toBe('arrived');
      const batch = noShow.json();
      const shown = (labourerId: string) =>
        batch.members.find((m: { labourerId: string }) => m.labourerId === labourerId);
      expect(shown(people[0]!).followUps.map((f: { month: number }) => f.month)).toEqual([1, 3, 6]);
      expect(shown(people[3]!).followUps).toEqual([]);
      expect((await api(ctx, 'GET', `/api/v1/cooperation/batches/${batchId}`, xiamen)).statusCode).toBe(403);
    });

    it('reminds the officers covering the batch once, with a count', async () => {
      const repo = createCooperationRepository(ctx.db);
      const first = await remindDueFollowUps(repo, ctx.app.notifier, new Date());
      expect(first.followUps).toBe(9);
      const notices = await ctx.db.notification.findMany({ where: { kind: 'follow_up_due' } });
      const users = await ctx.db.user.findMany({ where: { id: { in: notices.map((n) => n.userId!) } } });
      const username = new Map(users.map((u) => [u.id, u.username]));
      const usernames = notices.map((n) => username.get(n.userId!));
      expect(usernames).toContain('officer.fuzhou');
      expect(usernames).toContain('officer.fujian');
      expect(usernames).not.toContain('officer.xiamen');
      expect(notices.find((n) => username.get(n.userId!) === 'officer.fuzhou')!.body).toContain('9');
      const second = await remindDueFollowUps(repo, ctx.app.notifier, new Date());
      expect(second).toEqual({ followUps: 0, notices: 0 });
      expect(await ctx.db.transferFollowUp.count({ where: { remindedAt: null } })).toBe(0);
    });

    it('records every follow-up state; a return home needs its reason', async () => {
      const due = await api(ctx, 'GET', '/api/v1/cooperation/follow-ups', fuzhou);
      expect(due.statusCode).toBe(200);
      expect(due.json().items).toHaveLength(9);
      expect((await api(ctx, 'GET', '/api/v1/cooperation/follow-ups', xiamen)).json().items).toEqual([]);
      const of = (labourerId: string, month: number) =>
        due
          .json()
          .items.find((f: { labourerId: string; month: number }) => f.labourerId === labourerId && f.month === month)
          .id;
      const record = (id: string, body: object, headers = fuzhou) =>
        api(ctx, 'POST', `/api/v1/cooperation/follow-ups/${id}`, headers, body);
      const [a, b, c] = people as [string, string, string];
      expect((await record(of(a, 3), { state: 'in_work' })).json()).toMatchObject({ state: 'in_work', reason: null });
      expect((await record(of(a, 6), { state: 'in_work' })).statusCode).toBe(200);
      expect((await record(of(b, 3), { state: 'changed_job', reason: '换到另一家家政公司' })).json().state).toBe(
        'changed_job',
      );
      const noReason = await record(of(b, 6), { state: 'returned_home' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().details[0]).toMatchObject({ field: 'reason', code: 'required' });
      const home = await record(of(b, 6), { state: 'returned_home', reason: '家中老人生病' });
      expect(home.json()).toMatchObject({ state: 'returned_home', reason: '家中老人生病' });
      expect((await record(of(c, 3), { state: 'returned_home', reason: '不适应气候' })).statusCode).toBe(200);
      expect((await record(of(c, 6), { state: 'in_work' }, xiamen)).statusCode).toBe(403);
      expect((await record(of(c, 6), { state: 'unknown' })).statusCode).toBe(400);
      // c's 6-month follow-up and the 1-month ones stay unrecorded.
      expect((await api(ctx, 'GET', '/api/v1/cooperation/follow-ups', fuzhou)).json().items).toHaveLength(4);
    });

    it('refuses to record a follow-up before it is due', async () => {
      const batch = await api(ctx, 'POST', `/api/v1/cooperation/agreements/${agreementId}/batches`, fuzhou, {
        departureDate: daysAgo(1),
        fromRegionCode: '640422',
        toRegionCode: '350102',
        employerIds: [factory.id],
      });
      const id = batch.json().id;
      await api(ctx, 'POST', `/api/v1/cooperation/batches/${id}/members`, fuzhou, { labourerId: people[3] });
      const departed = await api(ctx, 'POST', `/api/v1/cooperation/batches/${id}/departure`, fuzhou);
      const memberId = departed.json().members[0].id;
      const arrived = await api(
        ctx,
        'POST',
        `/api/v1/cooperation/batches/${id}/members/${memberId}/arrival`,
        fuzhou,
        {},
      );
      const followUp = arrived.json().members[0].followUps[0];
      expect(
        (await api(ctx, 'POST', `/api/v1/cooperation/follow-ups/${followUp.id}`, fuzhou, { state: 'in_work' }))
          .statusCode,
      ).toBe(409);
    });
  });

  describe('household-service docking, trainings and progress', () => {
    it('refers willing people to household-service companies only', async () => {
      const url = `/api/v1/cooperation/agreements/${agreementId}/referrals`;
      const wrong = await api(ctx, 'POST', url, fuzhou, { labourerId: people[2], employerId: factory.id });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().details[0]).toMatchObject({ field: 'employerId', code: 'not_household' });
      const made = await api(ctx, 'POST', url, fuzhou, { labourerId: people[2], employerId: household.id });
      expect(made.statusCode).toBe(201);
      expect(
        (await api(ctx, 'POST', url, fuzhou, { labourerId: people[2], employerId: household.id })).statusCode,
      ).toBe(409);
      const placed = await api(ctx, 'PATCH', `/api/v1/cooperation/referrals/${made.json().id}`, fuzhou, {
        status: 'placed',
      });
      expect(placed.json().status).toBe('placed');
      expect(
        (await api(ctx, 'PATCH', `/api/v1/cooperation/referrals/${made.json().id}`, xiamen, { status: 'declined' }))
          .statusCode,
      ).toBe(403);
    });

    it('records trainings of partner-area people and shows them on the docking board', async () => {
      const url = (id: string) => `/api/v1/training/labourers/${id}/records`;
      const training = {
        course: '家政服务员（初级）',
        provider: '固原市职业技能培训中心',
        startedOn: '2025-03-01',
        endedOn: '2025-03-20',
        hours: 120,
        passed: true,
        occupationCode: 'C05-001',
        agreementId,
      };
      for (const id of people.slice(0, 3))
        expect((await api(ctx, 'POST', url(id), fuzhou, training)).statusCode).toBe(201);
      expect((await api(ctx, 'POST', url(people[0]!), fuzhou, { ...training, endedOn: '2025-01-01' })).statusCode).toBe(
        400,
      );
      expect((await api(ctx, 'POST', url(people[0]!), xiamen, training)).statusCode).toBe(403);
      expect((await api(ctx, 'GET', url(people[0]!), fuzhou)).json().items[0]).toMatchObject({
        occupationName: '家政服务员',
        hours: 120,
      });
      const board = await api(ctx, 'GET', `/api/v1/cooperation/agreements/${agreementId}/household`, fuzhou);
      expect(board.statusCode).toBe(200);
      expect(board.json().candidates).toHaveLength(3);
      expect(board.json().candidates.every((c: { trainings: unknown[] }) => c.trainings.length === 1)).toBe(true);
      expect(board.json().employers.map((e: { id: string }) => e.id)).toEqual([household.id]);
    });

    it('answers progress against the targets', async () => {
      const year = new Date().getUTCFullYear();
      const fair = (overrides: Record<string, unknown>) => ({
        kind: 'cooperation' as const,
        name: '福州—固原劳务协作专场招聘会',
        startsAt: new Date(Date.UTC(year, 4, 10, 1)),
        endsAt: new Date(Date.UTC(year, 4, 10, 8)),
        regionCode: '640402',
        organiser: '福州市人社局',
        status: 'closed' as const,
        ...overrides,
      });
      await ctx.db.fair.createMany({
        data: [
          fair({ kind: 'general', agreementId }),
          fair({ homeRegionCode: '350102', partnerRegionCode: '640402', status: 'ongoing' }),
          fair({ homeRegionCode: '3501', partnerRegionCode: '6404', status: 'planned' }),
          fair({ homeRegionCode: '3501', partnerRegionCode: '6405' }),
          fair({
            homeRegionCode: '3501',
            partnerRegionCode: '6404',
            startsAt: new Date(Date.UTC(year - 1, 4, 10)),
            endsAt: new Date(Date.UTC(year - 1, 4, 11)),
          }),
        ],
      });
      const response = await api(ctx, 'GET', `/api/v1/cooperation/agreements/${agreementId}/progress`, fuzhou);
      expect(response.statusCode).toBe(200);
      const progress = response.json();
      // The fair tied to the agreement and the ongoing cooperation fair between the two areas this year;
      // not the planned one, the one with another partner, nor last year's.
      expect(progress.fairs).toEqual({ actual: 2, target: 3, share: 0.667 });
      // Three arrived 218 days ago, one today (the second batch).
      expect(progress.transfers).toEqual({ actual: 4, target: 4, share: 1 });
      // Two arrived at the household company, one more placed by referral.
      expect(progress.householdPlacements).toEqual({ actual: 3, target: 2, share: 1.5 });
      expect(progress.trainings).toEqual({ actual: 3, target: 3, share: 1 });
      expect(progress.retention[0]).toMatchObject({
        month: 3,
        due: 3,
        inWork: 2,
        changedJob: 1,
        returnedHome: 1,
        unrecorded: 0,
        notYetDue: 1,
      });
      expect(progress.retention[1]).toMatchObject({
        month: 6,
        due: 3,
        inWork: 1,
        returnedHome: 1,
        unrecorded: 1,
        notYetDue: 1,
      });
      const list = await api(ctx, 'GET', '/api/v1/cooperation/agreements', fuzhou);
      expect(list.json().items[0].progress).toEqual(progress);
    });
  });
});
