import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { AreaFigures } from './indicators.service.ts';
import type { ProgrammeFigures, ReportFigures, ReportTableName } from './reports.contract.ts';

type SummaryRow = {
  group: string;
  id: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  value: number;
  keyCounties: number | null;
};

export function unitLabel(locale: string, unit: string): string {
  return translate(locale, `reports.units.${unit}`);
}

export function countyColumns(locale: string): Column<AreaFigures>[] {
  const t = (key: string) => translate(locale, `reports.county.${key}`);
  return [
    { header: t('code'), value: (r) => r.code, width: 10 },
    { header: t('name'), value: (r) => (locale === 'en' ? r.nameEn : r.name), width: 16 },
    { header: t('labourers'), value: (r) => r.labourers },
    { header: t('labourForce'), value: (r) => r.labourForce },
    { header: t('employed'), value: (r) => r.employed },
    { header: t('employedShare'), value: (r) => r.employedShare },
    { header: t('willing'), value: (r) => r.willing },
    { header: t('pushed'), value: (r) => r.pushed },
    { header: t('pushCoverage'), value: (r) => r.pushCoverage },
    { header: t('pensionCoverage'), value: (r) => r.pensionCoverage },
  ];
}

/** The subsidy programmes' columns: each one is an indicator's share (subsidy_claims*, subsidy_people_reached). */
export function programmeColumns(locale: string): Column<ProgrammeFigures>[] {
  const t = (key: string) => translate(locale, `reports.programmes.${key}`);
  return [
    { header: t('code'), value: (r) => r.programmeCode, width: 24 },
    { header: t('programme'), value: (r) => (locale === 'en' ? r.nameEn : r.name), width: 28 },
    { header: t('claims'), value: (r) => r.claims },
    { header: t('approvals'), value: (r) => r.approvals },
    { header: t('amount'), value: (r) => r.amount, width: 14 },
    { header: t('paid'), value: (r) => r.paid, width: 14 },
    { header: t('people'), value: (r) => r.people },
  ];
}

/** A report's tables as the export writes them; the figures are the stored ones. */
export function reportTable(
  figures: ReportFigures,
  title: string,
  table: ReportTableName,
  locale: string,
): Table<SummaryRow> | Table<AreaFigures> | Table<ProgrammeFigures> {
  const fileName = `${title}-${translate(locale, `reports.export.${table}`)}`;
  if (table === 'programmes') {
    return {
      fileName,
      sheetName: translate(locale, 'reports.export.programmes'),
      columns: programmeColumns(locale),
      rows: figures.programmes ?? [],
    };
  }
  if (table === 'counties') {
    return {
      fileName,
      sheetName: translate(locale, 'reports.export.counties'),
      columns: countyColumns(locale),
      rows: figures.counties,
    };
  }
  const key = figures.keyCounties;
  const rows: SummaryRow[] = figures.sections.flatMap((s) =>
    s.rows.map((r) => ({ ...r, group: s.group, keyCounties: key ? (key.values[r.id] ?? null) : null })),
  );
  const t = (key: string) => translate(locale, `reports.export.${key}`);
  const columns: Column<SummaryRow>[] = [
    { header: t('group'), value: (r) => translate(locale, `reports.groups.${r.group}`), width: 20 },
    { header: t('indicator'), value: (r) => (locale === 'en' ? r.nameEn : r.nameZh), width: 28 },
    { header: t('value'), value: (r) => r.value, width: 12 },
    ...(key ? [{ header: t('keyCounties'), value: (r: SummaryRow) => r.keyCounties, width: 12 }] : []),
    { header: t('unit'), value: (r) => unitLabel(locale, r.unit), width: 8 },
    { header: t('id'), value: (r) => r.id, width: 28 },
  ];
  return {
    fileName,
    sheetName: t('summary'),
    columns,
    rows,
  };
}
