import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { Claim } from './claims.contract.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** The claims as a download, headed in the reader's language; people appear masked only. */
export function claimsTable(locale: string, rows: AsyncIterable<Claim[]> | Claim[]): Table<Claim> {
  const t = (key: string) => translate(locale, key);
  const columns: Column<Claim>[] = [
    { header: t('claims.fields.createdAt'), value: (r) => r.createdAt.slice(0, 10), width: 12 },
    {
      header: t('claims.fields.programme'),
      value: (r) => (locale === 'en' ? r.programmeNameEn : r.programmeName),
      width: 24,
    },
    { header: t('claims.fields.regionCode'), value: (r) => r.regionCode, width: 14 },
    { header: t('claims.fields.claimant'), value: (r) => r.claimantName, width: 28 },
    { header: t('claims.fields.month'), value: (r) => r.month },
    { header: t('claims.fields.people'), value: (r) => r.people },
    { header: t('claims.fields.amount'), value: (r) => r.amount },
    { header: t('claims.fields.level'), value: (r) => (r.level ? t(`claims.levels.${r.level}`) : null), width: 16 },
    { header: t('claims.fields.status'), value: (r) => t(`claims.status.${r.status}`) },
    { header: t('claims.fields.rejectionReason'), value: (r) => r.rejectionReason, width: 24 },
    { header: t('claims.fields.paidAmount'), value: (r) => r.paidAmount },
    { header: t('claims.fields.paidOn'), value: (r) => r.paidOn, width: 12 },
    { header: t('claims.fields.paymentReference'), value: (r) => r.paymentReference, width: 20 },
  ];
  return { fileName: `${t('claims.file')}-${today()}`, sheetName: t('claims.title'), columns, rows };
}
