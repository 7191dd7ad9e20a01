import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import type {
  EducationLevel,
  EmploymentStatus,
  PovertyStatus,
  TrainingEnrolmentStatus,
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

/**
 * Skills figures (services/reports/skills-indicators.ts) on the same people: training wishes, one
 * course of 宁化 with its enrolments, a completion certificate, work after certificates, a training
 * record, and 宁化's targets for 2026.
 */
async function seedSkills(ctx: TestContext, ids: Record<string, string>) {
  for (const key of ['D1', 'D4', 'D6', 'D8', 'D11'])
    await ctx.db.labourer.update({ where: { id: ids[key]! }, data: { trainingWishes: ['C05-005'] } });
  const course = await ctx.db.trainingCourse.create({
    data: {
      title: '养老护理员培训班',
      programme: 'spring_tide',
      providerName: '宁化县职业技术学校',
      providerKind: 'technical_school',
      regionCode: '350424100',
      place: '镇文化站',
      startsOn: day('2026-02-10'),
      endsOn: day('2026-03-10'),
      seats: 30,
    },
  });
  const enrol = (
    key: string,
    e: { status: TrainingEnrolmentStatus; offered?: string; enrolled?: string; completed?: string; passed?: boolean },
  ) =>
    ctx.db.trainingEnrolment.create({
      data: {
        courseId: course.id,
        labourerId: ids[key]!,
        status: e.status,
        offeredAt: e.offered ? at(e.offered) : null,
        enrolledAt: e.enrolled ? at(e.enrolled) : null,
        completedAt: e.completed ? at(e.completed) : null,
        passed: e.passed ?? null,
      },
    });
  await enrol('D1', {
    status: 'completed',
    offered: '2026-02-01',
    enrolled: '2026-02-05',
    completed: '2026-03-10',
    passed: true,
  });
  await enrol('D4', { status: 'offered', offered: '2026-06-20' });
  await enrol('D6', { status: 'offered', offered: '2026-07-05' }); // after the period
  await enrol('D12', { status: 'completed', enrolled: '2026-04-01', completed: '2026-05-20', passed: false });
  await enrol('D9', { status: 'withdrawn', enrolled: '2026-06-10' });
  await enrol('D2', { status: 'completed', enrolled: '2025-12-20', completed: '2026-01-15', passed: true });
  await enrol('D8', { status: 'completed', offered: '2026-03-01', enrolled: '2026-03-02', completed: '2026-04-01' }); // outside
  // D1's pass wrote a completion certificate (结业证书, one of the plan's four kinds).
  await ctx.db.labourerCertificate.create({
    data: { labourerId: ids.D1!, kind: 'CERT-TRAINING', issuedOn: day('2026-03-10') },
  });
  // Work after a certificate: D12 on 20 July (78 days after the 3 May special-ability certificate);
  // D1 on 15 July (127 days after 10 March). Both after 30 June: the period's stocks stay as they are.
  for (const [key, when] of [
    ['D12', '2026-07-20'],
    ['D1', '2026-07-15'],
  ] as const)
    await ctx.db.labourerStatusChange.create({
      data: { labourerId: ids[key]!, toStatus: 'employed_local', changedAt: at(when), source: 'import' },
    });
  // A training record of D10 (not confirmed poor) ended in April: an upgrading training, nobody's person count.
  await ctx.db.trainingRecord.create({
    data: {
      labourerId: ids.D10!,
      course: '电工培训',
      provider: '县就业局',
      startedOn: day('2026-04-01'),
      endedOn: day('2026-04-30'),
    },
  });
  for (const [kind, value] of [
    ['upgrading_trainings', 20],
    ['people_trained', 10],
    ['people_certified', 8],
  ] as const)
    await ctx.db.trainingTarget.create({ data: { regionCode: '350424', year: 2026, kind, value } });
}

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
    await seedSkills(ctx, ids);
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

  it('follows a training wish to a course, a certificate and work (plan §1(2), §3(1), §3(2))', async () => {
    // Wishes today: D1, D4, D6 (D8 lifted out in 2016 and D11 erased are outside) = 3. Offered or
    // on a course before 1 July: D1 (offered 1 Feb), D4 (offered 20 June); D6's offer is of 5 July
    // → 2 of 3 = 66.7 %.
    // Offered in the period: D1, D4 = 2 (D6 in July, D8 outside). Enrolled in the period and still on
    // or through the course: D1, D12 = 2 (D9 withdrew, D2 enrolled in December, D8 outside).
    // Completed in the period: D2 (15 Jan), D1 (10 Mar), D12 (20 May, failed) = 3.
    // Certified (the four kinds): D1 completion, D3 elder care, D9 security guard, D12 maternity = 4
    // (D1's health certificate, D12's driving licence and D10 are not).
    // In work within 90 days of the certificate: D12 (20 July, 78 days after 3 May) = 1; D1 started
    // 127 days after; D3 and D9 were in work already.
    expect(await values()).toMatchObject({
      training_wished: 3,
      training_wished_reached: 2,
      training_wish_coverage: 66.7,
      training_offered: 2,
      training_enrolled: 2,
      training_course_completed: 3,
      training_certified: 4,
      training_certified_employed_90d: 1,
    });
  });

  it('measures 宁化’s yearly targets from 1 January (plan §3(2) 每年开展农民工技能提升培训20万人次以上)', async () => {
    // Upgrading trainings (人次, everyone registered): course completions D2, D1, D12, D8 + D10's
    // training record = 5 of 20 → 25 %. Registered poor people trained: D2, D1, D12 = 3 of 10 → 30 %.
    // Certified: D1, D3, D9, D12 = 4 of 8 → 50 %.
    expect(await values()).toMatchObject({
      training_target_upgrading_trainings: 20,
      training_done_upgrading_trainings: 5,
      training_progress_upgrading_trainings: 25,
      training_target_people_trained: 10,
      training_done_people_trained: 3,
      training_progress_people_trained: 30,
      training_target_people_certified: 8,
      training_done_people_certified: 4,
      training_progress_people_certified: 50,
    });
  });
});
