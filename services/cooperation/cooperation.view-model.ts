import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auth } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { type FormBody, field, type PageProblem, pageProblem, type ProblemTexts } from '../platform/http/page-forms.ts';
import type { Progress } from './progress.ts';

export const officers = auth.roles('officer', 'admin');
const uuid = z.uuid();
export const idOf = (request: FastifyRequest, name = 'id') =>
  uuid.parse((request.params as Record<string, string>)[name]);

export const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as FormBody;

export { field, fieldList as fields, type FormBody, parseForm } from '../platform/http/page-forms.ts';

/** A number field: a number when it reads as one, else the text (so zod names the problem). */
export function numberField(body: FormBody, name: string): number | string | undefined {
  const value = field(body, name);
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

export type FormProblem = PageProblem;

const TEXTS: ProblemTexts = {
  fixErrors: 'cooperation.fixErrors',
  validation: 'cooperation.validation',
  refusals: 'cooperation.conflicts',
  fallbackReason: 'conflict',
};

/** A refused form as the page explains it (422 with a message per field, 409 for a conflict). */
export function formProblem(locale: string, error: unknown): FormProblem {
  return pageProblem(locale, error, TEXTS);
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));

/** Progress as rows of a table (and the chart's data): label, actual, target, percent. */
export function progressRows(locale: string, progress: Progress) {
  const t = (key: string) => translate(locale, `cooperation.progress.${key}`);
  const measures = (['fairs', 'transfers', 'householdPlacements', 'trainings'] as const).map((key) => ({
    key,
    label: t(key),
    actual: progress[key].actual,
    target: progress[key].target,
    percent: percent(progress[key].share),
    meter: Math.min(100, percent(progress[key].share) ?? 0),
  }));
  const retention = progress.retention.map((r) => ({
    ...r,
    label: t(`month${r.month}`),
    percent: percent(r.share),
    meter: percent(r.share) ?? 0,
  }));
  return { measures, retention };
}

/** Chart data for cooperation-progress.js: one JSON block, read by the external script (CSP). */
export function chartData(locale: string, agreements: Array<{ title: string; progress: Progress }>) {
  const t = (key: string) => translate(locale, `cooperation.progress.${key}`);
  return JSON.stringify({
    labels: {
      actual: t('actual'),
      target: t('target'),
      inWork: t('inWork'),
      returnedHome: t('returnedHome'),
      unrecorded: t('unrecorded'),
      measures: ['fairs', 'transfers', 'householdPlacements', 'trainings'].map(t),
      months: [t('month3'), t('month6')],
    },
    agreements: agreements.map((a) => ({
      title: a.title,
      actual: [a.progress.fairs, a.progress.transfers, a.progress.householdPlacements, a.progress.trainings].map(
        (m) => m.actual,
      ),
      target: [a.progress.fairs, a.progress.transfers, a.progress.householdPlacements, a.progress.trainings].map(
        (m) => m.target,
      ),
      retention: a.progress.retention.map((r) => ({
        inWork: r.inWork,
        returnedHome: r.returnedHome,
        unrecorded: r.unrecorded,
      })),
    })),
  }).replace(/</g, '\\u003c');
}

export const exportFormat = (query: unknown) => ((query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv');
