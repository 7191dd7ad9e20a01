/**
 * A small province for the indicator tests (tests/api/reports.*.test.ts, tests/pages/reports.pages.test.ts): seven labourers in three
 * counties with dated status histories, pushes, applications, subsidies, fairs, a cooperation
 * agreement, trainings and certificates, written directly so every figure can be counted by hand.
 * The expected values are in tests/api/reports.indicators.test.ts, next to the reasoning.
 */
import crypto from 'node:crypto';
import type { Db } from '../../services/platform/database/prisma.ts';
import type {
  EducationLevel,
  EmploymentStatus,
  PensionInsurance,
} from '../../services/platform/database/generated/enums.ts';
import { createEmployer, createVacancy } from './applications.ts';

const at = (text: string) => new Date(text.length === 10 ? `${text}T12:00:00+08:00` : text);
const day = (text: string) => new Date(`${text}T00:00:00Z`);

interface PersonSpec {
  key: string;
  regionCode: string;
  birth: string;
  wantsJob: boolean;
  pension: PensionInsurance;
  education?: EducationLevel;
  graduationYear?: number;
  unemploymentInsurance?: boolean;
  history: Array<[string, EmploymentStatus]>;
}

/** A = 长汀县 350821 and B = 上杭县 350823 (龙岩市 3508), C = 宁化县 350424 (三明市 3504). */
export const PEOPLE: PersonSpec[] = [
  {
    key: 'L1',
    regionCode: '350821100201',
    birth: '1990-04-01',
    wantsJob: true,
    pension: 'urban_rural_resident',
    education: 'college',
    history: [
      ['2025-12-01', 'unemployed'],
      ['2026-03-10', 'transferred_out_province'],
    ],
  },
  {
    key: 'L2',
    regionCode: '350821100202',
    birth: '1985-08-08',
    wantsJob: true,
    pension: 'none',
    history: [
      ['2025-11-15', 'unemployed'],
      ['2026-02-20', 'employed_local'],
      // 1 July 01:00 in Beijing is still 30 June in UTC: outside a period ending 30 June.
      ['2026-07-01T01:00:00+08:00', 'unemployed'],
    ],
  },
  {
    key: 'L3',
    regionCode: '350821100203',
    birth: '1950-02-02',
    wantsJob: false,
    pension: 'urban_rural_resident',
    history: [['2026-01-05', 'not_in_labour_force']],
  },
  {
    key: 'L4',
    regionCode: '350821100204',
    birth: '2011-01-01',
    wantsJob: true,
    pension: 'none',
    history: [['2026-07-15', 'unemployed']],
  },
  {
    key: 'L5',
    regionCode: '350823100201',
    birth: '1992-09-09',
    wantsJob: false,
    pension: 'employee',
    unemploymentInsurance: true,
    history: [
      ['2025-10-01', 'unemployed'],
      ['2026-05-05', 'transferred_in_province'],
    ],
  },
  {
    key: 'L6',
    regionCode: '350823100202',
    birth: '1998-12-12',
    wantsJob: true,
    pension: 'none',
    education: 'bachelor_or_above',
    graduationYear: 2026,
    history: [['2026-01-20', 'public_welfare_post']],
  },
  {
    key: 'L7',
    regionCode: '350424100201',
    birth: '1980-03-03',
    wantsJob: true,
    pension: 'urban_rural_resident',
    history: [
      ['2025-06-01', 'self_employed'],
      ['2026-04-01', 'in_training'],
    ],
  },
];

export type Fixture = Awaited<ReturnType<typeof seedReportsFixture>>;

