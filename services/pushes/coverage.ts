import type { Db } from '../platform/database/prisma.ts';

export interface CountyCoverage {
  regionCode: string;
  name?: string;
  willing: number;
  covered: number;
  share: number;
}

export interface PushCoverage {
  willing: number;
  covered: number;
  share: number;
  byCounty: CountyCoverage[];
}

/** A share in 0..1, to four decimals; 0 when nobody is counted. */
export const shareOf = (covered: number, willing: number) =>
  willing ? Math.round((covered / willing) * 10_000) / 10_000 : 0;

/**
 * How far the plan's promise is kept: of the people under the prefix who want work (not erased),
 * how many have had at least one suitable job pushed to them, in total and by county.
 */
export async function pushCoverage(db: Db, regionPrefix: string): Promise<PushCoverage> {
  const rows = await db.$queryRaw<Array<{ county: string; willing: number; covered: number; name: string | null }>>`
    SELECT c."county", c."willing", c."covered", r."name"
    FROM (
      SELECT substr(l."regionCode", 1, 6) AS "county", count(*)::int AS "willing",
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "JobPush" p WHERE p."labourerId" = l."id"))::int AS "covered"
      FROM "Labourer" l
      WHERE l."wantsJob" AND l."erasedAt" IS NULL AND l."regionCode" LIKE ${`${regionPrefix}%`}
      GROUP BY 1
    ) c LEFT JOIN "Region" r ON r."code" = c."county"
    ORDER BY c."county"`;
  const byCounty = rows.map((r) => ({
    regionCode: r.county,
    ...(r.name ? { name: r.name } : {}),
    willing: r.willing,
    covered: r.covered,
    share: shareOf(r.covered, r.willing),
  }));
  const willing = byCounty.reduce((n, c) => n + c.willing, 0);
  const covered = byCounty.reduce((n, c) => n + c.covered, 0);
  return { willing, covered, share: shareOf(covered, willing), byCounty };
}
