import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../services/platform/crypto/id-number.ts';
import { indexUid } from '../../search-index/indexes.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { buildLabourer, makeIdNumber } from '../helpers/labourers.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };

describe('labourer registry API', () => {
  let ctx: TestContext;
  let changting: Headers;
  let fujian: Headers;
  let ninghua: Headers;
  let employer: Headers;
  let labourer: Headers;
  let labourerDemoId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    changting = await bearer(ctx, 'officer.changting');
    fujian = await bearer(ctx, 'officer.fujian');
    ninghua = await bearer(ctx, 'officer.ninghua');
    employer = await bearer(ctx, 'employer.demo');
    labourer = await bearer(ctx, 'labourer.demo');
    labourerDemoId = (await ctx.db.user.findUniqueOrThrow({ where: { username: 'labourer.demo' } })).labourerId!;
  });
  afterAll(() => ctx.close());

  const create = (headers: Headers, body: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/labourers', headers, payload: body });

  describe('create and read', () => {
    it('registers a labourer, derives sex and birth date, and masks the ID number', async () => {
      const idNumber = makeIdNumber('350821', '19880315', false);
      const response = await create(changting, buildLabourer({ idNumber }));
      expect(response.statusCode).toBe(201);
      const { id } = response.json();
      const profile = await ctx.app.inject({ method: 'GET', url: `/api/v1/labourers/${id}`, headers: changting });
      expect(profile.statusCode).toBe(200);
      const body = profile.json();
      expect(body).toMatchObject({
        name: '林秀英',
        namePinyin: 'linxiuying',
        sex: 'female',
        birthDate: '1988-03-15',
        idNumberMasked: `350821********${idNumber.slice(-4)}`,
        regionName: '龙岩市长汀县',
        skills: [{ code: 'S-ELEC-ASSEMBLY', level: 'skilled', name: '电子产品组装' }],
        certificates: [{ kind: 'CERT-HEALTH', issuedOn: '2023-04-01' }],
      });
      expect(JSON.stringify(body)).not.toContain(idNumber);
      const stored = await ctx.db.labourer.findUniqueOrThrow({ where: { id } });
      expect(stored.idNumberEncrypted).not.toContain(idNumber);
    });

    it.each([
      [
        'bad checksum',
        (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0'),
        'id_checksum',
        /check character/,
      ],
      [
        'impossible date',
        () => {
          const f = '35082119900230123';
          return f + idCheckCharacter(f);
        },
        'id_birth_date',
        /birth date/,
      ],
      [
        'unknown region',
        () => {
          const f = '99082119900101123';
          return f + idCheckCharacter(f);
        },
        'id_region',
        /region code/,
      ],
      ['old 15-digit form', () => '350821900101123', 'id_legacy_15_digits', /15-digit/],
    ])('rejects an ID number with a %s, naming the field and the reason', async (_label, make, code, message) => {
      const response = await create(changting, buildLabourer({ idNumber: make(makeIdNumber()) }));
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'idNumber', code, message: expect.stringMatching(message) }),
      ]);
    });

    it('rejects a sex or birth date that contradicts the ID number', async () => {
      const response = await create(
        changting,
        buildLabourer({ idNumber: makeIdNumber('350821', '19900101', true), sex: 'female', birthDate: '1991-01-01' }),
      );
      expect(response.statusCode).toBe(400);
      expect(
        response
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['birthDate', 'sex']);
    });

    it('rejects unknown codes with one entry per field', async () => {
      const response = await create(
        changting,
        buildLabourer({ skills: ['S-NOPE'], desiredOccupations: ['X-1'], regionCode: '350821999' }),
      );
      expect(response.statusCode).toBe(400);
      expect(
        response
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['desiredOccupations.0', 'regionCode', 'skills.0']);
    });

    it('answers 409 for an ID number already registered', async () => {
      const idNumber = makeIdNumber('350821', '19750505', true);
      expect((await create(changting, buildLabourer({ idNumber, name: '王建国' }))).statusCode).toBe(201);
      const again = await create(changting, buildLabourer({ idNumber: idNumber.toLowerCase(), name: '王建国' }));
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CONFLICT');
    });
  });

  describe('status history', () => {
    it('records every status change with who made it', async () => {
      const { id } = (
        await create(changting, buildLabourer({ idNumber: makeIdNumber('350821', '19950707', true), name: '陈志强' }))
      ).json();
      const patch = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/labourers/${id}`,
        headers: changting,
        payload: { employmentStatus: 'transferred_in_province', statusNote: '经推荐到厦门电子厂就业' },
      });
      expect(patch.statusCode).toBe(200);
      expect(patch.json().employmentStatus).toBe('transferred_in_province');
      const history = (
        await ctx.app.inject({ method: 'GET', url: `/api/v1/labourers/${id}/status-history`, headers: fujian })
      ).json().items;
      expect(history).toEqual([
        expect.objectContaining({
          fromStatus: null,
          toStatus: 'unemployed',
          source: 'manual',
          changedBy: '长汀县就业服务中心',
        }),
        expect.objectContaining({
          fromStatus: 'unemployed',
          toStatus: 'transferred_in_province',
          note: '经推荐到厦门电子厂就业',
        }),
      ]);
    });
  });

  describe('lists', () => {
    it('filters by status, wishes, skill, age band and search, within the officer’s region', async () => {
      const { id } = (
        await create(
          changting,
          buildLabourer({
            idNumber: makeIdNumber('350821', '19700101', true),
            name: '钟福生',
            skills: ['S-HOUSEKEEPING'],
            wantsJob: true,
          }),
        )
      ).json();
      const list = (query: string, headers = changting) =>
        ctx.app.inject({ method: 'GET', url: `/api/v1/labourers?${query}`, headers });
      const ids = async (query: string, headers = changting) =>
        (await list(query, headers)).json().items.map((i: { id: string }) => i.id);
      expect(await ids('q=钟福生')).toContain(id);
      expect(await ids('q=zfs')).toContain(id);
      expect(await ids('q=zhongfu')).toContain(id);
      expect(await ids('skill=S-HOUSEKEEPING&wantsJob=true')).toContain(id);
      const age = new Date().getUTCFullYear() - 1970;
      expect(await ids(`ageMin=${age - 1}&ageMax=${age}`)).toContain(id);
      expect(await ids(`ageMax=${age - 5}`)).not.toContain(id);
      expect(await ids('status=employed_local')).not.toContain(id);
      const all = (await list('pageSize=200')).json();
      expect(all.items.every((i: { regionCode: string }) => i.regionCode.startsWith('350821'))).toBe(true);
      expect(await ids('q=钟福生', ninghua)).toEqual([]);
      expect((await list('pageSize=500')).statusCode).toBe(400);
    });

    it('pages by cursor through everyone in the region once, newest change first, and refuses a forged cursor', async () => {
      const list = (query: string) =>
        ctx.app.inject({ method: 'GET', url: `/api/v1/labourers?pageSize=3&${query}`, headers: changting });
      const first = (await list('')).json();
      const seen: Array<{ id: string; updatedAt: string }> = [...first.items];
      for (let cursor = first.nextCursor; cursor;) {
        const page = await list(`cursor=${cursor}`);
        expect(page.statusCode).toBe(200);
        seen.push(...page.json().items);
        cursor = page.json().nextCursor;
      }
      expect(seen).toHaveLength(first.total);
      expect(new Set(seen.map((item) => item.id)).size).toBe(first.total);
      const order = seen.map((item) => item.updatedAt);
      expect(order).toEqual([...order].sort().reverse());
      const forged = await list(`cursor=${Buffer.from('yesterday|x').toString('base64url')}`);
      expect(forged.statusCode).toBe(400);
      expect(forged.json().details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });

    it('finds a person by the masked ID number and by the full one', async () => {
      const idNumber = makeIdNumber('350821', '19660606', false);
      const { id } = (await create(changting, buildLabourer({ idNumber, name: '罗春梅' }))).json();
      const find = async (q: string) =>
        (
          await ctx.app.inject({
            method: 'GET',
            url: `/api/v1/labourers?q=${encodeURIComponent(q)}`,
            headers: changting,
          })
        )
          .json()
          .items.map((i: { id: string }) => i.id);
      expect(await find(idNumber)).toEqual([id]);
      expect(await find(`350821********${idNumber.slice(-4)}`)).toContain(id);
    });
  });

  describe('scope: a county officer is refused outside the county on every route', () => {
    let inChangting: string;
    beforeAll(async () => {
      inChangting = (
        await create(changting, buildLabourer({ idNumber: makeIdNumber('350821', '19800808', true), name: '赖金福' }))
      ).json().id;
    });

    it.each([
      ['GET', (id: string) => `/api/v1/labourers/${id}`, undefined],
      ['PATCH', (id: string) => `/api/v1/labourers/${id}`, { wantsJob: false }],
      ['DELETE', (id: string) => `/api/v1/labourers/${id}`, { reason: '本人申请' }],
      ['GET', (id: string) => `/api/v1/labourers/${id}/status-history`, undefined],
      ['GET', (id: string) => `/api/v1/labourers/${id}/id-number`, undefined],
    ] as const)('%s %s answers 403 to the 宁化县 officer', async (method, url, payload) => {
      const response = await ctx.app.inject({
        method,
        url: url(inChangting),
        headers: ninghua,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
    });

    it('refuses to create in another county and to list another county', async () => {
      expect(
        (await create(ninghua, buildLabourer({ idNumber: makeIdNumber('350821', '19811111', true) }))).statusCode,
      ).toBe(403);
      const list = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/labourers?regionCode=350821',
        headers: ninghua,
      });
      expect(list.statusCode).toBe(403);
    });

    it('refuses employers everywhere in the registry', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/labourers'],
        ['GET', `/api/v1/labourers/${inChangting}`],
        ['POST', '/api/v1/labourers'],
      ] as const) {
        const response = await ctx.app.inject({
          method,
          url,
          headers: employer,
          ...(method === 'POST' ? { payload: buildLabourer() } : {}),
        });
        expect(response.statusCode).toBe(403);
      }
    });

    it('lets a labourer read and update only their own profile, and not the fields officers attest', async () => {
      const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/labourers/me', headers: labourer });
      expect(me.statusCode).toBe(200);
      expect(me.json().id).toBe(labourerDemoId);
      expect(
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/labourers/${inChangting}`, headers: labourer }))
          .statusCode,
      ).toBe(403);
      const wishes = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/labourers/${labourerDemoId}`,
        headers: labourer,
        payload: { expectedWage: 5200, mobility: 'city' },
      });
      expect(wishes.statusCode).toBe(200);
      expect(wishes.json()).toMatchObject({ expectedWage: 5200, mobility: 'city' });
      const attested = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/labourers/${labourerDemoId}`,
        headers: labourer,
        payload: { hardToEmploy: true },
      });
      expect(attested.statusCode).toBe(403);
    });
  });

  describe('export', () => {
    it('downloads the filtered list in English as CSV, audited, with masked ID numbers', async () => {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/labourers/export?format=csv&lang=en&wantsJob=true',
        headers: changting,
      });
      expect(response.statusCode).toBe(200);
      const [header, ...rows] = response.body.replace('\uFEFF', '').trim().split('\n');
      expect(header).toContain('Name,ID number');
      expect(rows.length).toBeGreaterThan(0);
      expect(response.body).not.toMatch(/\d{17}[\dX]/);
      const audit = await ctx.db.auditLog.findFirstOrThrow({
        where: { action: 'labourer.export' },
        orderBy: { id: 'desc' },
      });
      expect(audit.details).toMatchObject({ format: 'csv', filters: { wantsJob: true } });
      expect(
        (await ctx.app.inject({ method: 'GET', url: '/api/v1/labourers/export?regionCode=350821', headers: ninghua }))
          .statusCode,
      ).toBe(403);
    });
  });

  describe('personal data', () => {
    it('audits every reading of an ID number in clear', async () => {
      const idNumber = makeIdNumber('350821', '19850505', false);
      const { id } = (await create(changting, buildLabourer({ idNumber, name: '温秀兰' }))).json();
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/labourers/${id}/id-number`,
        headers: fujian,
      });
      expect(response.json()).toEqual({ idNumber });
      const audit = await ctx.db.auditLog.findMany({ where: { entityId: id, action: 'labourer.id_number.read' } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.requestId).toBeTruthy();
    });

    it('erases personal data on request, keeps an anonymous record, and drops the person from the index', async () => {
      const idNumber = makeIdNumber('350821', '19790909', true);
      const { id } = (
        await create(changting, buildLabourer({ idNumber, name: '邱永兴', regionCode: '350821100' }))
      ).json();
      await ctx.drain.drainAll();
      const index = ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'labourers'));
      await expect(index.getDocument(id)).resolves.toBeTruthy();
      await ctx.app.notifier.notify([
        { labourerId: id, kind: 'matched_job', title: '新岗位', body: '邱永兴，有新岗位' },
      ]);
      await ctx.db.smsMessage.create({
        data: {
          labourerId: id,
          phoneEncrypted: 'x',
          phoneMasked: '138****0000',
          template: 'matched_job',
          body: '邱永兴',
          provider: 'development',
        },
      });

      const erased = await ctx.app.inject({
        method: 'DELETE',
        url: `/api/v1/labourers/${id}`,
        headers: changting,
        payload: { reason: '本人书面申请删除' },
      });
      expect(erased.statusCode).toBe(204);
      const row = await ctx.db.labourer.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({
        name: '（已删除）',
        phoneEncrypted: null,
        phoneHash: null,
        phoneMasked: null,
        legacyPhone: null,
        idNumberEncrypted: '',
        idNumberMasked: '',
        regionCode: '350821',
        sex: 'male',
      });
      expect(row.birthDate.toISOString().slice(0, 10)).toBe('1979-01-01');
      expect(row.erasedAt).toBeInstanceOf(Date);
      expect(await ctx.db.labourerStatusChange.count({ where: { labourerId: id } })).toBeGreaterThan(0);
      expect(
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/labourers/${id}`, headers: changting })).statusCode,
      ).toBe(404);
      expect(await ctx.db.auditLog.count({ where: { entityId: id, action: 'labourer.erase' } })).toBe(1);
      expect(await ctx.db.notification.count({ where: { labourerId: id } })).toBe(0);
      expect(await ctx.db.smsMessage.count({ where: { labourerId: id } })).toBe(0);
      await ctx.drain.drainAll();
      await expect(index.getDocument(id)).rejects.toThrow();
      // The same person may register again later.
      expect((await create(changting, buildLabourer({ idNumber, name: '邱永兴' }))).statusCode).toBe(201);
    });
  });
});
