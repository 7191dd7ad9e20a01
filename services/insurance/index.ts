import type { ComparisonFindings } from '../comparison/index.ts';
import type { LabourersService } from '../labourers/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { casesPages } from './cases.pages.ts';
import { createCasesService } from './cases.service.ts';
import { coverageValues } from './coverage-figures.ts';
import { insuranceConfig } from './insurance.config.ts';
import { insuranceJobs } from './insurance.jobs.ts';
import { insurancePages } from './insurance.pages.ts';
import { createInsuranceRepository } from './insurance.repository.ts';
import { insuranceRoutes } from './insurance.routes.ts';
import { createWorklistsService } from './worklists.service.ts';
import type { Area } from '../platform/access/area.ts';

export { CASE_KINDS, CASE_STATES } from './case-states.ts';
export type { CaseKind } from './case-states.ts';
export { insuranceConfig } from './insurance.config.ts';

/** Today's social-insurance figures of a region prefix, by indicator id (for reports and the dashboard). */
export type InsuranceFigures = (area: Area) => Promise<Record<string, number>>;

/**
 * Social-insurance casework (全民参保计划, plan §4): worklists from the registry and comparisons,
 * cases through their states to "insured" or "receiving benefit", stall reminders, coverage figures.
 * Settings: INSURANCE_STALL_DAYS, INSURANCE_DUE_DAYS.
 */
export const insuranceModule: AppModule<
  CoreDeps & { labourers: LabourersService; comparisonFindings: ComparisonFindings; notifier: Notifier },
  { insuranceFigures: InsuranceFigures }
> = {
  name: 'insurance',
  config: [insuranceConfig],
  setUp({ config, db, log, reference, labourers, comparisonFindings, notifier }) {
    const repo = createInsuranceRepository(db);
    const settings = config.section(insuranceConfig);
    const cases = createCasesService({ repo, labourers, findings: comparisonFindings, reference, settings, notifier });
    const worklists = createWorklistsService({ repo, reference });
    const insuranceFigures: InsuranceFigures = (area) => coverageValues(repo, area, new Date());
    return {
      provides: { insuranceFigures },
      jobs: insuranceJobs(repo, notifier, settings, log),
      async register(app) {
        await app.register(insuranceRoutes, { cases, worklists });
        await app.register(insurancePages, { worklists });
        await app.register(casesPages, { cases });
      },
    };
  },
};
