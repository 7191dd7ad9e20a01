import type { Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { chinaDateTime } from '../platform/time/china-time.ts';
import type { Filings } from './filings.service.ts';

type Row = Filings['items'][number];

const when = (iso: string | null) => (iso ? chinaDateTime(new Date(iso)) : null);
const statusLabel = (locale: string, status: string) => translate(locale, `reports.filings.status.${status}`);

/** The cycle in words: 2026年度 / 2026年第3季度 就业创业扶贫. */
export function cycleLabel(locale: string, cycle: Filings['cycle']) {
  if (cycle.kind === 'yearly') return translate(locale, 'reports.filings.cycleYearly', { year: cycle.year });
  return translate(locale, 'reports.filings.cycleQuarterly', {
    year: cycle.year,
    quarter: cycle.quarter ?? '',
    group: translate(locale, `reports.groups.${cycle.group}`),
  });
}

/** The filing list as a download, in the reader's language. */
export function filingsTable(list: Filings, locale: string): Table<Row> {
  const t = (key: string) => translate(locale, `reports.filings.columns.${key}`);
  return {
    fileName: `${translate(locale, 'reports.filings.file')}-${list.region.code}-${list.cycle.year}${list.cycle.quarter ? `-Q${list.cycle.quarter}` : ''}`,
    sheetName: translate(locale, 'reports.filings.title'),
    columns: [
      { header: t('code'), value: (r) => r.code, width: 10 },
      { header: t('name'), value: (r) => (locale === 'en' ? r.nameEn : r.name), width: 16 },
      { header: t('filesTo'), value: (r) => r.filesTo, width: 10 },
      { header: t('status'), value: (r) => statusLabel(locale, r.status), width: 10 },
      { header: t('late'), value: (r) => (r.late ? translate(locale, 'reports.filings.lateYes') : ''), width: 8 },
      { header: t('submittedAt'), value: (r) => when(r.submittedAt), width: 18 },
      { header: t('submittedBy'), value: (r) => r.submittedBy, width: 14 },
      { header: t('decidedAt'), value: (r) => when(r.decidedAt), width: 18 },
      { header: t('decidedBy'), value: (r) => r.decidedBy, width: 14 },
      { header: t('returnReason'), value: (r) => r.returnReason, width: 30 },
    ],
    rows: list.items,
  };
}

/** What the filings page shows: the list grouped under each city, with the counts. */
export function filingsModel(locale: string, list: Filings) {
  const rows = list.items.map((r) => ({
    ...r,
    displayName: locale === 'en' ? r.nameEn : r.name,
    statusLabel: statusLabel(locale, r.status),
    submittedAtText: when(r.submittedAt),
    decidedAtText: when(r.decidedAt),
    isCity: r.level === 'city',
  }));
  return {
    cycleText: cycleLabel(locale, list.cycle),
    regionName: locale === 'en' ? list.region.nameEn : list.region.name,
    rows,
    counts: list.counts,
    dueOn: list.dueOn,
  };
}

/** A report's state on its page: status, deadline, steps in words. */
export function filingStateModel(
  locale: string,
  state: {
    status: string;
    dueOn: string;
    filesTo: string | null;
    steps: Array<{ action: string; actor: string; at: string; reason: string | null }>;
  },
) {
  return {
    statusLabel: statusLabel(locale, state.status),
    steps: state.steps.map((s) => ({
      ...s,
      label: translate(locale, `reports.filings.steps.${s.action}`),
      atText: when(s.at),
    })),
  };
}
