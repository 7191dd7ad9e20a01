import type { z } from 'zod';
import { ValidationError } from '../errors/domain-errors.ts';
import type { FieldIssue } from '../errors/domain-errors.ts';
import { fieldErrors, type FieldErrorOptions } from './form-errors.ts';
import { zodIssues } from '../validation/field-issues.ts';

export interface PageQuery<T> {
  /** What the page lists with: every filter that is right (a wrong one is left out). */
  query: T;
  /** What the filter form shows: the filters in use and, for a wrong one, the text as typed. */
  shown: Record<string, unknown>;
  /** Field → what is wrong with it, in the reader's language. */
  errors: Record<string, string>;
  /** The same messages as a list, for the notice above the results. */
  problems: string[];
}

/**
 * Reads a page's filters with the route's own query schema. A wrong filter does not throw the
 * others away: it is left out of the search, named with its reason, and kept in the form as typed.
 * Only a problem no single filter explains (a required parameter) is refused.
 */
export function readPageQuery<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  locale: string,
  options: FieldErrorOptions = {},
): PageQuery<T> {
  const typed = { ...(raw as Record<string, unknown>) };
  const input = { ...typed };
  const issues: FieldIssue[] = [];
  for (;;) {
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      const errors = fieldErrors(locale, issues, options);
      const kept = Object.keys(errors).map((field) => [field, typed[field]]);
      return {
        query: parsed.data,
        shown: { ...(parsed.data as object), ...Object.fromEntries(kept) },
        errors,
        problems: Object.values(errors),
      };
    }
    const found = zodIssues(parsed.error, input);
    const wrong = found.filter((issue) => {
      const field = issue.field.split('.')[0] ?? '';
      return field !== '' && input[field] !== undefined;
    });
    if (wrong.length === 0) throw new ValidationError('The query is not valid', [...issues, ...found]);
    for (const issue of wrong) delete input[issue.field.split('.')[0]!];
    issues.push(...wrong);
  }
}
