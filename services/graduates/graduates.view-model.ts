import { translate } from '../platform/i18n/i18n.ts';
import { GRADUATE_STATUSES, type GraduateFigures } from './graduates.contract.ts';

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** The figures as the list page draws them: bars (meters, no script needed) by status, county, school. */
export function figuresModel(locale: string, figures: GraduateFigures) {
  const t = (key: string) => translate(locale, `graduates.${key}`);
  const total = figures.total.total;
  const row = (counts: GraduateFigures['total']) => ({
    total: counts.total,
    paired: counts.paired,
    seeking: counts.byStatus.left_without_work ?? 0,
    inWork: (counts.byStatus.employed ?? 0) + (counts.byStatus.started_business ?? 0),
    inWorkShare: share((counts.byStatus.employed ?? 0) + (counts.byStatus.started_business ?? 0), counts.total),
  });
  return {
    year: figures.year,
    total,
    byStatus: GRADUATE_STATUSES.map((status) => ({
      label: t(`status.${status}`),
      value: figures.total.byStatus[status] ?? 0,
      percent: share(figures.total.byStatus[status] ?? 0, total),
    })),
    paired: figures.total.paired,
    byCounty: figures.byCounty.map((c) => ({ name: c.name, ...row(c) })),
    bySchool: figures.bySchool.slice(0, 20).map((s) => ({ name: s.schoolName, ...row(s) })),
  };
}

/** Previous and next page links keeping the filters, and the filters for the download links. */
export function listLinks(raw: Record<string, string>, page: number, total: number, pageSize: number) {
  const filters = new URLSearchParams(
    Object.entries(raw).filter(([key, value]) => value && !['page', 'lang', 'paired_all'].includes(key)),
  );
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const at = (n: number) => `?${new URLSearchParams([...filters, ['page', String(n)]])}`;
  return {
    page,
    pages,
    prev: page > 1 ? at(page - 1) : null,
    next: page < pages ? at(page + 1) : null,
    exportQuery: filters.toString() ? `&${filters}` : '',
  };
}
