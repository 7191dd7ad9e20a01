import { translate } from '../platform/i18n/i18n.ts';
import { areaName, jsonBlock, keyCountyModel } from './dashboard.view-model.ts';
import { unitLabel } from './report-tables.ts';
import type { ReportView } from './reports.contract.ts';
import { reportTitle } from './reports.service.ts';
import { GRADUATE_INDICATORS } from './graduate-indicators.ts';

function formatted(locale: string, value: number, unit?: string) {
  return unit === 'percent' ? `${value.toLocaleString(locale)}%` : value.toLocaleString(locale);
}

/** The stored subsidy figures per programme, their total (the indicators' values) and the chart's data. */
function programmesModel(
  locale: string,
  f: ReportView['figures'],
  exportUrl: (format: string, table: string) => string,
) {
  if (!f.programmes) return null;
  const rows = f.programmes.map((p) => ({ ...p, label: locale === 'en' ? p.nameEn : p.name }));
  const sum = (key: 'claims' | 'approvals' | 'amount' | 'paid' | 'people') => rows.reduce((t, r) => t + r[key], 0);
  const drawn = rows.filter((r) => r.claims || r.approvals || r.amount || r.paid);
  return {
    rows,
    // The indicators' own values as stored; the programmes were summed into them when the report was made.
    total: {
      claims: f.values.subsidy_claims ?? sum('claims'),
      approvals: f.values.subsidy_claims_approved ?? sum('approvals'),
      amount: f.values.subsidy_claims_amount ?? sum('amount'),
      paid: f.values.subsidy_claims_paid ?? sum('paid'),
      people: f.values.subsidy_people_reached ?? sum('people'),
    },
    chart: jsonBlock({
      labels: drawn.map((r) => r.label),
      series: [
        { name: translate(locale, 'reports.programmes.amount'), data: drawn.map((r) => r.amount) },
        { name: translate(locale, 'reports.programmes.paid'), data: drawn.map((r) => r.paid) },
      ],
    }),
    csv: exportUrl('csv', 'programmes'),
    xlsx: exportUrl('xlsx', 'programmes'),
  };
}

/**
 * The report page's model, from the figures stored with the report only: rendering a report a year
 * later shows what was filed, whatever the data or the definitions have become since.
 */
export function reportModel(locale: string, report: ReportView) {
  const f = report.figures;
  const region = locale === 'en' ? f.region.nameEn : f.region.name;
  const params: Record<string, string> = { region, from: f.period.from, to: f.period.to };
  for (const [key, value] of Object.entries(f.values)) {
    params[key] = formatted(locale, value, key.endsWith('_share') || key.endsWith('_coverage') ? 'percent' : undefined);
  }
  // Reports stored before the graduates' figures (definitions 2026.12-1) have none of them.
  for (const d of GRADUATE_INDICATORS) params[d.id] ??= '—';
  const sections = f.sections.map((section) => ({
    group: section.group,
    name: translate(locale, `reports.groups.${section.group}`),
    statement: translate(locale, `reports.statements.${section.group}`, params),
    rows: section.rows.map((row) => ({
      name: locale === 'en' ? row.nameEn : row.nameZh,
      value: formatted(locale, row.value, row.unit),
      unit: row.unit === 'percent' ? '' : unitLabel(locale, row.unit),
    })),
  }));
  const exportUrl = (format: string, table: string) =>
    `/api/v1/reports/${report.id}/export?format=${format}&table=${table}&lang=${locale}`;
  return {
    report,
    heading: locale === 'zh-CN' ? report.title : reportTitle(f, locale),
    regionName: region,
    sections,
    counties: f.counties.map((c, i) => ({ ...c, rank: i + 1, displayName: areaName(locale, c) })),
    trend: f.trend,
    agreements: f.agreements,
    hasAgreements: f.agreements.length > 0,
    keyCounties: keyCountyModel(locale, f.values, f.keyCounties),
    programmes: programmesModel(locale, f, exportUrl),
    exports: {
      summaryCsv: exportUrl('csv', 'summary'),
      summaryXlsx: exportUrl('xlsx', 'summary'),
      countiesCsv: exportUrl('csv', 'counties'),
      countiesXlsx: exportUrl('xlsx', 'counties'),
    },
  };
}
