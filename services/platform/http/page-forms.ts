import type { z } from 'zod';
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../errors/domain-errors.ts';
import { translate } from '../i18n/i18n.ts';
import { fieldErrors, zodIssues } from './form-errors.ts';

export { type FormBody, field, fieldList } from './form-fields.ts';

/** Parses a form with the API's own schema; problems become a ValidationError the page can show. */
export function parseForm<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The form is not valid', zodIssues(parsed.error, input));
  return parsed.data;
}

/** A refused form as a page shows it: status, a banner, and a message per field. */
export interface PageProblem {
  status: number;
  message: string;
  fields: Record<string, string>;
}

/** Where a module keeps the words its pages explain problems with (locale keys). */
export interface ProblemTexts {
  /** Banner over a form with field errors, e.g. `fairs.fixErrors`. */
  fixErrors: string;
  /** Prefix of the module's own validation codes, e.g. `fairs.validation`. */
  validation?: string;
  /** The form's own label catalogue (e.g. `fairs.fields`), tried before the site-wide one. */
  labelPrefix?: string;
  /** Prefix of refusals by reason, e.g. `fairs.refusals` (`<prefix>.<reason>`). */
  refusals: string;
  /** The reason whose text stands in for one the module has no words for. */
  fallbackReason: string;
  /** A missing record explained on the page (`<refusals>.not_found`) rather than the 404 page. */
  explainNotFound?: boolean;
  /** A refusal with a reason explained on the page (403) rather than the error page. */
  explainForbidden?: boolean;
}

/** Site-wide words for a page whose module has none of its own (`common.json` → `problems`). */
export const GENERIC_PROBLEMS: ProblemTexts = {
  fixErrors: 'problems.fixErrors',
  refusals: 'problems.refusals',
  fallbackReason: 'illegal',
  explainNotFound: true,
  explainForbidden: true,
};

const reasonOf = (error: DomainError) => (error.details as { reason?: string } | undefined)?.reason;

function refusal(locale: string, texts: ProblemTexts, reason: string | undefined): string {
  const key = `${texts.refusals}.${reason ?? texts.fallbackReason}`;
  const message = translate(locale, key);
  return message === key ? translate(locale, `${texts.refusals}.${texts.fallbackReason}`) : message;
}

/**
 * A domain error as a page explains it: the reason in the reader's language and, for a form, a
 * message per field. Errors a page cannot explain better than the error page are rethrown.
 */
export function pageProblem(locale: string, error: unknown, texts: ProblemTexts = GENERIC_PROBLEMS): PageProblem {
  if (error instanceof ValidationError) {
    const fields = fieldErrors(locale, error.issues, {
      ...(texts.validation ? { namespaces: [texts.validation] } : {}),
      ...(texts.labelPrefix ? { labelPrefix: texts.labelPrefix } : {}),
    });
    return { status: 422, message: translate(locale, texts.fixErrors), fields };
  }
  if (error instanceof ConflictError) {
    return { status: 409, message: refusal(locale, texts, reasonOf(error)), fields: {} };
  }
  if (texts.explainForbidden && error instanceof ForbiddenError && reasonOf(error)) {
    return { status: 403, message: refusal(locale, texts, reasonOf(error)), fields: {} };
  }
  if (texts.explainNotFound && error instanceof NotFoundError) {
    return { status: 404, message: refusal(locale, texts, 'not_found'), fields: {} };
  }
  throw error;
}
