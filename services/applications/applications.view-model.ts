import {
  type FormBody,
  field,
  type PageProblem,
  pageProblem as explain,
  type ProblemTexts,
} from '../platform/http/page-forms.ts';
import type { ApplicationView } from './applications.contract.ts';
import { chinaDate, chinaDateTime } from '../platform/time/china-time.ts';

export { type FormBody, field, type PageProblem, parseForm } from '../platform/http/page-forms.ts';

/** The transition form: numbers as numbers, empty fields left out. */
export function transitionForm(body: FormBody) {
  const wage = field(body, 'offeredWage');
  return {
    to: field(body, 'to'),
    note: field(body, 'note'),
    interviewAt: field(body, 'interviewAt'),
    interviewPlace: field(body, 'interviewPlace'),
    offeredWage: wage === undefined ? undefined : Number(wage),
    leftReason: field(body, 'leftReason'),
    at: field(body, 'at'),
  };
}

const TEXTS: ProblemTexts = {
  fixErrors: 'applications.fixErrors',
  validation: 'applications.validation',
  refusals: 'applications.refusals',
  fallbackReason: 'illegal',
  explainNotFound: true,
  explainForbidden: true,
};

/** A domain error as an application page explains it (see platform `pageProblem`). */
export function pageProblem(locale: string, error: unknown): PageProblem {
  return explain(locale, error, TEXTS);
}

const at = (value: string | null) => (value ? new Date(value) : null);

/** Dates of an application as people read them (Beijing time). */
export function displayApplication(view: ApplicationView) {
  return {
    ...view,
    appliedOn: chinaDate(new Date(view.createdAt)),
    interviewText: chinaDateTime(at(view.interviewAt)),
    hiredOn: chinaDate(at(view.hiredAt)),
    startedOn: chinaDate(at(view.startedAt)),
    leftOn: chinaDate(at(view.leftAt)),
  };
}
