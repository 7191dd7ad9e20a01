import { subsidyFigures } from '../subsidies/index.ts';
import { Prisma } from '../platform/database/generated/client.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { Area } from '../platform/access/area.ts';
import { areaSql } from '../platform/database/area-sql.ts';
import { registeredPoorSql, seekingWorkSql } from '../labourers/index.ts';
import { EMPLOYED_STATUSES, EMPLOYMENT_STATUSES } from './indicators.ts';
import { birthdayCutoff, DEFAULT_WORKING_AGE, type WorkingAge } from './working-age.ts';

/** A period in Beijing calendar days, both ends included, with the instants that bound it. */
export interface Period {
  from: string;
  to: string;
  fromInstant: Date;
  /** Midnight (Beijing) after `to`: events strictly before it are within the period. */
  toExclusive: Date;
}

export type Row = Record<string, number> & { county: string };

const list = (values: readonly string[]) => Prisma.raw(values.map((v) => `'${v}'`).join(', '));
const EMPLOYED = list(EMPLOYED_STATUSES);
/** Graduates (plan §5(4)): colleges and universities, and technical schools' senior-worker and technician classes. */
const GRADUATE = list(['vocational', 'college', 'bachelor_or_above']);

function statusColumns(status: Prisma.Sql) {
  return Prisma.join(
    EMPLOYMENT_STATUSES.map(
      (s) =>
        Prisma.sql`count(*) FILTER (WHERE ${status} = ${Prisma.raw(`'${s}'`)})::int AS ${Prisma.raw(`"status_${s}"`)}`,
    ),
  );
}

/**
 * The certificate kinds of the skills indicators (plan §3(1) 职业资格证书、职业技能等级证书): a
 * health certificate or a driving licence is not one (CertificateKind.category).
 */
export const PLAN_CERTIFICATE_CATEGORIES = ['vocational_qualification', 'skill_level'] as const;
const PLAN_CERTIFICATE = list(PLAN_CERTIFICATE_CATEGORIES);

/** What a stock is counted as of: a day, and whether statuses come from the dated history. */
export interface StockDate {
  /** The period's last day (Beijing), YYYY-MM-DD: ages and the graduation year are taken on it. */
  day: string;
  /** Midnight after `day`: pushes and history before it count. */
  before: Date;
  /** Read each person's status from the history (a past period) rather than the registry. */
  history: boolean;
}

/**
 * Stocks per county in one pass over the registered poor labour force (labourers'
 * registeredPoorSql: confirmed, lifted out during the plan period included, erased excluded).
 * With `history` each person's status comes from the dated history, and only people with a
 * status by then are counted.
 */
