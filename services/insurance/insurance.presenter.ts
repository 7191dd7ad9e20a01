import { translate } from '../platform/i18n/i18n.ts';
import { chinaDateTime } from '../platform/time/china-time.ts';
import { CASE_KINDS, caseKindOfWorklist, WORKLIST_KINDS, type WorklistKind } from './case-states.ts';
import {
  ASSIGNEE_FILTERS,
  type CaseDetail,
  type CaseView,
  type EligibleOfficer,
  type Worklist,
  type WorklistQuery,
} from './insurance.contract.ts';

type T = (key: string, params?: Record<string, unknown>) => string;
const tr =
  (locale: string): T =>
  (key, params) =>
    translate(locale, key, params);

/** `?kind=…&county=…&township=…` of a worklist, for links and exports. */
export function worklistQueryString(query: WorklistQuery): string {
  const parts = [`kind=${query.kind}`];
  if (query.county) parts.push(`county=${query.county}`);
  if (query.township) parts.push(`township=${query.township}`);
  return parts.join('&');
}

export function caseRow(locale: string, c: CaseView) {
  const t = tr(locale);
  return {
    ...c,
    kindText: t(`insurance.kinds.${c.kind}`),
    stateText: t(`insurance.states.${c.state}`),
    nextAction: c.open ? t(`insurance.next.${c.kind}.${c.state}`) : t('insurance.closed'),
    lastStep: chinaDateTime(new Date(c.lastTransitionAt)),
  };
}

export function caseDetailView(locale: string, c: CaseDetail, officers: EligibleOfficer[] = []) {
  const t = tr(locale);
  const nobody = t('insurance.case.nobody');
  return {
    ...caseRow(locale, c),
    pensionNeedsGrade: c.kind === 'government_paid',
    choices: c.nextStates.map((value) => ({ value, label: t(`insurance.states.${value}`) })),
    // Who may take the case over, nearest region first; the present officer is no choice.
    officers: officers
      .filter((o) => !o.current)
      .map((o) => ({ value: o.id, label: `${o.displayName}（${o.regionName || o.regionCode}）` })),
    steps: c.transitions.map((s) => ({
      ...s,
      // The opening step records where the case came from (registry or comparison): say it in words.
      note:
        !s.from && (s.note === 'registry' || s.note === 'comparison') ? t(`insurance.openedFrom.${s.note}`) : s.note,
      ...(s.kind === 'reassign'
        ? {
            fromText: t('insurance.case.officerWas', { name: s.fromAssignee ?? nobody }),
            toText: t('insurance.case.reassignedTo', { name: s.toAssignee ?? nobody }),
          }
        : {
            fromText: s.from ? t(`insurance.states.${s.from}`) : '—',
            toText: t(`insurance.states.${s.to}`),
          }),
      atText: chinaDateTime(new Date(s.at)),
    })),
  };
}

/** The worklist page's data: tabs per kind, the area filter, the rows with their case link or open form. */
export function worklistView(
  locale: string,
  query: WorklistQuery,
  list: Worklist,
  areas: Array<{ code: string; name: string }>,
) {
  const t = tr(locale);
  // Work-injury and unemployment lists are about work, not the pension: their column says the employment status.
  const aboutWork = query.kind === 'work_injury' || query.kind === 'unemployment_benefit';
  const counties = areas.filter((a) => a.code.length === 6);
  const townships = areas.filter((a) => a.code.length === 9 && (!query.county || a.code.startsWith(query.county)));
  return {
    title: t('insurance.worklists.title'),
    kind: query.kind,
    caseKind: caseKindOfWorklist(query.kind),
    kindText: t(`insurance.kinds.${caseKindOfWorklist(query.kind)}`),
    kindHint: t(`insurance.worklists.hints.${query.kind}`),
    tabs: WORKLIST_KINDS.map((kind: WorklistKind) => ({
      kind,
      label: t(`insurance.kinds.${caseKindOfWorklist(kind)}`),
      current: kind === query.kind,
    })),
    counties: counties.map((a) => ({ ...a, selected: a.code === query.county })),
    townships: townships.map((a) => ({ ...a, selected: a.code === query.township })),
    query: worklistQueryString(query),
    aboutWork,
    total: list.total,
    truncated: list.truncated,
    byArea: list.byArea.filter((a) => a.code.length === (query.county ? 9 : 6)),
    items: list.items.map((row) => ({
      ...row,
      pensionText: t(`insurance.pension.${row.pensionInsurance}`),
      employmentText: t(`employmentStatus.${row.employmentStatus}`),
      caseStateText: row.caseState ? t(`insurance.states.${row.caseState}`) : '',
    })),
  };
}

export function caseFilters(locale: string, kind: string | undefined, state: string | undefined, assignee = 'all') {
  const t = tr(locale);
  return {
    kinds: CASE_KINDS.map((k) => ({ value: k, label: t(`insurance.kinds.${k}`), selected: k === kind })),
    assignees: ASSIGNEE_FILTERS.map((a) => ({
      value: a,
      label: t(`insurance.cases.assignee.${a}`),
      selected: a === assignee,
    })),
    state,
  };
}

/** The coverage page: the cards, the per-area table and the chart's JSON (safe inside a script tag). */
export function coverageView(
  locale: string,
  values: Record<string, number>,
  areas: Array<{ code: string; name: string; values: Record<string, number> }>,
) {
  const t = tr(locale);
  const rows = areas.map((a) => ({
    code: a.code,
    name: a.name || a.code,
    eligible: a.values.pension_eligible ?? 0,
    covered: a.values.pension_covered ?? 0,
    coverage: a.values.pension_coverage ?? 0,
    aged60: a.values.pension_60_plus ?? 0,
    receiving: a.values.pension_60_plus_receiving ?? 0,
    receivingShare: a.values.pension_60_plus_receiving_share ?? 0,
    governmentPaid: a.values.pension_government_paid ?? 0,
  }));
  const chart = JSON.stringify({
    labels: rows.map((r) => r.name),
    coverage: rows.map((r) => r.coverage),
    receiving: rows.map((r) => r.receivingShare),
    names: [t('insurance.coverage.coverage'), t('insurance.coverage.receivingShare')],
  }).replace(/</g, '\\u003c');
  return {
    title: t('insurance.coverage.title'),
    values,
    open: CASE_KINDS.map((kind) => ({
      kind,
      label: t(`insurance.kinds.${kind}`),
      count: values[`insurance_cases_open_${kind}`] ?? 0,
    })),
    rows,
    chart,
  };
}
