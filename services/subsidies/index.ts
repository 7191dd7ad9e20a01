import type { AppModule } from '../platform/modules.ts';
import { subsidiesPages } from './subsidies.pages.ts';
import { createSubsidiesRepository } from './subsidies.repository.ts';
import { subsidiesRoutes } from './subsidies.routes.ts';
import { createSubsidiesService } from './subsidies.service.ts';
import { subsidyConfig } from './subsidy-settings.ts';

/** The hiring subsidy (吸纳就业补贴): eligible hires, decisions, exports. Settings: SUBSIDY_*. */
export const subsidiesModule: AppModule = {
  name: 'subsidies',
  config: [subsidyConfig],
  setUp({ config, db }) {
    const subsidies = createSubsidiesService({
      repo: createSubsidiesRepository(db),
      rules: config.section(subsidyConfig),
    });
    return {
      async register(app) {
        await app.register(subsidiesRoutes, { subsidies });
        await app.register(subsidiesPages, { subsidies });
      },
    };
  },
};
