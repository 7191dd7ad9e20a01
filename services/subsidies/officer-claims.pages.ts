import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm, type PageProblem } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ClaimEngine } from './claim-engine.ts';
import type { ClaimCheck } from './claim-rules.ts';
import { ClaimCreateSchema } from './claims.contract.ts';
import { CERTIFICATE_LEVELS } from './certificate-levels.ts';

const officers = auth.roles('officer', 'admin');
const TEXTS = {
  fixErrors: 'claims.fixErrors',
  validation: 'claims.onBehalf.validation',
  labelPrefix: 'claims.fields',
  refusals: 'claims.reasons',
  fallbackReason: 'not_eligible',
  explainNotFound: true,
};
const StepQuery = z.object({
  programme: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z][a-z0-9_]{2,40}$/)
      .optional(),
  ),
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 20) : ''), z.string()),
});

/** A missing programme or subject is chosen from a list, not typed: its message says "choose". */
const CHOSEN = ['programmeCode', 'labourerId', 'applicationId', 'fairId'];
const choosing = (error: unknown) =>
  error instanceof ValidationError
    ? new ValidationError(
        error.message,
        error.issues.map((i) => (CHOSEN.includes(i.field) && i.code === 'required' ? { ...i, code: 'choose' } : i)),
      )
    : error;

interface FormState {
  problem?: PageProblem;
  failedChecks?: ClaimCheck[];
  values?: Record<string, string | undefined>;
}

/** An officer claims on someone's behalf: a programme, then its subject picked from the region's records. */
export async function officerClaimPages(app: FastifyInstance, opts: { engine: ClaimEngine }) {
  const { programmes, claims, subjects } = opts.engine;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    step: { programme?: string | undefined; q: string },
    state: FormState = {},
  ) {
    const locale = request.locale;
    const all = await programmes.list(request.user!);
    const chosen = all.find((p) => p.code === step.programme);
    const choices = chosen ? await subjects.choices(request.user!, chosen.code, step.q) : null;
    const values = state.values ?? {};
    return reply.page(
      'subsidies/claim-new',
      {
        title: translate(locale, 'claims.onBehalf.title'),
        q: step.q,
        programmes: all.map((p) => ({
          code: p.code,
          name: locale === 'en' ? p.nameEn : p.name,
          selected: p.code === chosen?.code,
        })),
        chosen: chosen && {
          code: chosen.code,
          name: locale === 'en' ? chosen.nameEn : chosen.name,
          evidence: chosen.evidence.map((kind) => ({
            kind,
            label: translate(locale, `claims.evidenceKinds.${kind}`),
            value: values[`ev_${kind}`],
          })),
        },
        choices: choices && {
          ...choices,
          items: choices.items.map((c) => ({ ...c, checked: values[choices.field] === c.id })),
          label: translate(locale, `claims.fields.${choices.field}`),
        },
        values,
        levels: CERTIFICATE_LEVELS.map((value) => ({
          value,
          label: translate(locale, `claims.levels.${value}`),
          selected: values.level === value,
        })),
        problem: state.problem,
        failedChecks: (state.failedChecks ?? []).map((c) => ({
          ...c,
          text: translate(locale, `claims.checks.${c.rule}`),
        })),
      },
      state.problem?.status ?? 200,
    );
  }

  app.route({
    ...page('GET', '/subsidies/claims/new', officers, { personalData: true }),
    handler: (request, reply) => render(request, reply, StepQuery.parse(request.query ?? {})),
  });

  app.route({
    ...page('POST', '/subsidies/claims/new', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const step = StepQuery.parse({ programme: field(body, 'programmeCode'), q: field(body, 'q') });
      const names = ['labourerId', 'applicationId', 'fairId', 'month', 'reference', 'level'];
      const values = Object.fromEntries(
        [...names, ...Object.keys(body).filter((k) => k.startsWith('ev_'))].map((k) => [k, field(body, k)]),
      );
      try {
        if (!step.programme)
          throw new ValidationError('Choose a programme', [
            { field: 'programmeCode', code: 'choose', message: 'is required' },
          ]);
        const evidence = Object.fromEntries(
          Object.entries(values)
            .filter(([k, v]) => k.startsWith('ev_') && v)
            .map(([k, v]) => [k.slice(3), v!]),
        );
        const input = parseForm(ClaimCreateSchema, {
          programmeCode: step.programme,
          ...Object.fromEntries(names.map((k) => [k, values[k]])),
          evidence,
          submit: field(body, 'intent') !== 'draft',
        });
        const claim = await claims.create(request.user!, input, request.id);
        return reply.redirect(`/subsidies/claims/${claim.id}?moved=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError && !step.programme) throw error;
        const problem = pageProblem(request.locale, choosing(error), TEXTS);
        const details = error instanceof ConflictError ? (error.details as { checks?: ClaimCheck[] }) : undefined;
        return render(request, reply, step, { problem, failedChecks: details?.checks ?? [], values });
      }
    },
  });
}