function queryStocks(db: Db, workingAge: WorkingAge, area: Area, at: StockDate) {
  const status = at.history ? Prisma.sql`s."toStatus"` : Prisma.sql`l."employmentStatus"`;
  const history = at.history
    ? Prisma.sql`JOIN (
        SELECT DISTINCT ON ("labourerId") "labourerId", "toStatus" FROM "LabourerStatusChange"
        WHERE "changedAt" < ${at.before} ORDER BY "labourerId", "changedAt" DESC, "id" DESC
      ) s ON s."labourerId" = l."id"`
    : Prisma.empty;
  const inWork = Prisma.sql`${status} IN (${EMPLOYED})`;
  // 劳动年龄段: at least `min` and at most the upper bound of the person's sex, on the day.
  const ages = (sex: 'male' | 'female') =>
    Prisma.sql`(l."sex" = ${Prisma.raw(`'${sex}'`)} AND l."birthDate" <= ${birthdayCutoff(at.day, workingAge[sex].min)}::date
      AND l."birthDate" > ${birthdayCutoff(at.day, workingAge[sex].max + 1)}::date)`;
  const workingAgeSql = Prisma.sql`(${ages('male')} OR ${ages('female')})`;
  // 就业率's base (plan §1(2)): of working age, able to work, and in work or wanting it.
  const base = Prisma.sql`(${workingAgeSql} AND ${status} <> 'not_in_labour_force' AND (${inWork} OR l."wantsJob"))`;
  const seeking = seekingWorkSql('l', status);
  const pensionAge = birthdayCutoff(at.day, 16);
  const graduate = Prisma.sql`(l."educationLevel" IN (${GRADUATE}) AND l."graduationYear" = ${Number(at.day.slice(0, 4))})`;
  return db.$queryRaw<Row[]>`
    SELECT substr(l."regionCode", 1, 6) AS county,
      count(*)::int AS labourers,
      ${statusColumns(status)},
      count(*) FILTER (WHERE ${base})::int AS labour_force,
      count(*) FILTER (WHERE ${base} AND ${inWork})::int AS labour_force_employed,
      count(*) FILTER (WHERE ${seeking})::int AS willing,
      count(*) FILTER (WHERE ${seeking} AND EXISTS (
        SELECT 1 FROM "JobPush" p WHERE p."labourerId" = l."id" AND p."pushedAt" < ${at.before}))::int AS pushed,
      count(*) FILTER (WHERE l."birthDate" <= ${pensionAge}::date)::int AS pension_eligible,
      count(*) FILTER (WHERE l."birthDate" <= ${pensionAge}::date AND l."pensionInsurance" <> 'none')::int AS pension_covered,
      count(*) FILTER (WHERE l."unemploymentInsurance")::int AS unemployment_insured,
      count(*) FILTER (WHERE ${graduate})::int AS graduates,
      count(*) FILTER (WHERE ${graduate} AND ${inWork})::int AS graduates_employed
    FROM "Labourer" l
    ${history}
    WHERE ${areaSql(Prisma.sql`l."regionCode"`, area)} AND ${registeredPoorSql('l')}
    GROUP BY 1`;
}

/** Each agreement of the region for the period's years with its targets and what was done by the end. */
function queryCooperation(db: Db, area: Area, p: Period) {
  return db.$queryRaw<
    Array<{
      id: string;
      title: string;
      homeRegionCode: string;
      partnerRegionCode: string;
      year: number;
      coop_fairs_target: number;
      coop_transfers_target: number;
      coop_household_placements_target: number;
      coop_trainings_target: number;
      coop_fairs_done: number;
      coop_transfers_done: number;
      coop_household_placements_done: number;
      coop_trainings_done: number;
    }>
  >`
        WITH ags AS (
          SELECT * FROM "CooperationAgreement"
          WHERE ${areaSql(Prisma.sql`"homeRegionCode"`, area)}
            AND "year" BETWEEN ${Number(p.from.slice(0, 4))} AND ${Number(p.to.slice(0, 4))}
        )
        SELECT a."id", a."title", a."homeRegionCode", a."partnerRegionCode", a."year",
          a."targetFairs" AS coop_fairs_target, a."targetTransfers" AS coop_transfers_target,
          a."targetHouseholdPlacements" AS coop_household_placements_target,
          a."targetTrainings" AS coop_trainings_target,
          coalesce(f.n, 0)::int AS coop_fairs_done,
          coalesce(m.n, 0)::int AS coop_transfers_done,
          coalesce(h.n, 0)::int AS coop_household_placements_done,
          coalesce(t.n, 0)::int AS coop_trainings_done
        FROM ags a
        LEFT JOIN (SELECT "agreementId" AS id, count(*) AS n FROM "Fair"
                   WHERE "agreementId" IN (SELECT "id" FROM ags) AND "status" <> 'cancelled' AND "startsAt" < ${p.toExclusive}
                   GROUP BY 1) f ON f.id = a."id"
        LEFT JOIN (SELECT b."agreementId" AS id, count(*) AS n FROM "TransferBatch" b
                   JOIN "TransferMember" m ON m."batchId" = b."id"
                   WHERE b."agreementId" IN (SELECT "id" FROM ags) AND m."arrivedAt" < ${p.toExclusive}
                   GROUP BY 1) m ON m.id = a."id"
        LEFT JOIN (SELECT "agreementId" AS id, count(*) AS n FROM "HouseholdReferral"
                   WHERE "agreementId" IN (SELECT "id" FROM ags) AND "status" = 'placed'
                   GROUP BY 1) h ON h.id = a."id"
        LEFT JOIN (SELECT "agreementId" AS id, count(*) AS n FROM "TrainingRecord"
                   WHERE "agreementId" IN (SELECT "id" FROM ags) AND "startedOn" <= ${p.to}::date
                   GROUP BY 1) t ON t.id = a."id"
        ORDER BY a."homeRegionCode", a."partnerRegionCode", a."year"`;
}

