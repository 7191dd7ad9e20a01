import type { LabourersService } from '../labourers/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
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
export const comparisonModule: AppModule<CoreDeps & { labourers: LabourersService }> = {
  name: 'comparison',
  setUp({ db, pii, reference, labourers }) {
    const repo = createComparisonRepository(db);
    const comparison = createComparisonService({ repo, pii, reference });
    const actions = createFindingActions({ repo, comparison, labourers });
    return {
      async register(app) {
        await app.register(comparisonRoutes, { comparison, actions });
        await app.register(comparisonPages, { comparison });
        await app.register(findingActionPages, { comparison, actions });
      },
    };
  },
};
