import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { GraduateView } from './graduates.contract.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** The graduates list as a download, headed in the reader's language; names and ID numbers masked. */
export function graduatesTable(locale: string, rows: AsyncIterable<GraduateView[]>): Table<GraduateView> {
  const t = (key: string) => translate(locale, `graduates.${key}`);
  const columns: Column<GraduateView>[] = [
    { header: t('fields.name'), value: (r) => r.maskedName },
    { header: t('fields.idNumber'), value: (r) => r.idNumberMasked, width: 22 },
    { header: t('fields.regionCode'), value: (r) => r.regionCode, width: 14 },
    { header: t('fields.schoolName'), value: (r) => r.schoolName, width: 24 },
    { header: t('fields.schoolKind'), value: (r) => t(`schoolKind.${r.schoolKind}`), width: 20 },
    { header: t('fields.major'), value: (r) => r.major, width: 18 },
    { header: t('fields.graduationYear'), value: (r) => r.graduationYear },
    { header: t('fields.leftSchoolOn'), value: (r) => r.leftSchoolOn, width: 12 },
    { header: t('fields.wish'), value: (r) => t(`wish.${r.wish}`) },
    { header: t('fields.status'), value: (r) => t(`status.${r.status}`), width: 14 },
    { header: t('fields.statusSince'), value: (r) => r.statusSince, width: 12 },
    { header: t('fields.workFoundOn'), value: (r) => r.workFoundOn, width: 12 },
    { header: t('fields.matchmaker'), value: (r) => r.matchmaker?.name ?? '', width: 14 },
  ];
  return { fileName: `${t('file')}-${today()}`, sheetName: t('title'), columns, rows };
}
