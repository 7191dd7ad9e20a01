import type { Db } from '../platform/database/prisma.ts';
import { chinaDate } from '../platform/time/china-time.ts';

/** One programme's figures in a region and period (definitions: services/reports, `subsidy_claims*`). */
export interface SubsidyFigureRow {
  programmeCode: string;
  name: string;
  nameEn: string;
  /** Claims made (created) within the period. */
  claims: number;
  /** Claims approved within the period (paid since included). */
  approvals: number;
  /** Yuan of those approvals. */
  amount: number;
  /** Yuan paid on those approvals with a payment day on or before the period's last day. */
  paid: number;
  /** Distinct people named by those approvals, plus the people counted by approved claims naming no person (fairs). */
  people: number;
}

/**
 * Per programme, for claims whose subject lies under the region prefix: claims made, approvals,
 * yuan approved, yuan paid on them by the period's end, and people reached within [from, toExclusive).
 * Every programme appears, with zeros.
 */
export async function subsidyFigures(
  db: Db,
  prefix: string,
  from: Date,
  toExclusive: Date,
): Promise<SubsidyFigureRow[]> {
  // paidOn is a Beijing calendar day: compare it with the period's last day, not an instant.
  const lastDay = chinaDate(new Date(toExclusive.getTime() - 1));
  const rows = await db.$queryRaw<SubsidyFigureRow[]>`
    SELECT p."code" AS "programmeCode", p."name", p."nameEn",
      (SELECT count(*) FROM "SubsidyClaim" c WHERE c."programmeId" = p."id" AND c."regionCode" LIKE ${`${prefix}%`}
         AND c."createdAt" >= ${from} AND c."createdAt" < ${toExclusive})::int AS "claims",
      count(a."id")::int AS "approvals",
      coalesce(sum(a."amount"), 0)::int AS "amount",
      coalesce(sum(a."paidAmount") FILTER (WHERE a."status" = 'paid' AND a."paidOn" <= ${lastDay}::date), 0)::int AS "paid",
      (count(DISTINCT a."labourerId") + coalesce(sum(a."people") FILTER (WHERE a."labourerId" IS NULL), 0))::int AS "people"
    FROM "SubsidyProgramme" p
    LEFT JOIN "SubsidyClaim" a ON a."programmeId" = p."id" AND a."status" IN ('approved', 'paid')
      AND a."regionCode" LIKE ${`${prefix}%`} AND a."decidedAt" >= ${from} AND a."decidedAt" < ${toExclusive}
    GROUP BY p."id", p."code", p."name", p."nameEn", p."createdAt"
    ORDER BY p."createdAt", p."code"`;
  return rows;
}
