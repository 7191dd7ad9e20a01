import { type FormBody, field } from '../platform/http/form-fields.ts';
import type { z } from 'zod';
import { issueMessage, zodIssues } from '../platform/http/form-errors.ts';
import type { DomainError } from '../platform/errors/domain-errors.ts';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../platform/errors/domain-errors.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ApplicationView } from './applications.contract.ts';
import { chinaDate, chinaDateTime } from './china-time.ts';

export { type FormBody, field } from '../platform/http/form-fields.ts';

/** Parses a form with the API's own schema; problems become a ValidationError the page can show. */
export function parseForm<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The form is not valid', zodIssues(parsed.error, input));
  return parsed.data;
}

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

const issueText = (locale: string, issue: FieldIssue) =>
  issueMessage(locale, issue, { namespaces: ['applications.validation'] });

export interface PageProblem {
  status: number;
  message: string;
  fields: Record<string, string>;
}

/**
 * A domain error as a page explains it: the reason in the reader's language and, for a form,
 * a message per field. Errors a page cannot explain better than the error page are rethrown.
 */
export function pageProblem(locale: string, error: unknown): PageProblem {
  if (error instanceof ValidationError) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) fields[issue.field.split('.')[0] ?? issue.field] ??= issueText(locale, issue);
    return { status: 422, message: translate(locale, 'applications.fixErrors'), fields };
  }
  if (error instanceof ConflictError || (error instanceof ForbiddenError && reasonOf(error))) {
    const reason = reasonOf(error) ?? 'illegal';
    return { status: error instanceof ConflictError ? 409 : 403, message: refusal(locale, reason), fields: {} };
  }
  if (error instanceof NotFoundError) return { status: 404, message: refusal(locale, 'not_found'), fields: {} };
  throw error;
}

function reasonOf(error: DomainError): string | undefined {
  return (error.details as { reason?: string } | undefined)?.reason;
}

function refusal(locale: string, reason: string): string {
  const key = `applications.refusals.${reason}`;
  const message = translate(locale, key);
  return message === key ? translate(locale, 'applications.refusals.illegal') : message;
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