export async function seedReportsFixture(db: Db) {
  const ids: Record<string, string> = {};
  for (const p of PEOPLE) {
    const id = crypto.randomUUID();
    ids[p.key] = id;
    const last = p.history.at(-1)!;
    await db.labourer.create({
      data: {
        id,
        name: `测试${p.key}`,
        idNumberEncrypted: 'x',
        idNumberHash: crypto.randomBytes(16).toString('hex'),
        idNumberMasked: '350821********0000',
        sex: 'male',
        birthDate: day(p.birth),
        regionCode: p.regionCode,
        // All seven come from the poverty office's list (建档立卡, not lifted out).
        povertyStatus: 'registered',
        graduationYear: p.graduationYear ?? null,
        wantsJob: p.wantsJob,
        pensionInsurance: p.pension,
        educationLevel: p.education ?? 'junior_secondary',
        unemploymentInsurance: p.unemploymentInsurance ?? false,
        employmentStatus: last[1],
        employmentStatusSince: at(last[0]),
        statusChanges: {
          create: p.history.map(([when, toStatus]) => ({ toStatus, changedAt: at(when), source: 'import' })),
        },
      },
    });
  }

  const push = (key: string, when: string) =>
    db.jobPush.create({
      data: { labourerId: ids[key]!, vacancyId: crypto.randomUUID(), campaignId: 'c1', score: 0.9, pushedAt: at(when) },
    });
  await push('L1', '2026-05-01');
  await push('L2', '2026-07-10');
  await push('L6', '2026-06-30T10:00:00+08:00');
  await push('L4', '2026-07-20');
  await push('L7', '2026-07-25');

  const employer = await createEmployer(db, { regionCode: '350821' });
  const vacancy = await createVacancy(db, employer.id);
  const application = (key: string, over: Record<string, Date | string | null>) =>
    db.application.create({
      data: { labourerId: ids[key]!, vacancyId: vacancy.id, origin: 'self', status: 'applied', ...over },
    });
  const ap1 = await application('L1', {
    createdAt: at('2026-02-01'),
    hiredAt: at('2026-03-01'),
    startedAt: at('2026-03-10'),
    status: 'started',
  });
  const ap2 = await application('L2', {
    createdAt: at('2026-02-10'),
    hiredAt: at('2026-02-15'),
    startedAt: at('2026-02-20'),
    status: 'started',
  });
  const ap3 = await application('L7', { createdAt: at('2025-12-20'), hiredAt: at('2026-01-05'), status: 'hired' });
  await application('L6', { createdAt: at('2026-07-02') });

  // Hiring-subsidy decisions, as claims of the claim engine's hiring programme (approved or rejected).
  const hiring = await db.subsidyProgramme.findUniqueOrThrow({ where: { code: 'hiring' } });
  const decision = (
    app: { id: string; labourerId: string },
    status: 'approved' | 'rejected',
    amount: number,
    when: string,
  ) =>
    db.subsidyClaim.create({
      data: {
        programmeId: hiring.id,
        kind: 'hiring',
        subjectKey: `hiring:hire:${app.id}`,
        regionCode: employer.regionCode,
        applicationId: app.id,
        employerId: employer.id,
        labourerId: app.labourerId,
        claimant: 'employer',
        claimantName: employer.name,
        status,
        amount,
        createdById: 'officer',
        decidedAt: at(when),
      },
    });
  await decision(ap1, 'approved', 1000, '2026-04-01');
  await decision(ap2, 'approved', 1500, '2026-06-30T23:00:00+08:00');
  await decision(ap3, 'rejected', 0, '2026-03-01');

  const agreement = await db.cooperationAgreement.create({
    data: {
      homeRegionCode: '3508',
      partnerRegionCode: '520100',
      year: 2026,
      title: '龙岩—贵阳劳务协作',
      homeContactName: '张三',
      homeContactPhone: '13900000001',
      partnerContactName: '李四',
      partnerContactPhone: '13900000002',
      targetFairs: 2,
      targetTransfers: 10,
      targetHouseholdPlacements: 3,
      targetTrainings: 5,
    },
  });
  await db.cooperationAgreement.create({
    data: {
      homeRegionCode: '350424',
      partnerRegionCode: '520200',
      year: 2025,
      title: '宁化—六盘水劳务协作',
      homeContactName: '王五',
      homeContactPhone: '13900000003',
      partnerContactName: '赵六',
      partnerContactPhone: '13900000004',
      targetFairs: 9,
    },
  });

  const fair = (over: Record<string, unknown>) =>
    db.fair.create({
      data: {
        kind: 'spring_breeze',
        name: '春风行动专场招聘会',
        endsAt: at('2026-12-31'),
        organiser: '县人社局',
        status: 'closed',
        ...over,
      } as Parameters<typeof db.fair.create>[0]['data'],
    });
  const f1 = await fair({ regionCode: '350821', startsAt: at('2026-03-15') });
  const f2 = await fair({
    kind: 'cooperation',
    regionCode: '520100',
    homeRegionCode: '3508',
    agreementId: agreement.id,
    startsAt: at('2026-05-10'),
  });
  await fair({ regionCode: '350424', startsAt: at('2026-04-01'), status: 'cancelled' });
  await fair({ regionCode: '350821', startsAt: at('2026-08-01'), status: 'planned' });
  const registration = (fairId: string, key: string, checkedIn: boolean) =>
    db.fairRegistration.create({
      data: {
        fairId,
        labourerId: ids[key]!,
        code: crypto.randomBytes(6).toString('hex'),
        source: 'self',
        regionCode: PEOPLE.find((p) => p.key === key)!.regionCode,
        checkedInAt: checkedIn ? at('2026-03-15') : null,
      },
    });
  const r1 = await registration(f1.id, 'L1', true);
  await registration(f1.id, 'L2', false);
  const r3 = await registration(f2.id, 'L6', true);
  const interaction = (fairId: string, registrationId: string, outcome: 'interview' | 'intention' | 'offer') =>
    db.fairInteraction.create({ data: { fairId, registrationId, employerId: employer.id, outcome } });
  await interaction(f1.id, r1.id, 'offer');
  await interaction(f1.id, r1.id, 'interview');
  await interaction(f2.id, r3.id, 'intention');

  const batch = await db.transferBatch.create({
    data: {
      agreementId: agreement.id,
      departureDate: day('2026-04-01'),
      fromRegionCode: '350821',
      toRegionCode: '520100',
      status: 'arrived',
    },
  });
  await db.transferMember.createMany({
    data: [
      { batchId: batch.id, labourerId: ids.L1!, arrivedAt: at('2026-04-03') },
      { batchId: batch.id, labourerId: ids.L2! },
      { batchId: batch.id, labourerId: ids.L3!, arrivedAt: at('2026-07-05') },
    ],
  });
  await db.householdReferral.createMany({
    data: [
      { labourerId: ids.L6!, employerId: employer.id, agreementId: agreement.id, status: 'placed' },
      { labourerId: ids.L7!, employerId: employer.id, agreementId: agreement.id, status: 'referred' },
    ],
  });

  await db.trainingRecord.createMany({
    data: [
      {
        labourerId: ids.L1!,
        course: '电工',
        provider: '长汀县职业技术学校',
        startedOn: day('2026-02-01'),
        endedOn: day('2026-02-28'),
        passed: true,
        certificateKind: 'CERT-ELECTRICIAN',
      },
      {
        labourerId: ids.L7!,
        course: '家政服务',
        provider: '宁化县职业技术学校',
        startedOn: day('2026-05-01'),
        endedOn: day('2026-05-30'),
        passed: false,
      },
      {
        labourerId: ids.L6!,
        course: '育婴员',
        provider: '贵阳市家政学校',
        startedOn: day('2026-05-01'),
        endedOn: day('2026-07-15'),
        passed: true,
        agreementId: agreement.id,
      },
    ],
  });
  await db.labourerCertificate.createMany({
    data: [
      { labourerId: ids.L1!, kind: 'CERT-ELECTRICIAN', issuedOn: day('2026-03-01') },
      // An operating licence, a skill level (中式烹调师) and a skill level (养老护理员): only the
      // last two are the plan's kinds (§3(1)).
      { labourerId: ids.L5!, kind: 'CERT-COOK', issuedOn: day('2024-05-01') },
      { labourerId: ids.L2!, kind: 'CERT-ELDERCARE', issuedOn: day('2026-08-01') },
    ],
  });
  return { ids, agreementId: agreement.id };
}
