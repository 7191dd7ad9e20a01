import type { AppModule } from '../platform/modules.ts';
import { comparisonPages } from './comparison.pages.ts';
import { createComparisonRepository } from './comparison.repository.ts';
import { comparisonRoutes } from './comparison.routes.ts';
import { createComparisonService } from './comparison.service.ts';

/** Comparisons of the registry with other departments' lists (比对): runs, findings, exports. */
export const comparisonModule: AppModule = {
  name: 'comparison',
  setUp({ db, pii, reference }) {
    const comparison = createComparisonService({ repo: createComparisonRepository(db), pii, reference });
    return {
      async register(app) {
        await app.register(comparisonRoutes, { comparison });
        await app.register(comparisonPages, { comparison });
      },
    };
  },
};
