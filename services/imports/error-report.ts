import type { ImportIssue } from './imports.repository.ts';
import type { Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { reasonText } from './reasons.ts';

/**
 * The error report the officer sends back to whoever keeps the source file: 行号, 列, 值, 原因,
 * in Chinese, values already masked when the issues were recorded.
 */
export function errorReportTable(fileName: string, issues: AsyncIterable<ImportIssue[]>): Table<ImportIssue> {
  const t = (key: string) => translate('zh-CN', `imports.report.${key}`);
  const base = fileName.replace(/\.(csv|xlsx|txt)$/i, '');
  return {
    fileName: `${base}-${t('fileSuffix')}`,
    sheetName: t('sheet'),
    columns: [
      { header: t('row'), value: (issue) => issue.rowNumber, width: 8 },
      { header: t('column'), value: (issue) => issue.column, width: 20 },
      { header: t('value'), value: (issue) => issue.value, width: 26 },
      { header: t('reason'), value: (issue) => reasonText('zh-CN', issue.reason), width: 70 },
    ],
    rows: issues,
  };
}
