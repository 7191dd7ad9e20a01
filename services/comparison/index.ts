import type { LabourersService } from '../labourers/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { FindingView } from './comparison.contract.ts';
import { comparisonPages } from './comparison.pages.ts';
import { createComparisonRepository } from './comparison.repository.ts';
import { comparisonRoutes } from './comparison.routes.ts';
import { createComparisonService } from './comparison.service.ts';
import { findingActionPages } from './finding-actions.pages.ts';
import { createFindingActions } from './finding-actions.service.ts';

/**
 * Comparisons of the registry with other departments' lists (比对): runs, findings, exports, and
 * the officer's answer to each finding (applied to the registry, or dismissed with a reason).
 */
export type { FindingView } from './comparison.contract.ts';
export type { FindingKind } from './comparison.kinds.ts';

/** What other modules may do with findings: read one in the officer's scope, close it as followed up. */
export interface ComparisonFindings {
  finding(actor: SessionUser, runId: string, findingId: bigint): Promise<FindingView>;
  followUp(
    actor: SessionUser,
    runId: string,
    findingId: bigint,
    resolution: string,
    requestId: string,
  ): Promise<FindingView>;
}

export const comparisonModule: AppModule<
  CoreDeps & { labourers: LabourersService },
  { comparisonFindings: ComparisonFindings }
> = {
  name: 'comparison',
  setUp({ db, pii, reference, labourers }) {
    const repo = createComparisonRepository(db);
    const comparison = createComparisonService({ repo, pii, reference });
    const actions = createFindingActions({ repo, comparison, labourers });
    const comparisonFindings: ComparisonFindings = {
      finding: (actor, runId, findingId) => comparison.finding(actor, runId, findingId),
      followUp: (actor, runId, findingId, resolution, requestId) =>
        actions.followUp(actor, runId, findingId, resolution, requestId),
    };
    return {
      provides: { comparisonFindings },
      async register(app) {
        await app.register(comparisonRoutes, { comparison, actions });
        await app.register(comparisonPages, { comparison });
        await app.register(findingActionPages, { comparison, actions });
      },
    };
  },
};
