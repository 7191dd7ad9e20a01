import crypto from 'node:crypto';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import type { EmployerKind } from '../../services/platform/database/generated/enums.ts';
import { creditCodeCheck } from '../../services/platform/validation/credit-code.ts';
import { bearer } from './auth.ts';
import { buildLabourer, makeIdNumber } from './labourers.ts';
import type { TestContext } from './test-context.ts';

/** A verified employer of the kind given in the region given, straight into the database. */
export async function createCooperationEmployer(db: Db, kind: EmployerKind, regionCode: string, name: string) {
  let body = `91${regionCode.slice(0, 6).padEnd(6, '0')}`;
  while (body.length < 17) body += String(crypto.randomInt(0, 10));
  return db.employer.create({
    data: {
      name,
      creditCode: body + creditCodeCheck(body),
      kind,
      regionCode,
      address: '测试路1号',
      contactName: '陈经理',
      contactPhone: '13800000000',
      verifiedAt: new Date(),
    },
  });
}

/** An open, published vacancy queued for the search index (drain the outbox afterwards). */
export async function createOpenVacancy(
  db: Db,
  employerId: string,
  overrides: { regionCode: string; occupationCode: string; title: string },
) {
  return db.$transaction(async (tx) => {
    const vacancy = await tx.vacancy.create({
      data: {
        employerId,
        description: `${overrides.title}，长期招聘，包吃住。`,
        skillCodes: [],
        wageMin: 4500,
        wageMax: 6500,
        headcount: 5,
        ageMin: 18,
        ageMax: 55,
        accommodation: true,
        status: 'open',
        publishedAt: new Date(),
        expiresAt: new Date(Date.now() + 60 * 86_400_000),
        ...overrides,
      },
    });
    await enqueueIndexing(tx, 'vacancies', [vacancy.id]);
    return vacancy;
  });
}

export const agreementBody = (overrides: Record<string, unknown> = {}) => ({
  homeRegionCode: '3501',
  partnerRegionCode: '6404',
  year: new Date().getUTCFullYear(),
  title: '福州市—固原市劳务协作',
  homeContactName: '林建国',
  homeContactPhone: '0591-87654321',
  partnerContactName: '马海军',
  partnerContactPhone: '13995412345',
  targetFairs: 2,
  targetTransfers: 4,
  targetHouseholdPlacements: 2,
  targetTrainings: 3,
  ...overrides,
});

/** A Ningxia labourer's registration body (a valid ID number of the county given). */
export const partnerLabourerBody = (county = '640402', overrides: Record<string, unknown> = {}) =>
  buildLabourer({
    name: '马玉兰',
    idNumber: makeIdNumber(county, '19900512', false),
    phone: '13995400001',
    regionCode: county,
    skills: [],
    certificates: [],
    desiredOccupations: ['C05-001'],
    mobility: 'partner_region',
    needsAccommodation: true,
    ...overrides,
  });

export async function api(
  ctx: TestContext,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: { authorization: string },
  payload?: unknown,
) {
  return ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export { bearer };
