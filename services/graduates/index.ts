import type { FormOptionsSource } from '../labourers/index.ts';
import type { ApplicationsApi } from '../applications/index.ts';
import type { RegistryLookup } from '../labourers/index.ts';
import type { MatchingApi } from '../matching/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { createGraduateImport } from './graduate-import.service.ts';
import { graduateConfig } from './graduate-settings.ts';
import { graduatesJobs } from './graduates.jobs.ts';
import { graduatesPages } from './graduates.pages.ts';
import { createGraduatesRepository } from './graduates.repository.ts';
import { graduatesRoutes } from './graduates.routes.ts';
import { createGraduatesService, indicatorValuesOf } from './graduates.service.ts';
import type { Db } from '../platform/database/prisma.ts';
import { matchmakerPages } from './matchmaker.pages.ts';
import { createPairingsRepository } from './pairings.repository.ts';
import { createPairingsService } from './pairings.service.ts';
import { hashPassword } from '../identity/index.ts';
import { volunteersPages } from './volunteers.pages.ts';
import { createVolunteersRepository } from './volunteers.repository.ts';
import { createVolunteersService } from './volunteers.service.ts';
import { claimFor, type GraduateRecordLookup } from '../subsidies/index.ts';
import { createGraduateSubsidy, graduateRecordLookup } from './graduate-subsidy.ts';
import type { Area } from '../platform/access/area.ts';

export { graduateValues, type FigureRow } from './graduate-figures.ts';

/** The 人事人才 figures straight from the database (seeds and tools that build reports without the app). */
export function createGraduateFigures(db: Db): GraduatesProvides['graduateFigures'] {
  const repo = createGraduatesRepository(db);
  return (area, periodTo) => indicatorValuesOf(repo, area, periodTo);
}

export interface GraduatesDeps extends CoreDeps {
  registryLookup: RegistryLookup;
  matching: MatchingApi;
  applicationsApi: ApplicationsApi;
  notifier: Notifier;
  formOptions: FormOptionsSource;
}

/** What the graduates module offers the modules after it. */
export interface GraduatesProvides {
  /** The 人事人才 figures of an area (a region prefix or several) for the graduation year of the period's last day. */
  graduateFigures: (area: Area, periodTo: string) => Promise<Record<string, number>>;
  /** A person's graduate record: the subsidies module checks the graduates' subsidy against it. */
  graduateRecord: GraduateRecordLookup;
}

/**
 * Poor-family graduates (建档立卡贫困家庭毕业生, plan §5(4)): school lists imported and linked to the
 * registry, status through the graduation year, and the 就业红娘 pairings of those who left school
 * without work (officers as matchmakers: ranked jobs, contacts, referrals, closed on a hire).
 */
export const graduatesModule: AppModule<GraduatesDeps, GraduatesProvides> = {
  name: 'graduates',
  config: [graduateConfig],
  setUp({ config, db, log, registryLookup, matching, applicationsApi, notifier, formOptions }) {
    const repo = createGraduatesRepository(db);
    const pairingsRepo = createPairingsRepository(db);
    const rules = config.section(graduateConfig);
    const graduates = createGraduatesService({
      repo,
      registry: registryLookup,
      userNames: pairingsRepo.userNames,
      leavingDay: rules.leavingDay,
    });
    const imports = createGraduateImport({ repo, graduates });
    const pairings = createPairingsService({
      repo: pairingsRepo,
      graduates: repo,
      registry: registryLookup,
      matching,
      applications: applicationsApi,
    });
    const volunteers = createVolunteersService({ repo: createVolunteersRepository(db), hashPassword });
    // A hire through the platform: the graduate is employed and the pairing closes.
    applicationsApi.hires.onHired((event) => graduates.hired(event.labourerId, event.hiredAt));
    const graduateRecord = graduateRecordLookup(repo);
    const subsidy = createGraduateSubsidy({
      graduates,
      repo,
      submit: (input) => claimFor(db, input, { graduateRecord }),
    });
    return {
      provides: {
        graduateFigures: (area, periodTo) => graduates.indicatorValues(area, periodTo),
        graduateRecord,
      },
      jobs: graduatesJobs({ graduates: repo, repo: pairingsRepo, notifier, rules, log }),
      async register(app) {
        await app.register(graduatesRoutes, { graduates, imports, pairings, volunteers, subsidy });
        await app.register(graduatesPages, { graduates, imports, pairings, formOptions, subsidy });
        await app.register(matchmakerPages, { pairings });
        await app.register(volunteersPages, { volunteers, formOptions });
      },
    };
  },
};
