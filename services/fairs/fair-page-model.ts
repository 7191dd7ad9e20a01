import type { z } from 'zod';
import { fieldErrors, zodIssues } from '../platform/http/form-errors.ts';
import { chinaDate, chinaDateTime } from '../applications/china-time.ts';
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../platform/errors/domain-errors.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { FairView } from './fairs.contract.ts';

export { type FormBody, field, fieldList } from '../platform/http/form-fields.ts';

/** Parses a form with the API's own schema; problems become a ValidationError the page can show. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The form is not valid', zodIssues(parsed.error, input));
  return parsed.data;
}

export interface PageProblem {
  status: number;
  message: string;
  fields: Record<string, string>;
}

const reasonOf = (error: DomainError) => (error.details as { reason?: string } | undefined)?.reason;

function t(locale: string, key: string, fallback: string): string {
  const text = translate(locale, key);
  return text === key ? translate(locale, fallback) : text;
}

/** A domain error as a fair page explains it; what a page cannot explain goes to the error page. */
export function pageProblem(locale: string, error: unknown): PageProblem {
  if (error instanceof ValidationError) {
    const fields = fieldErrors(locale, error.issues, { namespaces: ['fairs.validation'], labelPrefix: 'fairs.fields' });
    return { status: 422, message: translate(locale, 'fairs.fixErrors'), fields };
  }
  if (error instanceof ConflictError)
    return {
      status: 409,
      message: t(locale, `fairs.refusals.${reasonOf(error)}`, 'fairs.refusals.illegal'),
      fields: {},
    };
  if (error instanceof NotFoundError)
    return { status: 404, message: translate(locale, 'fairs.refusals.not_found'), fields: {} };
  if (error instanceof ForbiddenError) throw error;
  throw error;
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
