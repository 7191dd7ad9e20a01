import type { Column } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { Labourer } from './labourers.repository.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { ageOn } from '../platform/time/age.ts';

/** Columns of the registry export, headed in the reader's language. */
/** A row of the export: the phone as the export shows it (masked unless asked for in clear). */
export type ExportedLabourer = Labourer & { phoneShown: string | null };

export function labourerColumns(locale: string, ref: ReferenceNames): Column<ExportedLabourer>[] {
  const t = (key: string) => translate(locale, key);
  const yes = t('common.yes');
  const no = t('common.no');
  return [
    { header: t('labourers.fields.name'), value: (l) => l.name, width: 10 },
    { header: t('labourers.fields.idNumber'), value: (l) => l.idNumberMasked, width: 22 },
    { header: t('labourers.fields.sex'), value: (l) => t(`sex.${l.sex}`) },
    { header: t('labourers.fields.age'), value: (l) => ageOn(l.birthDate) },
    { header: t('labourers.fields.phone'), value: (l) => l.phoneShown, width: 14 },
    { header: t('labourers.fields.regionCode'), value: (l) => l.regionCode, width: 14 },
    { header: t('labourers.fields.region'), value: (l) => ref.regionName(l.regionCode), width: 24 },
    {
      header: t('labourers.fields.employmentStatus'),
      value: (l) => t(`employmentStatus.${l.employmentStatus}`),
      width: 16,
    },
    { header: t('labourers.fields.wantsJob'), value: (l) => (l.wantsJob ? yes : no) },
    { header: t('labourers.fields.mobility'), value: (l) => t(`mobility.${l.mobility}`) },
    {
      header: t('labourers.fields.desiredOccupations'),
      value: (l) => ref.occupationNames(l.desiredOccupations).join('、'),
      width: 24,
    },
    { header: t('labourers.fields.expectedWage'), value: (l) => l.expectedWage },
    { header: t('labourers.fields.povertyStatus'), value: (l) => t(`povertyStatus.${l.povertyStatus}`) },
    { header: t('labourers.fields.updatedAt'), value: (l) => l.updatedAt.toISOString().slice(0, 10), width: 12 },
  ];
}
