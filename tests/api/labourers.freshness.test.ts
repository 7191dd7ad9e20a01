import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { INDICATOR_BY_ID } from '../../services/reports/indicators.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { createRegistryPerson } from '../fixtures/comparison/registry.ts';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/**
 * Dynamic management (动态管理, plan §二(二) and §七(二)): record freshness by county and township,
 * people with no contact in a year, and the officer's worklist. Hand-made data, N = 6 months.
 */
describe('record freshness and the verification worklist', () => {
  let ctx: TestContext;
  let officer: PageClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'fresh.changting' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'fresh.ninghua' });
    await createUser(ctx.db, { role: 'officer', regionCode: '35', username: 'fresh.fujian' });
    // name: [village, updated days ago, created days ago, verified days ago, contacted days ago, erased]
    const people: Array<[string, string, number, number, number | null, number | null, boolean]> = [
      ['甲一', '350821100201', 30, 30, null, null, false], // fresh (updated), too new to count for contact
      ['甲二', '350821100201', 300, 500, null, null, false], // stale, no contact in a year
      ['甲三', '350821100202', 300, 500, 20, 20, false], // fresh (verified 20 days ago), contacted
      ['甲四', '350821100201', 300, 500, null, null, true], // erased: left out
      ['乙一', '350821101201', 200, 800, null, 100, false], // stale, contacted 100 days ago
      ['乙二', '350821101201', 10, 10, null, null, false], // fresh
      ['丙一', '350424100201', 300, 500, null, null, false], // another county: stale, no contact
    ];
    for (const [name, village, updated, created, verified, contacted, erased] of people) {
      const person = await createRegistryPerson(ctx.db, pii, { name, regionCode: village, erased });
      ids[name] = person.id;
      await ctx.db.$executeRaw`
        UPDATE "Labourer" SET "updatedAt" = ${daysAgo(updated)}, "createdAt" = ${daysAgo(created)},
               "verifiedAt" = ${verified === null ? null : daysAgo(verified)},
               "contactedAt" = ${contacted === null ? null : daysAgo(contacted)}
         WHERE id = ${person.id}`;
    }
    officer = await new PageClient(ctx).signIn('fresh.changting');
  });
  afterAll(() => ctx.close());

  it('defines the indicators once, naming the plan clause', () => {
    for (const id of ['records_fresh_share', 'records_stale', 'no_contact_year'])
      expect(INDICATOR_BY_ID.get(id)?.clause).toMatch(/^§2\(2\) .*; §7\(2\) /);
  });

  it('computes the county figures by hand: 3 of 5 fresh (60 %), 2 stale, 1 without contact for a year', async () => {
    const auth = await bearer(ctx, 'fresh.changting');
    const response = await ctx.app.inject({ url: '/api/v1/indicators?regionCode=350821', headers: auth });
    expect(response.statusCode, response.body).toBe(200);
    // 甲一, 甲三, 乙二 fresh; 甲二, 乙一 stale (甲四 erased); only 甲二 is old and out of touch.
    expect(response.json().values).toMatchObject({ records_fresh_share: 60, records_stale: 2, no_contact_year: 1 });
    const province = await ctx.app.inject({
      url: '/api/v1/indicators?regionCode=35',
      headers: await bearer(ctx, 'fresh.fujian'),
    });
    // With 丙一 of 宁化县: 3 of 6 fresh, 3 stale, 2 out of touch.
    expect(province.json().values).toMatchObject({ records_fresh_share: 50, records_stale: 3, no_contact_year: 2 });
  });

  it('shows freshness by township and the stale records, longest untouched first, on the worklist', async () => {
    const page = await officer.get('/labourers/freshness');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    // Township 350821100: 甲一, 甲二, 甲三 → 2 of 3 fresh = 66.7 %; 350821101: 乙一, 乙二 → 50 %.
    expect(body).toContain('60%');
    expect(body).toContain('66.7%');
    expect(body).toContain('50%');
    expect(body).toContain('href="/labourers/freshness?area=350821100"');
    expect(body.indexOf('甲二')).toBeGreaterThan(-1);
    expect(body.indexOf('甲二')).toBeLessThan(body.indexOf('乙一'));
    for (const fresh of ['甲一', '甲三', '乙二', '甲四', '丙一']) expect(body).not.toContain(fresh);
    const township = await officer.get('/labourers/freshness?area=350821101');
    expect(township.body).toContain('乙一');
    expect(township.body).not.toContain('甲二');
    // An area outside the officer's region falls back to their own.
    expect((await officer.get('/labourers/freshness?area=350424')).body).not.toContain('丙一');
  });

  it('is reachable from the registry and the dashboard', async () => {
    expect((await officer.get('/labourers')).body).toContain('href="/labourers/freshness"');
    expect((await officer.get('/dashboard')).body).toContain('href="/labourers/freshness?area=350821"');
  });

  it('exports the worklist, audited, with masked numbers', async () => {
    const before = await ctx.db.auditLog.count({ where: { action: 'labourer.export' } });
    const csv = await officer.get('/labourers/freshness/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('甲二');
    expect(csv.body).toContain('乙一');
    expect(csv.body).not.toContain('甲一');
    expect(csv.body).not.toMatch(/\d{17}[\dX]/);
    expect(await ctx.db.auditLog.count({ where: { action: 'labourer.export' } })).toBe(before + 1);
  });

  it('marks a record verified, audited, and the figures follow; another county’s officer may not', async () => {
    const ninghua = await new PageClient(ctx).signIn('fresh.ninghua');
    await ninghua.get('/labourers/freshness');
    expect((await ninghua.post(`/labourers/${ids['甲二']}/verify`, {})).statusCode).toBe(403);
    await officer.get('/labourers/freshness');
    const done = await officer.post(`/labourers/${ids['甲二']}/verify`, { area: '350821', page: '1' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/labourers/freshness?done=verified&area=350821&page=1');
    const person = await ctx.db.labourer.findUniqueOrThrow({ where: { id: ids['甲二'] } });
    expect(person.verifiedAt).not.toBeNull();
    expect(person.contactedAt).not.toBeNull();
    const audit = await ctx.db.auditLog.findMany({ where: { action: 'labourer.verify', entityId: ids['甲二'] } });
    expect(audit).toHaveLength(1);
    const after = await ctx.app.inject({
      url: '/api/v1/indicators?regionCode=350821',
      headers: await bearer(ctx, 'fresh.changting'),
    });
    // 4 of 5 fresh; only 乙一 left to verify; nobody out of touch.
    expect(after.json().values).toMatchObject({ records_fresh_share: 80, records_stale: 1, no_contact_year: 0 });
    expect((await officer.get('/labourers/freshness?done=verified')).body).toContain('已记为核实');
  });
});
