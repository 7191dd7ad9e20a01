import { pageProblem as explain, type PageProblem, type ProblemTexts } from '../platform/http/page-forms.ts';
import { chinaDate, chinaDateTime } from '../platform/time/china-time.ts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../platform/errors/domain-errors.ts';
import { fieldList, type FormBody } from '../platform/http/page-forms.ts';
import { type FairView, TargetGroupSchema } from './fairs.contract.ts';

export { type FormBody, field, fieldList, type PageProblem, parseForm as parse } from '../platform/http/page-forms.ts';

const TEXTS: ProblemTexts = {
  fixErrors: 'fairs.fixErrors',
  validation: 'fairs.validation',
  labelPrefix: 'fairs.fields',
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

const uuid = z.uuid();
export const OPTIONAL_GROUPS = ['poor_family_graduate', 'returning_migrant'] as const;

/** The fair id of a page URL; anything else is a page that does not exist. */
export function fairIdOf(request: FastifyRequest, name = 'id'): string {
  const parsed = uuid.safeParse((request.params as Record<string, string>)[name]);
  if (!parsed.success) throw new NotFoundError('No such fair');
  return parsed.data;
}

export function saidGroups(body: FormBody) {
  return fieldList(body, 'targetGroups').filter((g) => TargetGroupSchema.safeParse(g).success) as Array<
    z.infer<typeof TargetGroupSchema>
  >;
}
