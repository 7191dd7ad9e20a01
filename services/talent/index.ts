import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { povertyByIdNumber } from '../labourers/index.ts';
import { countiesOf } from '../regions/index.ts';
import { createCampaignRepository } from './campaign.repository.ts';
import { createCampaignService } from './campaign.service.ts';
import { createCatalogueRepository } from './catalogue.repository.ts';
import { createCatalogueService } from './catalogue.service.ts';
import { createLinkedRepository } from './linked.repository.ts';
import { createLinkedService } from './linked.service.ts';
import { createSanzhiyifuRepository } from './sanzhiyifu.repository.ts';
import { createSanzhiyifuService } from './sanzhiyifu.service.ts';
import { createTalentFigures as figuresFrom, type TalentFiguresSource } from './talent-figures.service.ts';
import { recordAuditOf } from './talent-audit.repository.ts';
import { talentPages } from './talent.pages.ts';
import { talentRoutes } from './talent.routes.ts';

export type { TalentFiguresSource } from './talent-figures.service.ts';

/**
 * Talent and linked counties (plan §5, §6): 三支一扶 plans, posts and participants
 * (/api/v1/sanzhiyifu, /sanzhiyifu), key counties' shortage-talent catalogues and recruits
 * (/api/v1/talent/catalogues, /talent/catalogue), township institutions' special recruitment
 * campaigns (/api/v1/talent/campaigns, /talent/campaigns), and the department's linked-county work
 * (/api/v1/linked-counties, /linked-counties); the hub with the figures is /talent.
 */
export const talentModule: AppModule<CoreDeps, { talentFigures: TalentFiguresSource }> = {
  name: 'talent',
  setUp({ db, pii }) {
    const services = createTalentServices(db, pii);
    const figures = createTalentFigures(db);
    const audit = recordAuditOf(db);
    const counties = countiesOf(db);
    return {
      provides: { talentFigures: figures },
      async register(app) {
        await app.register(talentRoutes, services);
        await app.register(talentPages, { ...services, figures, counties, audit });
      },
    };
  },
};

/** The module's services on a database (the app, and the demo seed that records through them). */
export function createTalentServices(db: Db, pii: PiiCipher) {
  const counties = countiesOf(db);
  // Recruits' poor family and household county are the registry's, looked up by ID number.
  const povertyOf = povertyByIdNumber(db, pii);
  return {
    sanzhiyifu: createSanzhiyifuService({ repo: createSanzhiyifuRepository(db), pii, counties }),
    catalogue: createCatalogueService({ repo: createCatalogueRepository(db), pii, counties, povertyOf }),
    campaigns: createCampaignService({ repo: createCampaignRepository(db), pii, counties, povertyOf }),
    linked: createLinkedService({ repo: createLinkedRepository(db), counties }),
  };
}

/** The 三支一扶, catalogue and linked-county figures of a region prefix and period (reports uses them). */
export function createTalentFigures(db: Db) {
  return figuresFrom({
    szyf: createSanzhiyifuRepository(db),
    catalogue: createCatalogueRepository(db),
    campaigns: createCampaignRepository(db),
    linked: createLinkedRepository(db),
    counties: countiesOf(db),
  });
}
