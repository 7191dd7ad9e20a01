import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import type {
  EducationLevel,
  EmploymentStatus,
  PovertyStatus,
} from '../../services/platform/database/generated/enums.ts';

const at = (text: string) => new Date(`${text}T12:00:00+08:00`);
const day = (text: string) => new Date(`${text}T00:00:00Z`);

interface Spec {
  sex: 'male' | 'female';
  birth: string;
  status: EmploymentStatus;
  wantsJob: boolean;
  poverty?: PovertyStatus;
  povertyYear?: number;
  erased?: boolean;
  education?: EducationLevel;
  graduationYear?: number;
}

/**
 * The plan's definitions on a small hand-made county (宁化县 350424), for the half-year
 * 2026-01-01 … 2026-06-30, statuses from the dated history (each set on 10 January).
 * Working age by default: 16–59 for men, 16–54 for women, on 30 June 2026.
 */
const PEOPLE: Record<string, Spec> = {
  D1: {
    sex: 'male',
    birth: '1966-07-01',
    status: 'unemployed',
    wantsJob: true,
    education: 'senior_secondary',
    graduationYear: 2026,
  }, // 59: in
  D2: { sex: 'male', birth: '1966-06-30', status: 'employed_local', wantsJob: false }, // 60 on the day: out
  D3: {
    sex: 'female',
    birth: '1971-07-01',
    status: 'employed_local',
    wantsJob: false,
    education: 'college',
    graduationYear: 2026,
  }, // 54: in
  D4: { sex: 'female', birth: '1971-06-30', status: 'unemployed', wantsJob: true }, // 55 on the day: out
  D5: { sex: 'male', birth: '2010-07-01', status: 'unemployed', wantsJob: true }, // 15: out
  D6: { sex: 'male', birth: '2000-01-01', status: 'unemployed', wantsJob: false }, // wants no work
  D7: { sex: 'male', birth: '1990-01-01', status: 'not_in_labour_force', wantsJob: true }, // cannot work
  D8: {
    sex: 'male',
    birth: '1990-01-01',
    status: 'unemployed',
    wantsJob: true,
    poverty: 'lifted_out',
    povertyYear: 2016,
  }, // lifted out before the plan
  D9: {
    sex: 'male',
    birth: '1990-01-01',
    status: 'self_employed',
    wantsJob: false,
    poverty: 'lifted_out',
    povertyYear: 2019,
    education: 'bachelor_or_above',
    graduationYear: 2025,
  },
  D10: { sex: 'male', birth: '1990-01-01', status: 'unemployed', wantsJob: true, poverty: 'unconfirmed' }, // self-registered
  D11: { sex: 'male', birth: '1990-01-01', status: 'unemployed', wantsJob: true, erased: true },
  D12: {
    sex: 'male',
    birth: '1990-01-01',
    status: 'in_training',
    wantsJob: true,
    education: 'vocational',
    graduationYear: 2026,
  },
};