/** The module's SQL: aggregates only, never a person's row, so nothing here needs masking. */
export function createIndicatorsRepository(db: Db, workingAge: WorkingAge = DEFAULT_WORKING_AGE) {
  return {
    stocks: (area: Area, at: StockDate) => queryStocks(db, workingAge, area, at),

    certifiedByCounty: (area: Area, to: string) => db.$queryRaw<Row[]>`
      SELECT substr(l."regionCode", 1, 6) AS county, count(*)::int AS labourers_certified
      FROM "Labourer" l
      WHERE ${areaSql(Prisma.sql`l."regionCode"`, area)} AND ${registeredPoorSql('l')}
        AND EXISTS (SELECT 1 FROM "LabourerCertificate" c JOIN "CertificateKind" k ON k."code" = c."kind"
                    WHERE c."labourerId" = l."id" AND k."category" IN (${PLAN_CERTIFICATE})
                      AND (c."issuedOn" IS NULL OR c."issuedOn" <= ${to}::date))
      GROUP BY 1`,

    events: (area: Area, p: Period) => db.$queryRaw<Row[]>`
        SELECT substr(l."regionCode", 1, 6) AS county,
          count(*) FILTER (WHERE e.k = 1)::int AS transfers_in_province_new,
          count(*) FILTER (WHERE e.k = 2)::int AS transfers_out_province_new,
          count(*) FILTER (WHERE e.k = 3)::int AS applications,
          count(*) FILTER (WHERE e.k = 4)::int AS hires,
          count(*) FILTER (WHERE e.k = 5)::int AS starts,
          count(*) FILTER (WHERE e.k = 6)::int AS subsidy_approved,
          coalesce(sum(e.amount) FILTER (WHERE e.k = 6), 0)::int AS subsidy_amount,
          count(*) FILTER (WHERE e.k IN (7, 8))::int AS trainings_completed,
          count(*) FILTER (WHERE e.k = 8)::int AS trainings_passed,
          count(*) FILTER (WHERE e.k = 9)::int AS certificates_issued
        FROM (
          SELECT "labourerId", CASE WHEN "toStatus" = 'transferred_in_province' THEN 1 ELSE 2 END AS k, 0 AS amount
            FROM "LabourerStatusChange"
            WHERE "toStatus" IN ('transferred_in_province', 'transferred_out_province')
              AND "changedAt" >= ${p.fromInstant} AND "changedAt" < ${p.toExclusive}
          UNION ALL SELECT "labourerId", 3, 0 FROM "Application"
            WHERE "createdAt" >= ${p.fromInstant} AND "createdAt" < ${p.toExclusive}
          UNION ALL SELECT "labourerId", 4, 0 FROM "Application"
            WHERE "hiredAt" >= ${p.fromInstant} AND "hiredAt" < ${p.toExclusive}
          UNION ALL SELECT "labourerId", 5, 0 FROM "Application"
            WHERE "startedAt" >= ${p.fromInstant} AND "startedAt" < ${p.toExclusive}
          UNION ALL SELECT c."labourerId", 6, c."amount" FROM "SubsidyClaim" c
            JOIN "SubsidyProgramme" sp ON sp."id" = c."programmeId" AND sp."code" = 'hiring'
            WHERE c."status" IN ('approved', 'paid') AND c."decidedAt" >= ${p.fromInstant} AND c."decidedAt" < ${p.toExclusive}
          UNION ALL SELECT "labourerId", CASE WHEN "passed" THEN 8 ELSE 7 END, 0 FROM "TrainingRecord"
            WHERE "endedOn" >= ${p.from}::date AND "endedOn" <= ${p.to}::date
          UNION ALL SELECT c."labourerId", 9, 0 FROM "LabourerCertificate" c
            JOIN "CertificateKind" k ON k."code" = c."kind"
            WHERE k."category" IN (${PLAN_CERTIFICATE})
              AND c."issuedOn" >= ${p.from}::date AND c."issuedOn" <= ${p.to}::date
        ) e
        JOIN "Labourer" l ON l."id" = e."labourerId"
        WHERE ${areaSql(Prisma.sql`l."regionCode"`, area)} AND ${registeredPoorSql('l')}
        GROUP BY 1`,

    async fairs(area: Area, p: Period): Promise<Record<string, number>> {
      const [row] = await db.$queryRaw<Array<Record<string, number>>>`
        WITH f AS (
          SELECT "id" FROM "Fair"
          WHERE "status" <> 'cancelled' AND "startsAt" >= ${p.fromInstant} AND "startsAt" < ${p.toExclusive}
            AND ${areaSql(Prisma.sql`coalesce("homeRegionCode", "regionCode")`, area)}
        )
        SELECT (SELECT count(*) FROM f)::int AS fairs_held,
          r.registrations::int AS fair_registrations, r.attendance::int AS fair_attendance,
          (SELECT count(*) FROM "FairInteraction" i
            WHERE i."fairId" IN (SELECT "id" FROM f) AND i."outcome" IN ('intention', 'offer'))::int AS fair_intentions
        FROM (SELECT count(*) AS registrations, count(*) FILTER (WHERE "checkedInAt" IS NOT NULL) AS attendance
              FROM "FairRegistration" WHERE "fairId" IN (SELECT "id" FROM f)) r`;
      return row!;
    },

    /** Every subsidy programme's claims, approvals, yuan and people within the period (subsidies' one query). */
    subsidyProgrammes: (area: Area, p: Period) => subsidyFigures(db, area, p.fromInstant, p.toExclusive),

    /** Each agreement of the region for the period's years with its targets and what was done by the end. */
    cooperation: (area: Area, p: Period) => queryCooperation(db, area, p),

    /** Month-end snapshot sums for the region; `month` is the first day of the month. */
    snapshotSums: (area: Area, indicators: string[], fromMonth: string, beforeMonth: string) =>
      db.$queryRaw<Array<{ month: Date; indicator: string; value: number }>>`
        SELECT "month", "indicator", sum("value")::float8 AS value FROM "IndicatorSnapshot"
        WHERE "indicator" IN (${Prisma.join(indicators)}) AND "month" >= ${fromMonth}::date
          AND "month" < ${beforeMonth}::date AND ${areaSql(Prisma.sql`"regionCode"`, area)}
        GROUP BY 1, 2`,

    snapshotMonths: (indicator: string, fromMonth: string, beforeMonth: string) =>
      db.$queryRaw<Array<{ month: Date }>>`
        SELECT DISTINCT "month" FROM "IndicatorSnapshot"
        WHERE "indicator" = ${indicator} AND "month" >= ${fromMonth}::date AND "month" < ${beforeMonth}::date`,

    deleteSnapshots: (month: string, indicators: string[]) =>
      db.indicatorSnapshot.deleteMany({
        where: { month: new Date(`${month}T00:00:00Z`), indicator: { in: indicators } },
      }),

    async writeSnapshots(rows: Array<{ month: string; regionCode: string; indicator: string; value: number }>) {
      if (rows.length === 0) return;
      await db.indicatorSnapshot.createMany({
        data: rows.map((r) => ({ ...r, month: new Date(`${r.month}T00:00:00Z`) })),
        skipDuplicates: true,
      });
    },

    regionsUnder: (prefix: string) =>
      db.region.findMany({
        where: { code: { startsWith: prefix }, level: { in: ['province', 'city', 'county'] } },
        select: { code: true, name: true, nameEn: true, level: true, parentCode: true, keyCounty: true },
        orderBy: { code: 'asc' },
      }),

    region: (code: string) =>
      db.region.findUnique({ where: { code }, select: { code: true, name: true, nameEn: true, level: true } }),
  };
}

export type IndicatorsRepository = ReturnType<typeof createIndicatorsRepository>;
