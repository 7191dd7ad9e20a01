import type { ApplicationStatus } from '../platform/database/generated/enums.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { VacancyState } from './hard-rules.ts';
import type { TaxonomyData } from './taxonomy.ts';
import type { EmployerRecord } from './types.ts';
import { EMPLOYER_RECORD, WAGE } from './weights.ts';

/** Open jobs of verified employers sharing what the person-dependent hard rules look at. */
export interface JobGroup {
  ageMin: number | null;
  ageMax: number | null;
  publicWelfarePost: boolean;
  jobs: number;
  bestWage: number;
}

export interface ApplicationCount {
  vacancyId: string;
  status: ApplicationStatus;
  count: number;
}

/** Applications still competing for a place. */
export const OPEN_APPLICATION: ApplicationStatus[] = ['applied', 'viewed', 'interview', 'offered'];
/** Applications that took a place. */
export const TAKEN_PLACE: ApplicationStatus[] = ['hired', 'started'];

export const PERSON_SELECT = {
  id: true,
  name: true,
  phoneMasked: true,
  sex: true,
  birthDate: true,
  regionCode: true,
  mobility: true,
  desiredOccupations: true,
  expectedWage: true,
  needsAccommodation: true,
  hardToEmploy: true,
  disability: true,
  wantsJob: true,
  consentShowEmployer: true,
  erasedAt: true,
  skills: { select: { skillCode: true, level: true } },
  certificates: { select: { kind: true } },
} as const;

const VACANCY_SELECT = {
  id: true,
  title: true,
  employerId: true,
  occupationCode: true,
  skillCodes: true,
  preferredSkillCodes: true,
  regionCode: true,
  lat: true,
  lng: true,
  wageMin: true,
  wageMax: true,
  payBasis: true,
  headcount: true,
  ageMin: true,
  ageMax: true,
  accommodation: true,
  meals: true,
  disabilityFriendly: true,
  publicWelfarePost: true,
  contractType: true,
  requiredCertificates: true,
  requiredSkillLevels: true,
  trainsForCertificate: true,
  status: true,
  publishedAt: true,
  expiresAt: true,
  employer: {
    select: { name: true, kind: true, verifiedAt: true, contactName: true, contactPhone: true, regionCode: true },
  },
} as const;

/** The aggregate reads of the market: employers' records, vacancies' crowding, jobs of an area. */
function marketQueries(db: Db) {
  return {
    /**
     * Each employer's hires through the platform and three-month retention, the same rule as the
     * applications module's retention figures: a hire is judged once three months from the start
     * (or the hire) are over, or when the person left before; leaving within them is an early leave.
     */
    employerRecords(now: Date): Promise<Array<EmployerRecord & { employerId: string }>> {
      const months = `${EMPLOYER_RECORD.retentionMonths} months`;
      return db.$queryRaw<Array<EmployerRecord & { employerId: string }>>`
        SELECT v."employerId",
          count(*)::int AS "hires",
          count(*) FILTER (WHERE h."early" OR h."due" <= ${now})::int AS "decided",
          count(*) FILTER (WHERE NOT h."early" AND h."due" <= ${now})::int AS "retained"
        FROM (
          SELECT a."vacancyId",
            COALESCE(a."startedAt", a."hiredAt") + ${months}::interval AS "due",
            (a."status" = 'left' AND a."leftAt" < COALESCE(a."startedAt", a."hiredAt") + ${months}::interval) AS "early"
          FROM "Application" a
          WHERE a."status" IN ('hired', 'started', 'left') AND COALESCE(a."startedAt", a."hiredAt") IS NOT NULL
        ) h JOIN "Vacancy" v ON v."id" = h."vacancyId"
        GROUP BY v."employerId"`;
    },

    /** Applications still in play and places taken, per open vacancy. */
    applicationCounts(): Promise<ApplicationCount[]> {
      return db.$queryRaw<ApplicationCount[]>`
        SELECT a."vacancyId", a."status"::text AS "status", count(*)::int AS "count"
        FROM "Application" a JOIN "Vacancy" v ON v."id" = a."vacancyId"
        WHERE v."status" = 'open' AND a."status" IN ('applied', 'viewed', 'interview', 'offered', 'hired', 'started')
        GROUP BY a."vacancyId", a."status"`;
    },

    /**
     * The vacancies of an area (region prefixes; null for anywhere) that could be anyone's, grouped
     * by age range and public-welfare post, with the best monthly pay of each group.
     */
    async jobGroupsIn(area: string[] | null, now: Date): Promise<JobGroup[]> {
      const patterns = area?.map((prefix) => `${prefix}%`) ?? null;
      return db.$queryRaw<JobGroup[]>`
        SELECT v."ageMin", v."ageMax", v."publicWelfarePost", count(*)::int AS "jobs",
          max(CASE WHEN v."payBasis" = 'day' THEN v."wageMax" * ${WAGE.daysPerMonth} ELSE v."wageMax" END)::int AS "bestWage"
        FROM "Vacancy" v JOIN "Employer" e ON e."id" = v."employerId"
        WHERE v."status" = 'open' AND e."verifiedAt" IS NOT NULL AND (v."expiresAt" IS NULL OR v."expiresAt" > ${now})
          AND (${patterns}::text[] IS NULL OR v."regionCode" LIKE ANY(${patterns}::text[]))
        GROUP BY 1, 2, 3`;
    },
  };
}

