import type { Area } from '../platform/access/area.ts';
import { areaSql } from '../platform/database/area-sql.ts';
import { Prisma } from '../platform/database/generated/client.ts';
import type { Db } from '../platform/database/prisma.ts';
import { chinaDate } from '../platform/time/china-time.ts';

/** One programme's figures in a region and period (definitions: services/reports, `subsidy_claims*`). */
export interface SubsidyFigureRow {
  programmeCode: string;
  name: string;
  nameEn: string;
  /** Claims made (created) within the period. */
  claims: number;
  /** Yuan of those claims, whatever became of them. */
  claimedAmount: number;
  /** Claims approved within the period (paid since included). */
  approvals: number;
  /** Yuan of those approvals. */
  amount: number;
  /** Yuan paid on those approvals with a payment day on or before the period's last day. */
  paid: number;
  /** Distinct people named by those approvals, plus the people counted by approved claims naming no person (fairs). */
  people: number;
  /** Claims paid within the period (status paid, paidOn a day of the period), whenever approved. */
  paidClaims: number;
  /** Yuan paid on them. */
  paidAmount: number;
}

/**
 * Per programme, for claims whose subject lies in the area (a region prefix or several): claims made and their yuan,
 * approvals, yuan approved, yuan paid on them by the period's end, people reached, and payments
 * within [from, toExclusive) (a payment by its day in Beijing). Every programme appears, with zeros.
 */
export async function subsidyFigures(db: Db, area: Area, from: Date, toExclusive: Date): Promise<SubsidyFigureRow[]> {
  // paidOn is a Beijing calendar day: compare it with the period's last day, not an instant.
  const lastDay = chinaDate(new Date(toExclusive.getTime() - 1));
  const inC = areaSql(Prisma.sql`c."regionCode"`, area);
  const inA = areaSql(Prisma.sql`a."regionCode"`, area);
  const rows = await db.$queryRaw<SubsidyFigureRow[]>`
    SELECT p."code" AS "programmeCode", p."name", p."nameEn",
      (SELECT count(*) FROM "SubsidyClaim" c WHERE c."programmeId" = p."id" AND ${inC}
         AND c."createdAt" >= ${from} AND c."createdAt" < ${toExclusive})::int AS "claims",
      (SELECT coalesce(sum(c."amount"), 0) FROM "SubsidyClaim" c WHERE c."programmeId" = p."id"
         AND ${inC} AND c."createdAt" >= ${from} AND c."createdAt" < ${toExclusive})::int
         AS "claimedAmount",
      (SELECT count(*) FROM "SubsidyClaim" c WHERE c."programmeId" = p."id" AND ${inC}
         AND c."status" = 'paid' AND c."paidOn" >= (${from}::timestamp + interval '8 hours')::date
         AND c."paidOn" < (${toExclusive}::timestamp + interval '8 hours')::date)::int AS "paidClaims",
      (SELECT coalesce(sum(c."paidAmount"), 0) FROM "SubsidyClaim" c WHERE c."programmeId" = p."id"
         AND ${inC} AND c."status" = 'paid'
         AND c."paidOn" >= (${from}::timestamp + interval '8 hours')::date
         AND c."paidOn" < (${toExclusive}::timestamp + interval '8 hours')::date)::int AS "paidAmount",
      count(a."id")::int AS "approvals",
      coalesce(sum(a."amount"), 0)::int AS "amount",
      coalesce(sum(a."paidAmount") FILTER (WHERE a."status" = 'paid' AND a."paidOn" <= ${lastDay}::date), 0)::int AS "paid",
      (count(DISTINCT a."labourerId") + coalesce(sum(a."people") FILTER (WHERE a."labourerId" IS NULL), 0))::int AS "people"
    FROM "SubsidyProgramme" p
    LEFT JOIN "SubsidyClaim" a ON a."programmeId" = p."id" AND a."status" IN ('approved', 'paid')
      AND ${inA} AND a."decidedAt" >= ${from} AND a."decidedAt" < ${toExclusive}
    GROUP BY p."id", p."code", p."name", p."nameEn", p."createdAt"
    ORDER BY p."createdAt", p."code"`;
  return rows;
}
