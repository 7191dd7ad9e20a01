import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { DEFINITIONS_VERSION, definitionsOf, REPORT_GROUPS, type ReportGroup } from './indicators.ts';
import type { IndicatorsService } from './indicators.service.ts';
import type { IndicatorsRepository } from './indicators.repository.ts';
import { keyCountyTotals } from './key-county-totals.ts';
import { quarterPeriod, yearlyPeriod } from './period.ts';
import { type CycleSettings, DEFAULT_CYCLE_SETTINGS, deadlineOf } from './cycle.ts';
import {
  ProgrammeFiguresSchema,
  type ReportCreate,
  type ReportFigures,
  type ReportTableName,
  type ReportView,
} from './reports.contract.ts';
import type { ReportsRepository } from './reports.repository.ts';

type Actor = Pick<SessionUser, 'id' | 'role' | 'regionCode'>;
type StoredReport = NonNullable<Awaited<ReturnType<ReportsRepository['get']>>>;
type Summary = Awaited<ReturnType<ReportsRepository['list']>>[number];

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Reports that carry the subsidy figures per programme: the social-security group's (issue #20 asks
 * for them there) and, covering every group, the yearly report. The subsidy indicators themselves stay
 * in the employment group: the plan puts the subsidies in §2(1) (and §2(3), §3(1), §5(4)), not in §4.
 */
export const carriesProgrammes = (groups: readonly ReportGroup[]) => groups.includes('social_security');

function summary(row: Summary) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    regionCode: row.regionCode,
    periodFrom: day(row.periodFrom),
    periodTo: day(row.periodTo),
    definitionsVersion: row.definitionsVersion,
    createdAt: row.createdAt.toISOString(),
    status: row.status,
    dueOn: row.dueOn ? day(row.dueOn) : null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** The stored report as it was made: figures are read back, never recomputed. */
export function reportView(row: StoredReport): ReportView {
  return { ...summary(row), figures: row.figures as unknown as ReportFigures };
}

/** 福建省 2026年第3季度 就业扶贫专项工作进展报告: titles are Chinese, the language of the filing. */
export function reportTitle(
  figures: Pick<ReportFigures, 'kind' | 'year' | 'quarter' | 'groups' | 'region'>,
  locale = 'zh-CN',
) {
  const region = locale === 'en' ? figures.region.nameEn : figures.region.name;
  if (figures.kind === 'yearly') return translate(locale, 'reports.title.yearly', { region, year: figures.year });
  return translate(locale, 'reports.title.quarterly', {
    region,
    year: figures.year,
    quarter: figures.quarter ?? '',
    group: translate(locale, `reports.groups.${figures.groups[0]}`),
  });
}

export function createReportsService(deps: {
  repo: ReportsRepository;
  indicators: IndicatorsService;
  indicatorsRepo: IndicatorsRepository;
  settings?: CycleSettings;
}) {
  const { repo, indicators, indicatorsRepo, settings = DEFAULT_CYCLE_SETTINGS } = deps;

  async function readable(actor: Actor, id: string): Promise<StoredReport> {
    const row = await repo.get(id);
    if (!row) throw new NotFoundError(`Report ${id} not found`);
    if (!row.regionCode.startsWith(scopePrefix(actor))) throw new ForbiddenError(`Report ${id} is outside your region`);
    return row;
  }

  return {
    async generate(actor: Actor, input: ReportCreate): Promise<ReportView> {
      const period = input.kind === 'yearly' ? yearlyPeriod(input.year) : quarterPeriod(input.year, input.quarter!);
      const set = await indicators.compute(actor, { regionCode: input.regionCode, period });
      const groups: ReportGroup[] = input.kind === 'yearly' ? [...REPORT_GROUPS] : [input.group!];
      const keyCounties = await keyCountyTotals(indicators, indicatorsRepo, actor, {
        regionCode: set.regionCode,
        period,
      });
      const figures: ReportFigures = {
        kind: input.kind,
        year: input.year,
        quarter: input.kind === 'quarterly' ? input.quarter! : null,
        groups,
        region: { code: set.regionCode, name: set.regionName, nameEn: set.regionNameEn, level: set.level },
        period: set.period,
        source: set.source,
        computedAt: set.computedAt,
        sections: groups.map((group) => ({
          group,
          rows: definitionsOf(group).map((d) => ({
            id: d.id,
            nameZh: d.nameZh,
            nameEn: d.nameEn,
            unit: d.unit,
            value: set.values[d.id] ?? 0,
          })),
        })),
        values: set.values,
        counties: set.counties,
        trend: set.trend,
        // East-west cooperation is §2(5), the employment group's work.
        agreements: groups.includes('employment') ? set.agreements : [],
        keyCounties,
        // The same rows the subsidy_* values were summed from, so the table adds up to them.
        // Only the report's own columns are stored (the rows carry the skills group's as well).
        ...(carriesProgrammes(groups)
          ? { programmes: set.programmes.map((r) => ProgrammeFiguresSchema.parse(r)) }
          : {}),
      };
      const row = await repo.create({
        kind: input.kind,
        regionCode: set.regionCode,
        periodFrom: new Date(`${set.period.from}T00:00:00Z`),
        periodTo: new Date(`${set.period.to}T00:00:00Z`),
        title: reportTitle(figures),
        figures,
        definitionsVersion: DEFINITIONS_VERSION,
        createdById: actor.id,
        createdAt: new Date(),
        year: input.year,
        quarter: figures.quarter,
        group: input.kind === 'quarterly' ? input.group! : null,
        dueOn: new Date(
          `${deadlineOf({ kind: input.kind, year: input.year, quarter: figures.quarter }, settings)}T00:00:00Z`,
        ),
      });
      return reportView(row);
    },

    async list(actor: Actor, regionCode?: string) {
      const scope = scopePrefix(actor);
      if (regionCode && !regionCode.startsWith(scope))
        throw new ForbiddenError(`Region ${regionCode} is outside your region`);
      return (await repo.list(regionCode ?? scope, 100)).map(summary);
    },

    get: async (actor: Actor, id: string) => reportView(await readable(actor, id)),

    /** Reads a report for download and records who took which table of it. */
    async exportReport(actor: Actor, id: string, table: ReportTableName, format: string, requestId?: string) {
      const report = reportView(await readable(actor, id));
      if (table === 'programmes' && !report.figures.programmes)
        throw new NotFoundError(`Report ${id} has no subsidy figures per programme`);
      await repo.audit({
        actor,
        action: 'report.export',
        entity: 'Report',
        entityId: id,
        requestId,
        details: { table, format, regionCode: report.regionCode },
      });
      return report;
    },

    /** Records a download of the dashboard's county table. */
    async auditDashboardExport(actor: Actor, regionCode: string, format: string, requestId?: string) {
      await repo.audit({
        actor,
        action: 'dashboard.export',
        entity: 'Region',
        entityId: regionCode,
        requestId,
        details: { format },
      });
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
