import type { FieldIssue } from '../errors/domain-errors.ts';
import { translate } from '../i18n/i18n.ts';

export { zodIssues } from '../validation/field-issues.ts';

export interface FieldErrorOptions {
  /** Field → locale key of its label, where the site-wide `fields.<name>` does not fit the form. */
  labels?: Record<string, string>;
  /** A form's own label catalogue (e.g. `labourers.fields`), tried before the site-wide one. */
  labelPrefix?: string;
  /** Locale prefixes (e.g. `fairs.validation`) whose codes a module explains itself, tried first. */
  namespaces?: readonly string[];
}

function lookup(locale: string, key: string, params: Record<string, unknown>): string | undefined {
  const text = translate(locale, key, params);
  return text === key ? undefined : text;
}

/** The reader's words for a field: its label from the form's labels or the site-wide catalogue. */
export function fieldLabel(
  locale: string,
  field: string,
  { labels = {}, labelPrefix }: Pick<FieldErrorOptions, 'labels' | 'labelPrefix'> = {},
): string | undefined {
  const keys = [labels[field], labelPrefix && `${labelPrefix}.${field}`, `fields.${field}`];
  for (const key of keys) {
    const label = key ? lookup(locale, key, {}) : undefined;
    if (label) return label;
  }
  return undefined;
}

/** One issue in the reader's language, naming the field when its label is known. */
export function issueMessage(locale: string, issue: FieldIssue, options: FieldErrorOptions = {}): string {
  const field = issue.field.split('.')[0] ?? issue.field;
  const code = issue.code ?? 'invalid';
  const label = fieldLabel(locale, field, options);
  const params = { ...issue.params, label: label ?? '' };
  for (const prefix of options.namespaces ?? []) {
    const own = lookup(locale, `${prefix}.${code}`, params);
    if (own) return own;
  }
  return (
    (label ? lookup(locale, `validationField.${code}`, params) : undefined) ??
    lookup(locale, `validation.${code}`, params) ??
    (label ? lookup(locale, 'validationField.invalid', params) : undefined) ??
    translate(locale, 'validation.invalid')
  );
}

/** Field → message in the reader's language, for re-rendering a form (the first problem per field). */
export function fieldErrors(
  locale: string,
  issues: readonly FieldIssue[],
  options: FieldErrorOptions = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.field.split('.')[0] ?? issue.field;
    errors[field] ??= issueMessage(locale, issue, options);
  }
  return errors;
}
