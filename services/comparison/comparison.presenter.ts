import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ComparisonRunView, FindingView } from './comparison.contract.ts';
import type { InputProblem } from './external-people.ts';

/** A registry code (unemployed, none, lifted_out) in words; other values (training wishes) as they are. */
export function registryValueText(locale: string, value: string | null): string {
  if (value === null || value === '') return '';
  for (const key of [`employmentStatus.${value}`, `comparison.values.${value}`]) {
    const text = translate(locale, key);
    if (text !== key) return text;
  }
  return value;
}

export function problemText(locale: string, problem: InputProblem): string {
  return translate(locale, `comparison.problems.${problem.reason}`);
}

interface ExportRow {
  kind: string;
  name: string | null;
  idNumberMasked: string | null;
  regionCode: string | null;
  regionName: string;
  registry: string;
  external: string | null;
  row: number | null;
  note: string;
}

/** The report as one table: findings first, then the rows the comparison could not use. */
export function exportTable(
  locale: string,
  run: ComparisonRunView,
  findings: AsyncIterable<FindingView[]>,
  problems: InputProblem[],
): Table<ExportRow> {
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, `comparison.export.${key}`, params);
  async function* rows(): AsyncGenerator<ExportRow[]> {
    for await (const page of findings) {
      yield page.map((f) => ({
        kind: translate(locale, `comparison.findingKinds.${f.kind}`),
        name: f.name,
        idNumberMasked: f.idNumberMasked,
        regionCode: f.regionCode,
        regionName: f.regionName,
        registry: registryValueText(locale, f.registryValue),
        external: f.externalValue,
        row: null,
        note: '',
      }));
    }
    if (problems.length)
      yield problems.map((p) => ({
        kind: t('inputProblem'),
        name: p.name,
        idNumberMasked: p.column === run.columns.idNumber ? p.value : null,
        regionCode: null,
        regionName: '',
        registry: '',
        external: p.column === run.columns.idNumber ? null : p.value,
        row: p.row,
        note: `${p.column}: ${problemText(locale, p)}`,
      }));
  }
  const columns: Column<ExportRow>[] = [
    { header: t('kind'), value: (r) => r.kind, width: 18 },
    { header: t('name'), value: (r) => r.name, width: 12 },
    { header: t('idNumber'), value: (r) => r.idNumberMasked, width: 22 },
    { header: t('regionCode'), value: (r) => r.regionCode, width: 14 },
    { header: t('regionName'), value: (r) => r.regionName, width: 20 },
    { header: t('registry'), value: (r) => r.registry, width: 24 },
    { header: t('external'), value: (r) => r.external, width: 30 },
    { header: t('row'), value: (r) => r.row, width: 8 },
    { header: t('note'), value: (r) => r.note, width: 30 },
  ];
  const kind = translate(locale, `comparison.kinds.${run.kind}`);
  return {
    fileName: t('fileName', { kind, date: run.createdAt.slice(0, 10) }),
    sheetName: t('sheetName'),
    columns,
    rows: rows(),
  };
}
