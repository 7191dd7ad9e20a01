import { chinaDate } from '../platform/time/china-time.ts';
import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { Decision, EligibleHire } from './subsidies.contract.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** The eligibility list as a download, headed in the reader's language. */
export function eligibilityTable(locale: string, rows: EligibleHire[]): Table<EligibleHire> {
  const t = (key: string) => translate(locale, key);
  const columns: Column<EligibleHire>[] = [
    { header: t('subsidies.fields.employer'), value: (r) => r.employerName, width: 30 },
    { header: t('subsidies.fields.employerKind'), value: (r) => t(`employerKind.${r.employerKind}`), width: 14 },
    { header: t('subsidies.fields.vacancy'), value: (r) => r.vacancyTitle, width: 20 },
    { header: t('subsidies.fields.name'), value: (r) => r.maskedName },
    { header: t('subsidies.fields.idNumber'), value: (r) => r.idNumberMasked, width: 22 },
    { header: t('subsidies.fields.startedOn'), value: (r) => r.startedOn, width: 12 },
    { header: t('subsidies.fields.leftOn'), value: (r) => r.leftOn, width: 12 },
    { header: t('subsidies.fields.monthsInWork'), value: (r) => r.monthsInWork },
    { header: t('subsidies.fields.amount'), value: (r) => r.amount },
  ];
  return {
    fileName: `${t('subsidies.eligibleFile')}-${today()}`,
    sheetName: t('subsidies.eligibleTitle'),
    columns,
    rows,
  };
}

export function decisionsTable(locale: string, rows: AsyncIterable<Decision[]>): Table<Decision> {
  const t = (key: string) => translate(locale, key);
  const columns: Column<Decision>[] = [
    { header: t('subsidies.fields.decidedAt'), value: (r) => chinaDate(new Date(r.decidedAt)), width: 12 },
    { header: t('subsidies.fields.employer'), value: (r) => r.employerName, width: 30 },
    { header: t('subsidies.fields.vacancy'), value: (r) => r.vacancyTitle, width: 20 },
    { header: t('subsidies.fields.name'), value: (r) => r.maskedName },
    { header: t('subsidies.fields.idNumber'), value: (r) => r.idNumberMasked, width: 22 },
    { header: t('subsidies.fields.decision'), value: (r) => t(`subsidies.decision.${r.status}`) },
    { header: t('subsidies.fields.amount'), value: (r) => r.amount },
    { header: t('subsidies.fields.qualifyingMonths'), value: (r) => r.qualifyingMonths },
    { header: t('subsidies.fields.note'), value: (r) => r.note, width: 30 },
    { header: t('subsidies.fields.decidedBy'), value: (r) => r.decidedBy, width: 16 },
  ];
  return {
    fileName: `${t('subsidies.decisionsFile')}-${today()}`,
    sheetName: t('subsidies.decisionsTitle'),
    columns,
    rows,
  };
}
