import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { caseKindOfWorklist, type WorklistKind } from './case-states.ts';
import type { WorklistRow } from './insurance.contract.ts';

/** A worklist as a download, headed in the reader's language; numbers masked as on the page. */
export function worklistTable(locale: string, kind: WorklistKind, rows: WorklistRow[]): Table<WorklistRow> {
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, key, params);
  const columns: Column<WorklistRow>[] = [
    { header: t('insurance.fields.county'), value: (r) => r.countyName, width: 20 },
    { header: t('insurance.fields.township'), value: (r) => r.townshipName, width: 24 },
    { header: t('insurance.fields.name'), value: (r) => r.name },
    { header: t('insurance.fields.idNumber'), value: (r) => r.idNumberMasked, width: 22 },
    { header: t('insurance.fields.phone'), value: (r) => r.phoneMasked, width: 14 },
    { header: t('insurance.fields.age'), value: (r) => r.age },
    { header: t('insurance.fields.pension'), value: (r) => t(`insurance.pension.${r.pensionInsurance}`), width: 16 },
    { header: t('insurance.fields.employment'), value: (r) => t(`employmentStatus.${r.employmentStatus}`), width: 16 },
    {
      header: t('insurance.fields.unemploymentInsured'),
      value: (r) => (r.unemploymentInsurance ? t('insurance.yes') : t('insurance.no')),
    },
    {
      header: t('insurance.fields.workInjuryInsured'),
      value: (r) => (r.workInjuryInsured === null ? '' : r.workInjuryInsured ? t('insurance.yes') : t('insurance.no')),
    },
    {
      header: t('insurance.fields.receiving'),
      value: (r) => (r.receivingBenefit ? t('insurance.yes') : t('insurance.no')),
    },
    { header: t('insurance.fields.grade'), value: (r) => r.contributionGrade },
    { header: t('insurance.fields.disabilityGrade'), value: (r) => r.disabilityGrade },
    {
      header: t('insurance.fields.caseState'),
      value: (r) => (r.caseState ? t(`insurance.states.${r.caseState}`) : ''),
    },
  ];
  return {
    fileName: `${t(`insurance.kinds.${caseKindOfWorklist(kind)}`)}-${chinaDate(new Date())}`,
    sheetName: t(`insurance.kinds.${caseKindOfWorklist(kind)}`),
    columns,
    rows,
  };
}
