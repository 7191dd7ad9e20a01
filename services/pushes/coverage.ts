import type { PushesRepository } from './pushes.repository.ts';

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
 * How far the plan's promise is kept (plan §2(3) 至少为其推送1次以上人岗适配的岗位信息): of the
 * registered poor labourers under the prefix who want work and are not in work (erased records
 * excluded; the same population as the indicators' push_coverage), how many have had at least one
 * suitable job pushed to them, both counted today; in total and by county. Reaches 100 % when
 * everyone has been pushed a job.
 */
export async function pushCoverage(
  repo: Pick<PushesRepository, 'coverageByCounty'>,
  regionPrefix: string,
): Promise<PushCoverage> {
  const rows = await repo.coverageByCounty(regionPrefix);
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
