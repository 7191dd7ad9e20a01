import { pageProblem as explain, type PageProblem, type ProblemTexts } from '../platform/http/page-forms.ts';
import { chinaDate, chinaDateTime } from '../platform/time/china-time.ts';
import type { FairView } from './fairs.contract.ts';

export { type FormBody, field, fieldList, type PageProblem, parseForm as parse } from '../platform/http/page-forms.ts';

const TEXTS: ProblemTexts = {
  fixErrors: 'fairs.fixErrors',
  validation: 'fairs.validation',
  refusals: 'fairs.refusals',
  fallbackReason: 'illegal',
  explainNotFound: true,
};

/** A domain error as a fair page explains it; what a page cannot explain goes to the error page. */
export function pageProblem(locale: string, error: unknown): PageProblem {
  return explain(locale, error, TEXTS);
}

/** A fair as the pages show it: Beijing dates and the labels' keys. */
export function displayFair(fair: FairView) {
  return {
    ...fair,
    startText: chinaDateTime(new Date(fair.startsAt)),
    endText: chinaDateTime(new Date(fair.endsAt)),
    day: chinaDate(new Date(fair.startsAt)),
    open: fair.status === 'registration',
  };
}

/** `2026-03-01T09:00` as a datetime-local input shows it (Beijing time). */
export function localInput(iso: string): string {
  return (chinaDateTime(new Date(iso)) ?? '').replace(' ', 'T');
}