export function createMatchingRepository(db: Db) {
  return {
    ...marketQueries(db),

    async taxonomy(): Promise<TaxonomyData> {
      const [skills, occupations, certificates, regionNamesEn] = await Promise.all([
        db.skill.findMany({ select: { code: true, nameZh: true, nameEn: true, relatedCodes: true } }),
        db.occupation.findMany({
          select: {
            code: true,
            categoryCode: true,
            subcategoryCode: true,
            nameZh: true,
            nameEn: true,
            skillCodes: true,
            licenceKinds: true,
          },
        }),
        db.certificateKind.findMany({
          select: { code: true, nameZh: true, nameEn: true, occupationCodes: true, category: true },
        }),
        db.region.findMany({ select: { code: true, nameEn: true } }),
      ]);
      return { skills, occupations, certificates, regionNamesEn };
    },

    person(id: string) {
      return db.labourer.findUnique({ where: { id }, select: PERSON_SELECT });
    },

    /** People who want work (under a region prefix), by place then id, in the shape the matcher ranks. */
    willingPage(after: { regionCode: string; id: string } | null, take: number, prefix = '') {
      return db.labourer.findMany({
        where: {
          wantsJob: true,
          erasedAt: null,
          ...(prefix ? { regionCode: { startsWith: prefix } } : {}),
          ...(after
            ? {
                OR: [{ regionCode: { gt: after.regionCode } }, { regionCode: after.regionCode, id: { gt: after.id } }],
              }
            : {}),
        },
        select: PERSON_SELECT,
        orderBy: [{ regionCode: 'asc' }, { id: 'asc' }],
        take,
      });
    },

    /** What the people said "not interested" in, and where they already applied. */
    async personSignals(labourerIds: string[]) {
      const [feedback, applications] = await Promise.all([
        db.matchFeedback.findMany({
          where: { labourerId: { in: labourerIds } },
          select: { labourerId: true, vacancyId: true },
        }),
        db.application.findMany({
          where: { labourerId: { in: labourerIds } },
          select: { labourerId: true, vacancyId: true },
        }),
      ]);
      const vacancyIds = [...new Set(feedback.map((f) => f.vacancyId))];
      const occupations = vacancyIds.length
        ? await db.vacancy.findMany({ where: { id: { in: vacancyIds } }, select: { id: true, occupationCode: true } })
        : [];
      return { feedback, applications, occupations: new Map(occupations.map((v) => [v.id, v.occupationCode])) };
    },

    vacancies(ids: string[]) {
      return db.vacancy.findMany({ where: { id: { in: ids } }, select: VACANCY_SELECT });
    },

    vacancy(id: string) {
      return db.vacancy.findUnique({ where: { id }, select: VACANCY_SELECT });
    },

    /** What the hard rules need of many vacancies, in one light read (batch rankings). */
    async vacancyStates(ids: string[]): Promise<Array<VacancyState & { id: string }>> {
      if (ids.length === 0) return [];
      return db.$queryRaw<Array<VacancyState & { id: string }>>`
        SELECT v."id", v."status"::text AS "status", v."expiresAt", v."publicWelfarePost", v."ageMin", v."ageMax",
          v."regionCode", v."occupationCode", v."requiredCertificates", v."trainsForCertificate",
          (e."verifiedAt" IS NOT NULL) AS "employerVerified"
        FROM "Vacancy" v JOIN "Employer" e ON e."id" = v."employerId"
        WHERE v."id" = ANY(${ids})`;
    },

    people(ids: string[]) {
      return db.labourer.findMany({ where: { id: { in: ids } }, select: PERSON_SELECT });
    },

    async notInterestedIn(vacancyId: string, labourerIds: string[]): Promise<Set<string>> {
      const rows = await db.matchFeedback.findMany({
        where: { vacancyId, labourerId: { in: labourerIds } },
        select: { labourerId: true },
      });
      return new Set(rows.map((r) => r.labourerId));
    },

    saveFeedback(labourerId: string, vacancyId: string, reason: string | null) {
      return db.matchFeedback.upsert({
        where: { labourerId_vacancyId: { labourerId, vacancyId } },
        create: { labourerId, vacancyId, reason },
        update: { reason },
      });
    },

    async deleteFeedback(labourerId: string, vacancyId: string): Promise<boolean> {
      const { count } = await db.matchFeedback.deleteMany({ where: { labourerId, vacancyId } });
      return count > 0;
    },

    vacancyExists(id: string) {
      return db.vacancy.findUnique({ where: { id }, select: { id: true } });
    },
  };
}

export type MatchingRepository = ReturnType<typeof createMatchingRepository>;
export type PersonRow = NonNullable<Awaited<ReturnType<MatchingRepository['person']>>>;
export type VacancyRow = NonNullable<Awaited<ReturnType<MatchingRepository['vacancy']>>>;
