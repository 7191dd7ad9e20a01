import type { InsuranceFigures } from '../insurance/index.ts';
import type { Notifier } from '../notifications/index.ts';
import { createFreshnessRepository, freshnessConfig } from '../labourers/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import type { TalentFiguresSource } from '../talent/index.ts';
import type { SkillsFiguresSource, TechSchoolFiguresSource } from '../training/index.ts';
import { cycleConfig } from './cycle.ts';
import { createFilingsRepository } from './filings.repository.ts';
import { filingsPages } from './filings.pages.ts';
import { filingsRoutes } from './filings.routes.ts';
import { createFilingsService } from './filings.service.ts';
import { freshnessValues } from './freshness-indicators.ts';
import { insuranceValues } from './insurance-indicators.ts';
import { dashboardPages } from './dashboard.pages.ts';
import { createIndicatorsRepository, type Period } from './indicators.repository.ts';
import { createIndicatorsService } from './indicators.service.ts';
import { filingsJobs, reportsJobs } from './reports.jobs.ts';
import { reportsPages } from './reports.pages.ts';
import { createReportsRepository } from './reports.repository.ts';
import { reportsRoutes } from './reports.routes.ts';
import { createReportsService } from './reports.service.ts';
import { workingAgeConfig } from './working-age.ts';
import type { Area } from '../platform/access/area.ts';
export { createIndicatorsRepository } from './indicators.repository.ts';
export { createIndicatorsService } from './indicators.service.ts';
export { monthsEndingAt, today } from './period.ts';
export { createReportsRepository } from './reports.repository.ts';
export { createReportsService } from './reports.service.ts';
export { fillFlowSnapshots, fillSnapshots } from './snapshots.ts';

/**
 * Indicators, the officer dashboard (/dashboard), the plan's quarterly and yearly reports
 * (/reports, /api/v1/reports), the indicators API (/api/v1/indicators) and the locally served
 * ECharts every module's charts use.
 */
export const reportsModule: AppModule<
  CoreDeps & {
    notifier: Notifier;
    insuranceFigures: InsuranceFigures;
    /** The graduates module's figures (graduate-indicators.ts), where the app has that module. */
    graduateFigures?: (area: Area, periodTo: string) => Promise<Record<string, number>>;
    /** The talent module's figures (talent-indicators.ts), where the app has that module. */
    talentFigures?: TalentFiguresSource;
    /** The training module's technical-school place figures (tech-school-indicators.ts), where the app has it. */
    techSchoolFigures?: TechSchoolFiguresSource;
    /** The training module's skills figures and yearly targets (skills-indicators.ts), where the app has it. */
    skillsFigures?: SkillsFiguresSource;
  }
> = {
  name: 'reports',
  config: [cycleConfig, workingAgeConfig],
  setUp({
    db,
    log,
    config,
    notifier,
    insuranceFigures,
    graduateFigures,
    talentFigures,
    techSchoolFigures,
    skillsFigures,
  }) {
    const repo = createIndicatorsRepository(db, config.section(workingAgeConfig));
    const freshness = freshnessValues(createFreshnessRepository(db).byTownship, config.section(freshnessConfig));
    const insurance = insuranceValues(insuranceFigures);
    // Figures other modules keep (dynamic management, insurance casework, graduates, talent), merged.
    const indicators = createIndicatorsService(repo, [
      { name: 'freshness', values: (area) => freshness(area) },
      { name: 'insurance', values: (area) => insurance(area) },
      ...(graduateFigures
        ? [{ name: 'graduates', values: (area: Area, period: Period) => graduateFigures(area, period.to) }]
        : []),
      ...(talentFigures
        ? [{ name: 'talent', values: async (area: Area, period: Period) => (await talentFigures(area, period)).values }]
        : []),
      ...(techSchoolFigures ? [{ name: 'technical schools', values: techSchoolFigures }] : []),
      ...(skillsFigures ? [{ name: 'skills', values: skillsFigures }] : []),
    ]);
    const settings = config.section(cycleConfig);
    const reportsRepo = createReportsRepository(db);
    const reports = createReportsService({ repo: reportsRepo, indicators, indicatorsRepo: repo, settings });
    const filingsRepo = createFilingsRepository(db);
    const filings = createFilingsService({ repo: filingsRepo, reports: reportsRepo, settings, notifier });
    return {
      jobs: [...reportsJobs(repo, log), ...filingsJobs({ repo: filingsRepo, notifier, settings, log })],
      async register(app) {
        await app.register(reportsRoutes, { indicators, reports });
        await app.register(filingsRoutes, { filings });
        await app.register(dashboardPages, { indicators, reports, repo });
        await app.register(filingsPages, { filings });
        await app.register(reportsPages, { reports, repo, filings });
      },
    };
  },
};