describe('the plan’s definitions on hand-made data (services/reports/indicators.ts)', () => {
  let ctx: TestContext;
  let officer: { authorization: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    for (const [key, p] of Object.entries(PEOPLE)) {
      const person = await ctx.db.labourer.create({
        data: {
          name: `定义${key}`,
          idNumberEncrypted: 'x',
          idNumberHash: crypto.randomBytes(16).toString('hex'),
          idNumberMasked: '350424********0000',
          sex: p.sex,
          birthDate: day(p.birth),
          regionCode: '350424100201',
          povertyStatus: p.poverty ?? 'registered',
          povertyYear: p.povertyYear ?? null,
          erasedAt: p.erased ? at('2026-05-01') : null,
          wantsJob: p.wantsJob,
          educationLevel: p.education ?? 'junior_secondary',
          graduationYear: p.graduationYear ?? null,
          employmentStatus: p.status,
          statusChanges: { create: { toStatus: p.status, changedAt: at('2026-01-10'), source: 'import' } },
        },
      });
      ids[key] = person.id;
    }
    const push = (key: string, when: string) =>
      ctx.db.jobPush.create({
        data: {
          labourerId: ids[key]!,
          vacancyId: crypto.randomUUID(),
          campaignId: 'c',
          score: 0.9,
          pushedAt: at(when),
        },
      });
    await push('D1', '2026-03-01');
    await push('D2', '2026-02-01'); // in work: not in the promise
    await push('D5', '2026-07-05'); // after the period
    await push('D8', '2026-03-01'); // outside the population
    const certificate = (key: string, kind: string, issued: string) =>
      ctx.db.labourerCertificate.create({ data: { labourerId: ids[key]!, kind, issuedOn: day(issued) } });
    await certificate('D1', 'CERT-HEALTH', '2026-03-01'); // health
    await certificate('D3', 'CERT-ELDERCARE', '2026-04-01'); // skill level
    await certificate('D9', 'CERT-SECURITY', '2026-05-01'); // vocational qualification
    await certificate('D12', 'CERT-DRIVING-C', '2026-05-02'); // operating licence
    await certificate('D12', 'CERT-MATERNITY', '2026-05-03'); // special ability
    await certificate('D10', 'CERT-COOK', '2026-05-04'); // skill level, but D10 is not confirmed
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'def.ninghua' });
    officer = await bearer(ctx, 'def.ninghua');
  });
  afterAll(() => ctx.close());

  const values = async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators?from=2026-01-01&to=2026-06-30',
      headers: officer,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().source).toBe('history');
    return response.json().values as Record<string, number>;
  };

  it('counts one population: registered, or lifted out in the plan period; confirmed; not erased (plan §1(2))', async () => {
    // 12 people − D8 (lifted out 2016) − D10 (unconfirmed) − D11 (erased) = 9.
    expect((await values()).labourers).toBe(9);
  });

  it('takes 就业率 on working age by sex, able and wanting work (plan §1(2))', async () => {
    // Base: D1 (59, seeking), D3 (woman of 54, working), D9 (working), D12 (training, seeking) = 4.
    // Out: D2 (man of 60), D4 (woman of 55), D5 (15), D6 (wants no work), D7 (cannot work).
    // Employed in the base: D3, D9 = 2 → 2 ÷ 4 = 50 %. Employed in all: D2, D3, D9 = 3.
    expect(await values()).toMatchObject({
      labour_force: 4,
      labour_force_employed: 2,
      employed_share: 50,
      employed: 3,
    });
  });

  it('measures push coverage on the people wanting work and not in work, on one date (plan §2(3))', async () => {
    // Seeking on 30 June: D1, D4, D5, D12 = 4 (D2 and D9 work, D6 wants none, D7 cannot, D8/D10/D11
    // are outside). Pushed before 1 July: D1 only (D5's is on 5 July) → 1 ÷ 4 = 25 %.
    expect(await values()).toMatchObject({ willing: 4, pushed: 1, push_coverage: 25 });
  });

  it('counts vocational-qualification and skill-level certificates only (plan §3(1))', async () => {
    // Issued in the period: D3 elder care (skill level), D9 security guard (qualification) = 2.
    // Not: D1 health, D12 driving licence and maternity (special ability), D10 unconfirmed.
    expect(await values()).toMatchObject({ certificates_issued: 2, labourers_certified: 2 });
  });

  it('counts the graduates of the year, technical schools included (plan §5(4))', async () => {
    // 2026 graduates: D3 (college, employed) and D12 (vocational = 技工院校, in training) = 2;
    // D9 graduated in 2025 and D1's senior secondary school is not a graduate level. Employed: D3.
    expect(await values()).toMatchObject({ graduates: 2, graduates_employed: 1 });
  });

  it('counts the 16-year-olds for pension coverage within the same population (plan §4(1))', async () => {
    // The 9 people less D5 (15) = 8.
    expect((await values()).pension_eligible).toBe(8);
  });
});
