import type { AppModule, CoreDeps } from '../platform/modules.ts';
import type { PartnerRegions } from './matcher.ts';
import { createMatchingRepository } from './matching.repository.ts';
import { matchingPages } from './matching.pages.ts';
import { matchingRoutes } from './matching.routes.ts';
import { createMatchingService, type MatchingService } from './matching.service.ts';

export type { MatchingService } from './matching.service.ts';
export type { PartnerRegions } from './matcher.ts';
export { monthly } from './features.ts';
export { brokenRules } from './hard-rules.ts';
export type { JobSnapshot } from './job-snapshot.ts';
export type { Matcher } from './matcher.ts';
export { PERSON_SELECT, createMatchingRepository } from './matching.repository.ts';
export type { MatchingRepository, PersonRow } from './matching.repository.ts';
export { explainNoMatch } from './no-match-reason.ts';
export type { NoMatchExplanation } from './no-match-reason.ts';
export { explain } from './reasons.ts';
export { rankJobs } from './rerank.ts';
export type { Ranked } from './rerank.ts';
export type { JobFacts, Lang, PersonProfile } from './types.ts';

export interface MatchingDeps extends CoreDeps {
  /** Cooperation partners of a person with partner_region mobility (the cooperation module's hook). */
  partnerRegions?: PartnerRegions;
}

/** Matching people and jobs: ranked jobs per person, candidates per vacancy, "not interested". */
export const matchingModule: AppModule<MatchingDeps, { matching: MatchingService }> = {
  name: 'matching',
  setUp({ config, db, meili, reference, partnerRegions }) {
    const matching = createMatchingService({
      repo: createMatchingRepository(db),
      meili,
      indexPrefix: config.meili.indexPrefix,
      reference,
      partnerRegions,
    });
    return {
      provides: { matching },
      async register(app) {
        await app.register(matchingRoutes, { matching });
        await app.register(matchingPages, { matching });
      },
    };
  },
};
