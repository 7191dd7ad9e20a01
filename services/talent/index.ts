import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { countiesOf } from '../regions/index.ts';
import { createCatalogueRepository } from './catalogue.repository.ts';
import { createCatalogueService } from './catalogue.service.ts';
import { createLinkedRepository } from './linked.repository.ts';
import { createLinkedService } from './linked.service.ts';
import { createSanzhiyifuRepository } from './sanzhiyifu.repository.ts';
import { createSanzhiyifuService } from './sanzhiyifu.service.ts';
import { createTalentFigures, type TalentFiguresSource } from './talent-figures.service.ts';
import { talentPages } from './talent.pages.ts';
import { talentRoutes } from './talent.routes.ts';

export { createTalentFigures, type TalentFiguresSource } from './talent-figures.service.ts';
export { seedTalentDemo } from './talent.demo.ts';

/**
 * Talent and linked counties (plan §5, §6): 三支一扶 plans, posts and participants
 * (/api/v1/sanzhiyifu, /sanzhiyifu), key counties' shortage-talent catalogues and recruits
 * (/api/v1/talent/catalogues, /talent/catalogue), and the department's linked-county work
 * (/api/v1/linked-counties, /linked-counties); the hub with the figures is /talent.
 */
export const talentModule: AppModule<CoreDeps, { talentFigures: TalentFiguresSource }> = {
  name: 'talent',
  setUp({ db, pii }) {
    const counties = countiesOf(db);
    const services = {
      sanzhiyifu: createSanzhiyifuService({ repo: createSanzhiyifuRepository(db), pii, counties }),
      catalogue: createCatalogueService({ repo: createCatalogueRepository(db), pii, counties }),
      linked: createLinkedService({ repo: createLinkedRepository(db), counties }),
    };
    const figures = createTalentFigures(db);
    return {
      provides: { talentFigures: figures },
      async register(app) {
        await app.register(talentRoutes, services);
        await app.register(talentPages, { ...services, figures });
      },
    };
  },
};
