import { IN_WORK_STATUSES, registeredPoorSql } from '../labourers/index.ts';
import { Prisma } from '../platform/database/generated/client.ts';
import type { Db } from '../platform/database/prisma.ts';
import { COMPLETION_CODES } from './claim-kinds.ts';
import type { Area } from '../platform/access/area.ts';
import { areaSql } from '../platform/database/area-sql.ts';

/** Days, Beijing calendar, both ends included, with the instants that bound them. */
export interface DayRange {
  from: string;
  to: string;
  fromInstant: Date;
  /** Midnight (Beijing) after `to`. */
  toExclusive: Date;
}

/** What the skills figures count in a range (definitions: services/reports/skills-indicators.ts). */
export interface RangeCounts {
  offered: number;
  enrolled: number;
  completed: number;
  certified: number;
  certifiedEmployed90d: number;
  /** Course completions plus training records ended, of everyone registered in the region (人次). */
  trainings: number;
  /** Registered poor people who completed a course or whose training record ended. */
  trained: number;
}

const list = (values: readonly string[]) => Prisma.raw(values.map((v) => `'${v}'`).join(', '));
const IN_WORK = list(IN_WORK_STATUSES);
/** The plan's four kinds (§3(1)): qualification, skill level, special ability, and the completion certificate. */
const PLAN_CATEGORIES = list(['vocational_qualification', 'skill_level', 'special_ability']);
const COMPLETION = list([...COMPLETION_CODES]);

/** The skills figures' SQL: aggregates only, never a person's row. */
export function createSkillsFiguresRepository(db: Db) {
  return {
    /**
     * Registered poor people of the region with a training wish today, and of them those offered,
     * enrolled on or through a course before `before` (their wish was acted on).
     */
    async wishes(area: Area, before: Date) {
      const [row] = await db.$queryRaw<Array<{ wished: number; reached: number }>>`
        SELECT count(*)::int AS wished,
          count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM "TrainingEnrolment" e WHERE e."labourerId" = l."id"
              AND coalesce(e."offeredAt", e."enrolledAt", e."createdAt") < ${before}))::int AS reached
        FROM "Labourer" l
        WHERE ${areaSql(Prisma.sql`l."regionCode"`, area)} AND ${registeredPoorSql('l')}
          AND cardinality(l."trainingWishes") > 0`;
      return row ?? { wished: 0, reached: 0 };
    },

    /**
     * The range's counts for the region (see RangeCounts). The event tables drive each count and
     * join the person for their region and population, so a province does not list its people first.
     */
    async range(area: Area, r: DayRange): Promise<RangeCounts> {
      const region = areaSql(Prisma.sql`l."regionCode"`, area);
      const poor = registeredPoorSql('l');
      const people = (when: Prisma.Sql, status: Prisma.Sql = Prisma.sql`TRUE`) => Prisma.sql`
        SELECT count(DISTINCT e."labourerId") FROM "TrainingEnrolment" e JOIN "Labourer" l ON l."id" = e."labourerId"
        WHERE ${region} AND ${poor} AND ${status}
          AND ${when} >= ${r.fromInstant} AND ${when} < ${r.toExclusive}`;
      const [row] = await db.$queryRaw<RangeCounts[]>`
        WITH certs AS (
          SELECT c."labourerId", c."issuedOn" FROM "LabourerCertificate" c
          JOIN "Labourer" l ON l."id" = c."labourerId"
          LEFT JOIN "CertificateKind" k ON k."code" = c."kind"
          WHERE ${region} AND ${poor}
            AND (k."category" IN (${PLAN_CATEGORIES}) OR c."kind" IN (${COMPLETION}))
            AND c."issuedOn" >= ${r.from}::date AND c."issuedOn" <= ${r.to}::date
        ),
        trained AS (
          SELECT x."labourerId", ${poor} AS poor FROM (
            SELECT "labourerId" FROM "TrainingEnrolment"
              WHERE "status" = 'completed' AND "completedAt" >= ${r.fromInstant} AND "completedAt" < ${r.toExclusive}
            UNION ALL SELECT "labourerId" FROM "TrainingRecord"
              WHERE "endedOn" >= ${r.from}::date AND "endedOn" <= ${r.to}::date
          ) x JOIN "Labourer" l ON l."id" = x."labourerId"
          WHERE ${region}
        )
        SELECT
          (${people(Prisma.sql`e."offeredAt"`)})::int AS offered,
          (${people(Prisma.sql`e."enrolledAt"`, Prisma.sql`e."status" IN ('enrolled', 'completed')`)})::int AS enrolled,
          (${people(Prisma.sql`e."completedAt"`, Prisma.sql`e."status" = 'completed'`)})::int AS completed,
          (SELECT count(DISTINCT "labourerId") FROM certs)::int AS certified,
          (SELECT count(DISTINCT c."labourerId") FROM certs c WHERE EXISTS (
            SELECT 1 FROM "LabourerStatusChange" s
            WHERE s."labourerId" = c."labourerId" AND s."toStatus" IN (${IN_WORK})
              AND s."changedAt" >= c."issuedOn"::timestamp - interval '8 hours'
              AND s."changedAt" < c."issuedOn"::timestamp + interval '91 days' - interval '8 hours'))::int
            AS "certifiedEmployed90d",
          (SELECT count(*) FROM trained)::int AS trainings,
          (SELECT count(DISTINCT "labourerId") FROM trained WHERE poor)::int AS trained`;
      return row!;
    },
  };
}

export type SkillsFiguresRepository = ReturnType<typeof createSkillsFiguresRepository>;
