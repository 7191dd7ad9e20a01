import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, pageProblem, type ProblemTexts } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { auth } from '../platform/http/contract.ts';

export const officers = auth.roles('officer', 'admin');

export const TEXTS: ProblemTexts = {
  fixErrors: 'talent.fixErrors',
  validation: 'talent.validation',
  labelPrefix: 'talent.fields',
  refusals: 'talent.refusals',
  fallbackReason: 'illegal',
  explainNotFound: true,
  explainForbidden: true,
};

/** A refused form as the page shows it: which form, the banner, a message per field, what was typed. */
export interface FormProblem {
  form: string;
  message: string;
  fields: Record<string, string>;
  values: Record<string, string>;
}

export const choices = (locale: string, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(locale, `${prefix}.${value}`) }));

/** The form's fields as strings (the last of a repeated field), for echoing back and for zod. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as FormBody)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === 'string' && key !== '_csrf') values[key] = last;
  }
  return values;
}

/** The list's export format from the query (CSV unless XLSX is asked for). */
export const exportFormat = (query: unknown) => ((query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv');

/**
 * Runs a form's write: on success back to the page (303, `saved=<form>`); a refusal re-renders the
 * page with the form's problem and the status (400/403/404/409), never a 500.
 */
export async function submitForm(
  request: FastifyRequest,
  reply: FastifyReply,
  form: string,
  work: (values: Record<string, string>) => Promise<string>,
  render: (problem: FormProblem, status: number) => Promise<unknown>,
) {
  const values = formValues(request.body);
  try {
    const back = await work(values);
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}saved=${form}`, 303);
  } catch (error) {
    const problem = pageProblem(request.locale, error, TEXTS);
    return render({ form, message: problem.message, fields: problem.fields, values }, problem.status);
  }
}

export const savedOf = (query: unknown) => {
  const saved = (query as { saved?: string }).saved;
  return typeof saved === 'string' && /^[a-z-]{1,30}$/.test(saved) ? saved : null;
};
