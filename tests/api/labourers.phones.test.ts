import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptHeldPhones } from '../../services/imports/held-phones.repository.ts';
import { encryptLegacyPhones } from '../../services/labourers/legacy-phones.repository.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser, seedSmallDemo } from '../helpers/factories.ts';
import { buildLabourer, makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
const PHONE = '13905975678';

describe('labourers’ phone numbers', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let changting: Headers;
  let ninghua: Headers;
  let personId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    changting = await bearer(ctx, 'officer.changting');
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'officer.ninghua' });
    ninghua = await bearer(ctx, 'officer.ninghua');
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/labourers',
      headers: changting,
      payload: buildLabourer({ name: '江丽萍', idNumber: makeIdNumber('350821', '19870909', false), phone: PHONE }),
    });
    expect(created.statusCode).toBe(201);
    personId = created.json().id;
  });
  afterAll(() => ctx.close());

  it('stores a phone encrypted with a keyed hash and a masked form, never in clear', async () => {
    const [row] = await ctx.db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT * FROM "Labourer" WHERE id = $1`,
      personId,
    );
    expect(JSON.stringify(row)).not.toContain(PHONE);
    expect(row).toMatchObject({ phone: null, phoneHash: pii.hash(PHONE), phoneMasked: '139****5678' });
    expect(pii.decrypt(row!.phoneEncrypted as string)).toBe(PHONE);
  });

  it('shows the phone masked in profiles and lists', async () => {
    const profile = await ctx.app.inject({ url: `/api/v1/labourers/${personId}`, headers: changting });
    expect(profile.json()).toMatchObject({ phoneMasked: '139****5678' });
    expect(profile.body).not.toContain(PHONE);
    const list = await ctx.app.inject({ url: '/api/v1/labourers?pageSize=200', headers: changting });
    expect(list.body).toContain('139****5678');
    expect(list.body).not.toContain(PHONE);
  });

  it('finds a person by phone through the hash, typed with spaces or +86, or by the masked form', async () => {
    for (const q of [PHONE, '139 0597 5678', '+8613905975678', '139****5678']) {
      const response = await ctx.app.inject({
        url: `/api/v1/labourers?q=${encodeURIComponent(q)}`,
        headers: changting,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((p: { id: string }) => p.id)).toContain(personId);
    }
    const other = await ctx.app.inject({ url: '/api/v1/labourers?q=13905975679', headers: changting });
    expect(other.json().items.map((p: { id: string }) => p.id)).not.toContain(personId);
  });

  it('reveals the phone in clear to an officer of the region, and audits each reading', async () => {
    const before = await ctx.db.auditLog.count({ where: { action: 'labourer.phone.read', entityId: personId } });
    const response = await ctx.app.inject({ url: `/api/v1/labourers/${personId}/phone`, headers: changting });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ phone: PHONE });
    expect(await ctx.db.auditLog.count({ where: { action: 'labourer.phone.read', entityId: personId } })).toBe(
      before + 1,
    );
    const outside = await ctx.app.inject({ url: `/api/v1/labourers/${personId}/phone`, headers: ninghua });
    expect(outside.statusCode).toBe(403);
    const employer = await ctx.app.inject({
      url: `/api/v1/labourers/${personId}/phone`,
      headers: await bearer(ctx, 'employer.demo'),
    });
    expect(employer.statusCode).toBe(403);
  });

  it('exports phones masked, and in clear only when asked, with the audit record saying so', async () => {
    const masked = await ctx.app.inject({ url: '/api/v1/labourers/export?format=csv', headers: changting });
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('139****5678');
    expect(masked.body).not.toContain(PHONE);
    const clear = await ctx.app.inject({
      url: `/api/v1/labourers/export?format=csv&phones=clear&q=${PHONE}`,
      headers: changting,
    });
    expect(clear.statusCode).toBe(200);
    expect(clear.body).toContain(PHONE);
    const audit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: 'labourer.export' },
      orderBy: { id: 'desc' },
    });
    expect(audit.details).toMatchObject({ phones: 'clear', filters: { q: '139****5678' } });
    expect(JSON.stringify(audit.details)).not.toContain(PHONE);
  });

  it('keeps the phone when an officer saves the profile form with the masked number, and reveals it on the page (audited)', async () => {
    const officer = await new PageClient(ctx).signIn('officer.changting');
    const edit = await officer.get(`/labourers/${personId}/edit`);
    expect(edit.body).toContain('value="139****5678"');
    expect(edit.body).not.toContain(PHONE);
    const saved = await officer.post(`/labourers/${personId}`, {
      name: '江丽萍',
      phone: '139****5678',
      regionCode: '350821',
      mobility: 'county',
      employmentStatus: 'unemployed',
      wantsJob: 'on',
      consentContact: 'on',
      consentShowEmployer: 'on',
    });
    expect(saved.statusCode).toBe(303);
    const row = await ctx.db.labourer.findUniqueOrThrow({ where: { id: personId } });
    expect(row.phoneHash).toBe(pii.hash(PHONE));
    const profile = await officer.get(`/labourers/${personId}`);
    expect(profile.body).toContain('139****5678');
    expect(profile.body).not.toContain(PHONE);
    const revealed = await officer.post(`/labourers/${personId}/phone`, {});
    expect(revealed.statusCode).toBe(200);
    expect(revealed.body).toContain(PHONE);
    expect(revealed.headers['cache-control']).toBe('no-store');
  });

  it('encrypts phones left in clear by earlier versions at start, once, and the held import rows too', async () => {
    await ctx.db.labourer.update({
      where: { id: personId },
      data: { legacyPhone: '13800138000', phoneEncrypted: null, phoneHash: null, phoneMasked: null },
    });
    const job = await ctx.db.importJob.create({
      data: { fileName: 'old.csv', fileHash: 'x', regionCode: '350821', status: 'completed', kind: 'poverty_office' },
    });
    const flag = await ctx.db.duplicateFlag.create({
      data: {
        jobId: job.id,
        rowNumber: 2,
        kind: 'registry',
        reason: 'same_id_different_name',
        incoming: {
          fingerprint: 'f',
          idNumberMasked: '350821********1234',
          input: { name: '江丽', phone: '13800138001' },
        },
      },
    });
    expect(await encryptLegacyPhones(ctx.db, pii)).toBe(1);
    expect(await encryptHeldPhones(ctx.db, pii)).toBe(1);
    const row = await ctx.db.labourer.findUniqueOrThrow({ where: { id: personId } });
    expect(row).toMatchObject({ legacyPhone: null, phoneHash: pii.hash('13800138000'), phoneMasked: '138****8000' });
    expect(pii.decrypt(row.phoneEncrypted!)).toBe('13800138000');
    const held = await ctx.db.duplicateFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(JSON.stringify(held.incoming)).not.toContain('13800138001');
    expect(held.incoming).toMatchObject({ fingerprint: 'f', phoneMasked: '138****8001', input: { name: '江丽' } });
    // A second start finds nothing left to convert and changes nothing.
    expect(await encryptLegacyPhones(ctx.db, pii)).toBe(0);
    expect(await encryptHeldPhones(ctx.db, pii)).toBe(0);
    expect((await ctx.db.labourer.findUniqueOrThrow({ where: { id: personId } })).phoneEncrypted).toBe(
      row.phoneEncrypted,
    );
  });
});
