import type { Column } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CountyCoverage } from './coverage.ts';

export function coverageColumns(lang: string): Column<CountyCoverage>[] {
  const t = (key: string) => translate(lang, `pushes.coverage.columns.${key}`);
  return [
    { header: t('county'), value: (c) => c.name ?? c.regionCode, width: 16 },
    { header: t('regionCode'), value: (c) => c.regionCode, width: 10 },
    { header: t('willing'), value: (c) => c.willing },
    { header: t('covered'), value: (c) => c.covered },
    { header: t('share'), value: (c) => `${(c.share * 100).toFixed(1)}%` },
  ];
}
