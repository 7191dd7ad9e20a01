import { createIndicatorsRepository } from '../../services/reports/index.ts';
import { createIndicatorsService } from '../../services/reports/index.ts';
import { monthsEndingAt, today } from '../../services/reports/index.ts';
import { createReportsRepository } from '../../services/reports/index.ts';
import { createReportsService } from '../../services/reports/index.ts';
import { fillFlowSnapshots, fillSnapshots } from '../../services/reports/index.ts';
import { createGraduateFigures } from '../../services/graduates/index.ts';
import { createTalentFigures } from '../../services/talent/index.ts';
import type { ModuleSeeder } from './demo-modules.ts';

/**
 * Demo data of the reports module: the month-end snapshots of the last year (from the seeded
 * status histories), the last completed quarter's employment report for the province and the
 * yearly report of 长汀县, as officers would have made them.
 */
export const seedReportsDemo: ModuleSeeder = async (db, context) => {
  const repo = createIndicatorsRepository(db);
  const current = `${today().slice(0, 7)}-01`;
  const months = monthsEndingAt(current, 13).filter((m) => m < current);
  await fillSnapshots(repo, months);
  await fillFlowSnapshots(repo, months);

  const graduates = createGraduateFigures(db);
  const talent = createTalentFigures(db);
  const reports = createReportsService({
    repo: createReportsRepository(db),
    indicators: createIndicatorsService(repo, [
      { name: 'graduates', values: (prefix, period) => graduates(prefix, period.to) },
      { name: 'talent', values: async (prefix, period) => (await talent(prefix, period)).values },
    ]),
    indicatorsRepo: repo,
  });
  const [province, county] = await Promise.all([
    db.user.findUnique({ where: { username: 'officer.fujian' } }),
    db.user.findUnique({ where: { username: 'officer.changting' } }),
  ]);
  const now = new Date(`${today()}T00:00:00Z`);
  const quarter = Math.floor(now.getUTCMonth() / 3);
  const year = quarter === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  if (province) {
    await reports.generate(province, {
      kind: 'quarterly',
      group: 'employment',
      year,
      quarter: quarter === 0 ? 4 : quarter,
    });
  }
  if (county) await reports.generate(county, { kind: 'yearly', year: now.getUTCFullYear() });
  context.log(`seed: indicator snapshots for ${months.length} months and 2 reports`);
};
