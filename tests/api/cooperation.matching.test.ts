import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/factories.ts';
import {
  agreementBody,
  api,
  bearer,
  createCooperationEmployer,
  createOpenVacancy,
  partnerLabourerBody,
} from '../helpers/cooperation-fixtures.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

type Headers = { authorization: string };
interface Match {
  vacancyId: string;
  regionName: string;
  reasons: Array<{ code: string; text: string }>;
}

describe('matching across the pairing', () => {
  let ctx: TestContext;
  let admin: Headers;
  let fuzhouJob: string;
  let nanpingJob: string;
  const person: Record<string, string> = {};

  const matches = async (id: string, lang = 'zh-CN'): Promise<Match[]> => {
    const response = await api(ctx, 'GET', `/api/v1/labourers/${id}/matches?limit=20&lang=${lang}`, admin);
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createUser(ctx.db, { role: 'admin', username: 'admin.coop' });
    await createUser(ctx.db, { role: 'officer', regionCode: '3501', username: 'officer.fuzhou' });
    admin = await bearer(ctx, 'admin.coop');
    const fuzhou = await bearer(ctx, 'officer.fuzhou');
    const fuzhouCompany = await createCooperationEmployer(
      ctx.db,
      'household_service',
      '350102',
      '福州巧手家政服务有限公司',
    );
    const nanpingCompany = await createCooperationEmployer(
      ctx.db,
      'household_service',
      '350702',
      '南平安心家政服务有限公司',
    );
    fuzhouJob = (
      await createOpenVacancy(ctx.db, fuzhouCompany.id, {
        regionCode: '350102',
        occupationCode: 'C05-001',
        title: '住家保姆',
      })
    ).id;
    nanpingJob = (
      await createOpenVacancy(ctx.db, nanpingCompany.id, {
        regionCode: '350702',
        occupationCode: 'C05-001',
        title: '家政服务员',
      })
    ).id;

    const agreement = await api(ctx, 'POST', '/api/v1/cooperation/agreements', fuzhou, agreementBody());
    expect(agreement.statusCode).toBe(201);
    const register = async (key: string, county: string, mobility: string, birth: string) => {
      // Registered through the agreement's own officer: the home-side officer signs partner-area people up.
      const url = `/api/v1/cooperation/agreements/${agreement.json().id}/labourers`;
      const body = partnerLabourerBody(county, { idNumber: makeIdNumber(county, birth, false), mobility });
      const response = await (county.startsWith('6404')
        ? api(ctx, 'POST', url, fuzhou, body)
        : api(ctx, 'POST', '/api/v1/labourers', admin, body));
      expect(response.statusCode).toBe(201);
      person[key] = response.json().id;
    };
    await register('paired', '640402', 'partner_region', '19900101');
    await register('anywhere', '640422', 'anywhere', '19910202');
    await register('unpaired', '640104', 'partner_region', '19920303');
    await ctx.drain.drainAll();
  });
  afterAll(() => ctx.close());

  it('offers a Guyuan labourer willing to go to the partner city the Fuzhou job, with the pairing as reason', async () => {
    const found = await matches(person.paired!);
    const ids = found.map((m) => m.vacancyId);
    expect(ids).toContain(fuzhouJob);
    const reason = found.find((m) => m.vacancyId === fuzhouJob)!.reasons.find((r) => r.code === 'place_partner');
    expect(reason?.text).toMatch(/对口协作地区福州市/);
    const english = (await matches(person.paired!, 'en')).find((m) => m.vacancyId === fuzhouJob)!;
    expect(english.reasons.find((r) => r.code === 'place_partner')?.text).toMatch(/partner region \(Gulou District/);
  });

  it('keeps jobs in an unpaired city (Nanping) from them', async () => {
    expect((await matches(person.paired!)).map((m) => m.vacancyId)).not.toContain(nanpingJob);
  });

  it('gives both cities to a labourer who will move anywhere', async () => {
    const ids = (await matches(person.anywhere!)).map((m) => m.vacancyId);
    expect(ids).toContain(fuzhouJob);
    expect(ids).toContain(nanpingJob);
  });

  it('gives no Fujian job to a partner_region labourer from an area without an agreement', async () => {
    const ids = (await matches(person.unpaired!)).map((m) => m.vacancyId);
    expect(ids).not.toContain(fuzhouJob);
    expect(ids).not.toContain(nanpingJob);
  });
});
