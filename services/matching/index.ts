import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { createMatchingApi, type MatchingApi } from './matching.api.ts';
import type { PartnerRegions } from './matcher.ts';
import { createMatchingRepository } from './matching.repository.ts';
import { matchingPages } from './matching.pages.ts';
import { createMatchingSearch } from './matching.search.ts';
import { matchingRoutes } from './matching.routes.ts';
import { createMatchingService } from './matching.service.ts';
import { createRankingPool, rankingConfig } from './ranking-pool.ts';
import { liveSnapshotConfig } from './live-snapshot.ts';

// What other modules may use: the API object the module provides, the types it speaks in, and
// one pure rule of pay (a day wage as a month's).
export type { BatchSearch, MatchingApi, PersonJobs, RankedVacancy } from './matching.api.ts';
export type { PartnerRegions } from './matcher.ts';
export { monthly } from './features.ts';
export type { JobSnapshot } from './job-snapshot.search.ts';
export type { PersonRow } from './matching.repository.ts';
export type { NoMatchExplanation } from './no-match-reason.ts';
export type { Ranked } from './rerank.ts';
export type { JobFacts, Lang, PersonProfile } from './types.ts';

export interface MatchingDeps extends CoreDeps {
  /** Cooperation partners of a person with partner_region mobility (the cooperation module's hook). */
  partnerRegions?: PartnerRegions;
}

/**
 * Matching people and jobs: ranked jobs per person, candidates per vacancy, "not interested".
 * Other modules (push campaigns, fairs) get its `MatchingApi`; routes and pages share its engine.
 */
export const matchingModule: AppModule<MatchingDeps, { matching: MatchingApi }> = {
  name: 'matching',
  config: [rankingConfig, liveSnapshotConfig],
  setUp({ config, db, meili, log, reference, partnerRegions }) {
    const repo = createMatchingRepository(db);
    // Batch rankings (push campaigns) in worker threads, so they never hold the web.
    const { threads, nice } = config.section(rankingConfig);
    const pool = threads > 0 ? createRankingPool(threads, nice) : undefined;
    const service = createMatchingService({
      repo,
      search: createMatchingSearch(meili, config.meili.indexPrefix),
      reference,
      partnerRegions,
      pool,
      liveSnapshotMax: config.section(liveSnapshotConfig).max,
      log,
    });
    return {
      provides: { matching: createMatchingApi(service.matcher, repo) },
      close: async () => pool?.close(),
      async register(app) {
        await app.register(matchingRoutes, { matching: service });
        await app.register(matchingPages, { matching: service });
      },
    };
  },
};
