import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../platform/modules.ts';
import { dashboardPages } from './dashboard.pages.ts';
import { createIndicatorsRepository } from './indicators.repository.ts';
import { createIndicatorsService } from './indicators.service.ts';
import { reportsPages } from './reports.pages.ts';
import { createReportsRepository } from './reports.repository.ts';
import { reportsRoutes } from './reports.routes.ts';
import { createReportsService } from './reports.service.ts';
import { vendorRoutes } from './vendor.routes.ts';

/**
 * Indicators, the officer dashboard (/dashboard), the plan's quarterly and yearly reports
 * (/reports, /api/v1/reports), the indicators API (/api/v1/indicators) and the locally served
 * ECharts every module's charts use.
 */
export async function reportsModule(app: FastifyInstance, deps: ModuleDeps) {
  const repo = createIndicatorsRepository(deps.db);
  const indicators = createIndicatorsService(repo);
  const reports = createReportsService({ repo: createReportsRepository(deps.db), indicators });
  await app.register(vendorRoutes);
  await app.register(reportsRoutes, { indicators, reports });
  await app.register(dashboardPages, { indicators, reports, repo });
  await app.register(reportsPages, { reports, repo });
}
