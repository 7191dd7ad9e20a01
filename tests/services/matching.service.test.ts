import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliClient } from '../../search-index/client.ts';
import { loadFixture, type LoadedFixture } from '../../services/matching/eval/load-fixture.ts';
import { createFixtureRepository } from '../../services/matching/eval/fixture.repository.ts';
import { createMatchingRepository } from '../../services/matching/matching.repository.ts';
import { createMatchingService, type MatchingService } from '../../services/matching/matching.service.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { ForbiddenError, NotFoundError, UnavailableError } from '../../services/platform/errors/domain-errors.ts';
import type { SessionUser } from '../../services/platform/http/fastify-types.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { miniProvince } from '../fixtures/matching/mini-province.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { createMatchingSearch } from '../../services/matching/matching.search.ts';

const actor = (role: SessionUser['role'], extra: Partial<SessionUser> = {}): SessionUser => ({
  id: `${role}-user`,
  username: role,
  role,
  displayName: role,
  regionCode: null,
  locale: 'zh-CN',
  labourerId: null,
  employerId: null,
  ...extra,
});

describe('matching service', () => {
  let ctx: TestContext;
  let ids: LoadedFixture;
  let matching: MatchingService;
  const now = new Date();
  const admin = actor('admin');
  const changting = actor('officer', { regionCode: '350821' });
  const ninghua = actor('officer', { regionCode: '350424' });
  const id = (key: string) => ids.labourers.get(key)!;
  const job = (key: string) => ids.vacancies.get(key)!;
  const keyOf = (vacancyId: string) => [...ids.vacancies].find(([, v]) => v === vacancyId)?.[0];
  const matchKeys = async (person: string, who: SessionUser = admin) =>
    (await matching.matches(who, id(person), { limit: 20, lang: 'zh-CN' })).items.map((m) => keyOf(m.vacancyId));

  beforeAll(async () => {
    ctx = await createTestContext();
    ids = await loadFixture(createFixtureRepository(ctx.db), miniProvince(now), new PiiCipher(ctx.config.piiKey));
    await ctx.drain.drainAll();
    matching = createMatchingService({
      repo: createMatchingRepository(ctx.db),
      search: createMatchingSearch(ctx.meili, ctx.config.meili.indexPrefix),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
      partnerRegions: () => ['6404'],
      signalsTtlMs: 0,
    });
  });
  afterAll(() => ctx.close());

  describe('hard rules', () => {
    it('never offers anything expired, lapsed, paused, filled or from an unverified employer', async () => {
      const keys = await matchKeys('lin');
      expect(keys).toContain('home');
      for (const bad of ['expired', 'lapsed', 'paused', 'filled', 'unverified']) expect(keys).not.toContain(bad);
    });

    it('never offers a job outside the area the person will move to', async () => {
      expect(await matchKeys('lin')).not.toContain('xiamen');
      expect(await matchKeys('wang')).toContain('xiamen');
      const ninghuaKeys = await matchKeys('ninghua');
      expect(ninghuaKeys).toEqual(expect.arrayContaining(['home', 'xiamen']));
    });

    it('never offers a job outside its age range', async () => {
      expect(await matchKeys('wang')).toContain('young-only');
      expect(await matchKeys('lin')).not.toContain('young-only');
    });

    it('offers public-welfare posts only to people marked hard to employ', async () => {
      expect(await matchKeys('chen')).toContain('welfare');
      expect(await matchKeys('lin')).not.toContain('welfare');
    });

    it('drops a job paused after it was indexed: the database has the last word', async () => {
      await ctx.db.vacancy.update({ where: { id: job('workshop') }, data: { status: 'paused' } });
      try {
        expect(await matchKeys('lin')).not.toContain('workshop');
      } finally {
        await ctx.db.vacancy.update({ where: { id: job('workshop') }, data: { status: 'open' } });
      }
      expect(await matchKeys('lin')).toContain('workshop');
    });
  });

  describe('ranking', () => {
    it('answers best first with scores in 0..1 and a plain Chinese reason for each', async () => {
      const { items } = await matching.matches(admin, id('lin'), { limit: 10, lang: 'zh-CN' });
      expect(keyOf(items[0]!.vacancyId)).toBe('home');
      expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((a, b) => b - a));
      for (const item of items) {
        expect(item.score).toBeGreaterThanOrEqual(0);
        expect(item.score).toBeLessThanOrEqual(1);
        expect(item.reasons.length).toBeGreaterThan(0);
      }
      expect(items[0]!.reasons.map((r) => r.text)).toEqual(
        expect.arrayContaining(['是您想做的工作：电子装配工', '您会这个岗位要的技能：电子产品组装']),
      );
      expect(items[0]).toMatchObject({ employerName: '长汀县汀州电子厂', regionName: '龙岩市长汀县汀州镇' });
    });

    it('gives the reasons in English when asked', async () => {
      const { items } = await matching.matches(admin, id('lin'), { limit: 1, lang: 'en' });
      expect(items[0]!.reasons.map((r) => r.text)).toContain('Work you want: Electronics assembler');
    });

    it('sinks a job the person is not interested in, and lifts it again when they take it back', async () => {
      const self = actor('labourer', { labourerId: id('lin') });
      await matching.notInterested(self, id('lin'), { vacancyId: job('home'), reason: '太远' });
      const after = await matching.matches(self, id('lin'), { limit: 20, lang: 'zh-CN' });
      const last = after.items.at(-1)!;
      expect(keyOf(last.vacancyId)).toBe('home');
      expect(last.notInterested).toBe(true);
      expect(last.reasons[0]).toEqual({ code: 'not_interested', text: '您说过对这个岗位不感兴趣', good: false });
      await matching.undoNotInterested(self, id('lin'), job('home'));
      expect((await matchKeys('lin'))[0]).toBe('home');
    });

    it('leaves out the jobs the person already applied to', async () => {
      const application = await ctx.db.application.create({
        data: { labourerId: id('wang'), vacancyId: job('home'), status: 'applied', origin: 'self' },
      });
      try {
        expect(await matchKeys('wang')).not.toContain('home');
      } finally {
        await ctx.db.application.delete({ where: { id: application.id } });
      }
    });
  });

  describe('access', () => {
    it('shows a person’s matches to the person, officers of their region and admins only', async () => {
      await expect(
        matching.matches(actor('labourer', { labourerId: id('lin') }), id('lin'), { limit: 5, lang: 'zh-CN' }),
      ).resolves.toBeTruthy();
      await expect(
        matching.matches(actor('labourer', { labourerId: id('lin') }), id('chen'), { limit: 5, lang: 'zh-CN' }),
      ).rejects.toThrow(ForbiddenError);
      await expect(matching.matches(changting, id('lin'), { limit: 5, lang: 'zh-CN' })).resolves.toBeTruthy();
      await expect(matching.matches(ninghua, id('lin'), { limit: 5, lang: 'zh-CN' })).rejects.toThrow(ForbiddenError);
      await expect(
        matching.matches(actor('employer', { employerId: ids.employers.get('ok')! }), id('lin'), {
          limit: 5,
          lang: 'zh-CN',
        }),
      ).rejects.toThrow(ForbiddenError);
      await expect(
        matching.matches(admin, '00000000-0000-4000-8000-000000000000', { limit: 5, lang: 'zh-CN' }),
      ).rejects.toThrow(NotFoundError);
    });

    it('lets only the person or an officer of their region say "not interested"', async () => {
      await expect(matching.notInterested(ninghua, id('lin'), { vacancyId: job('home') })).rejects.toThrow(
        ForbiddenError,
      );
      await expect(
        matching.notInterested(admin, id('lin'), { vacancyId: '00000000-0000-4000-8000-000000000000' }),
      ).rejects.toThrow(NotFoundError);
    });

    it('shows a vacancy’s candidates to its employer, officers of its region and admins only', async () => {
      const owner = actor('employer', { employerId: ids.employers.get('ok')! });
      const other = actor('employer', { employerId: ids.employers.get('far')! });
      await expect(matching.candidates(owner, job('home'), { limit: 5, lang: 'zh-CN' })).resolves.toBeTruthy();
      await expect(matching.candidates(other, job('home'), { limit: 5, lang: 'zh-CN' })).rejects.toThrow(
        ForbiddenError,
      );
      await expect(matching.candidates(ninghua, job('home'), { limit: 5, lang: 'zh-CN' })).rejects.toThrow(
        ForbiddenError,
      );
      await expect(matching.candidates(changting, job('home'), { limit: 5, lang: 'zh-CN' })).resolves.toBeTruthy();
    });
  });

  describe('candidates for a vacancy', () => {
    it('strips personal data for the employer: masked names, county only, nothing sensitive', async () => {
      const owner = actor('employer', { employerId: ids.employers.get('ok')! });
      const { items } = await matching.candidates(owner, job('home'), { limit: 20, lang: 'zh-CN' });
      const ranked = items.map((i) => [...ids.labourers].find(([, v]) => v === i.labourerId)?.[0]);
      expect(ranked).toEqual(expect.arrayContaining(['lin', 'chen', 'wang', 'ninghua']));
      for (const item of items) {
        expect(item.name).toMatch(/^.\*+$/);
        expect(item.regionCode).toHaveLength(6);
        expect(item.reasons.map((r) => r.code)).not.toEqual(expect.arrayContaining(['disability_friendly']));
      }
      const welfare = await matching.candidates(admin, job('welfare'), { limit: 20, lang: 'zh-CN' });
      expect(welfare.items.map((i) => i.labourerId)).toEqual([id('chen')]);
    });

    it('shows names to an officer whose region covers the person, and masks the others', async () => {
      const { items } = await matching.candidates(changting, job('home'), { limit: 20, lang: 'zh-CN' });
      const lin = items.find((i) => i.labourerId === id('lin'))!;
      const fromNinghua = items.find((i) => i.labourerId === id('ninghua'))!;
      expect(lin.name).toBe('测试lin');
      expect(lin.regionCode).toBe('350821100201');
      expect(fromNinghua.name).toMatch(/^测\*+$/);
      expect(fromNinghua.regionCode).toBe('350424');
    });

    it('never lists someone outside their own area or age range for the job', async () => {
      const young = await matching.candidates(admin, job('young-only'), { limit: 20, lang: 'zh-CN' });
      expect(young.items.map((i) => i.labourerId)).toEqual([id('wang')]);
      const xiamen = await matching.candidates(admin, job('xiamen'), { limit: 20, lang: 'zh-CN' });
      expect(xiamen.items.map((i) => i.labourerId).sort()).toEqual([id('ninghua'), id('wang')].sort());
    });
  });

  it('counts each employer’s hires and three-month retention from the applications', async () => {
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const employerId = ids.employers.get('far')!;
    const vacancy = await ctx.db.vacancy.create({
      data: {
        employerId,
        title: '旧岗位',
        occupationCode: 'C03-001',
        description: '旧岗位',
        regionCode: '350206',
        wageMin: 4000,
        wageMax: 5000,
        headcount: 9,
        status: 'closed',
      },
    });
    const hires = [
      { status: 'started', hiredAt: d('2025-06-01'), startedAt: d('2025-06-03'), leftAt: null },
      { status: 'left', hiredAt: d('2025-06-01'), startedAt: d('2025-06-03'), leftAt: d('2025-12-01') },
      { status: 'left', hiredAt: d('2026-01-01'), startedAt: d('2026-01-05'), leftAt: d('2026-01-20') },
      { status: 'hired', hiredAt: d('2026-03-01'), startedAt: null, leftAt: null },
    ] as const;
    const people = ['lin', 'chen', 'wang', 'ninghua'];
    await ctx.db.application.createMany({
      data: hires.map((h, i) => ({ ...h, labourerId: id(people[i]!), vacancyId: vacancy.id, origin: 'self' as const })),
    });
    try {
      const rows = await createMatchingRepository(ctx.db).employerRecords(d('2026-03-15'));
      expect(rows.find((r) => r.employerId === employerId)).toEqual({ employerId, hires: 4, decided: 3, retained: 2 });
    } finally {
      await ctx.db.vacancy.delete({ where: { id: vacancy.id } });
    }
  });

  it('answers "unavailable" when Meilisearch cannot be reached', async () => {
    const offline = createMatchingService({
      repo: createMatchingRepository(ctx.db),
      search: createMatchingSearch(createMeiliClient('http://127.0.0.1:9', 'x'), ctx.config.meili.indexPrefix),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
    });
    await expect(offline.matches(admin, id('lin'), { limit: 5, lang: 'zh-CN' })).rejects.toThrow(UnavailableError);
  });
});
