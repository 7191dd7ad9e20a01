import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError } from '../platform/errors/domain-errors.ts';
import { auth, type AuthRule, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm, type PageProblem } from '../platform/http/page-forms.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { claimsTable } from './claims.export.ts';
import type { ClaimCheck } from './claim-rules.ts';
import { claimView } from './claims.view-model.ts';
import {
  EmployerClaimFormSchema,
  PersonClaimFormSchema,
  type SelfClaimCreate,
  type SelfOptions,
} from './self-claims.contract.ts';
import type { SelfClaimsService } from './self-claims.service.ts';

const TEXTS = {
  fixErrors: 'claims.fixErrors',
  validation: 'claims.self.validation',
  labelPrefix: 'claims.fields',
  refusals: 'claims.reasons',
  fallbackReason: 'not_eligible',
  explainNotFound: true,
  explainForbidden: true,
};
const idParam = z.object({ id: z.uuid() });

/** The two doors to one's own claims: an employer's under its portal, a person's under "我的". */
interface Door {
  base: string;
  rule: AuthRule;
  schema: z.ZodType<SelfClaimCreate>;
}
const DOORS: Door[] = [
  { base: '/employer/subsidies', rule: auth.roles('employer'), schema: EmployerClaimFormSchema },
  { base: '/my-subsidies', rule: auth.roles('labourer'), schema: PersonClaimFormSchema },
];

/** Which of the employer's hires a claim is for, in words (the person masked). */
const hireText = (hires: SelfOptions['hires'], claim: { applicationId: string | null }) => {
  const hire = hires.find((h) => h.applicationId === claim.applicationId);
  return hire ? `${hire.personName} · ${hire.title}` : null;
};

interface FormState {
  problem?: PageProblem;
  failedChecks?: ClaimCheck[];
  values?: Record<string, string | undefined>;
}

/** The claim form's choices in the reader's words, with what was sent selected again. */
function formView(locale: string, options: SelfOptions, values: Record<string, string | undefined> = {}) {
  const t = (key: string) => translate(locale, key);
  const kinds = [...new Set(options.programmes.flatMap((p) => p.evidence))];
  return {
    programmes: options.programmes.map((p) => ({
      ...p,
      title: locale === 'en' ? p.nameEn : p.name,
      selected: values.programmeCode === p.code,
    })),
    hires: options.hires.map((h) => ({
      ...h,
      selected: values.applicationId === h.applicationId,
      claimedText: h.claimed.length
        ? h.claimed
            .map((c) => options.programmes.find((p) => p.code === c))
            .map((p) => (p ? (locale === 'en' ? p.nameEn : p.name) : ''))
            .join('、')
        : '',
    })),
    evidence: kinds.map((kind) => ({ kind, label: t(`claims.evidenceKinds.${kind}`), value: values[`ev_${kind}`] })),
  };
}

/** The form's fields as the API's input: evidence given only where written in. */
function formInput(body: FormBody, kinds: string[]) {
  const evidence = Object.fromEntries(
    kinds.map((k) => [k, field(body, `ev_${k}`)]).filter((pair): pair is [string, string] => !!pair[1]),
  );
  return {
    programmeCode: field(body, 'programmeCode'),
    applicationId: field(body, 'applicationId'),
    evidence,
    submit: field(body, 'intent') === 'submit',
  };
}

/** The claimant's list of their own claims and its download. */
async function listPages(app: FastifyInstance, selfClaims: SelfClaimsService, { base, rule }: Door) {
  app.route({
    ...page('GET', base, rule),
    handler: async (request, reply) => {
      const query = z
        .object({ page: z.coerce.number().int().min(1).catch(1), done: z.string().optional() })
        .parse(request.query ?? {});
      const list = await selfClaims.list(request.user!, query.page, 20);
      const hires = (await selfClaims.options(request.user!)).hires;
      return reply.page('subsidies/mine', {
        title: translate(request.locale, 'claims.self.title'),
        base,
        items: list.items.map((c) => ({ ...claimView(request.locale, c), subject: hireText(hires, c) })),
        total: list.total,
        withdrawn: query.done === 'withdrawn',
        next: list.page * list.pageSize < list.total ? `${base}?page=${list.page + 1}` : null,
      });
    },
  });

  app.route({
    ...page('GET', `${base}/export`, rule),
    handler: async (request, reply) => {
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      return sendTable(reply, format, claimsTable(request.locale, selfClaims.all(request.user!)));
    },
  });
}

async function doorPages(app: FastifyInstance, selfClaims: SelfClaimsService, door: Door) {
  const { base, rule } = door;

  async function renderForm(request: FastifyRequest, reply: FastifyReply, state: FormState = {}) {
    const options = await selfClaims.options(request.user!);
    return reply.page(
      'subsidies/mine-new',
      {
        title: translate(request.locale, 'claims.self.newTitle'),
        base,
        linked: options.linked,
        employer: options.claimant === 'employer',
        business: options.business,
        graduationYear: options.graduationYear,
        ...formView(request.locale, options, state.values),
        problem: state.problem,
        failedChecks: (state.failedChecks ?? []).map((c) => ({
          ...c,
          text: translate(request.locale, `claims.checks.${c.rule}`),
        })),
      },
      state.problem?.status ?? 200,
    );
  }

  async function renderClaim(request: FastifyRequest, reply: FastifyReply, id: string, problem?: PageProblem) {
    const claim = await selfClaims.get(request.user!, id);
    const hires = claim.applicationId ? (await selfClaims.options(request.user!)).hires : [];
    const flash = (request.query as { done?: string }).done;
    return reply.page(
      'subsidies/mine-claim',
      {
        title: translate(request.locale, 'claims.self.detailTitle'),
        base,
        claim: claimView(request.locale, claim),
        subject: hireText(hires, claim),
        draft: claim.status === 'draft',
        evidence: Object.entries(claim.evidence).map(([kind, value]) => ({
          label: translate(request.locale, `claims.evidenceKinds.${kind}`),
          value: String(value),
        })),
        done: flash === 'saved' || flash === 'submitted' ? translate(request.locale, `claims.self.${flash}`) : null,
        problem,
      },
      problem?.status ?? 200,
    );
  }

  app.route({ ...page('GET', `${base}/new`, rule), handler: (request, reply) => renderForm(request, reply) });

  app.route({
    ...page('POST', base, rule),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const options = await selfClaims.options(request.user!);
      const input = formInput(body, [...new Set(options.programmes.flatMap((p) => p.evidence))]);
      const values = {
        programmeCode: input.programmeCode,
        applicationId: input.applicationId,
        ...Object.fromEntries(Object.entries(input.evidence).map(([k, v]) => [`ev_${k}`, v])),
      };
      try {
        const claim = await selfClaims.create(request.user!, parseForm(door.schema, input), request.id);
        return reply.redirect(`${base}/${claim.id}?done=${input.submit ? 'submitted' : 'saved'}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const details = error instanceof ConflictError ? (error.details as { checks?: ClaimCheck[] }) : undefined;
        return renderForm(request, reply, { problem, failedChecks: details?.checks ?? [], values });
      }
    },
  });

  app.route({
    ...page('GET', `${base}/:id`, rule),
    handler: (request, reply) => renderClaim(request, reply, idParam.parse(request.params).id),
  });

  for (const step of ['submit', 'withdraw'] as const)
    app.route({
      ...page('POST', `${base}/:id/${step}`, rule),
      preValidation: app.csrfProtection,
      handler: async (request, reply) => {
        const { id } = idParam.parse(request.params);
        try {
          if (step === 'withdraw') {
            await selfClaims.withdraw(request.user!, id, request.id);
            return reply.redirect(`${base}?done=withdrawn`, 303);
          }
          await selfClaims.submit(request.user!, id, request.id);
          return reply.redirect(`${base}/${id}?done=submitted`, 303);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          return renderClaim(request, reply, id, pageProblem(request.locale, error, TEXTS));
        }
      },
    });
}

/** The claimant's own pages: the list of their claims, the claim form, a claim's checks and steps. */
export async function selfClaimsPages(app: FastifyInstance, opts: { selfClaims: SelfClaimsService }) {
  for (const door of DOORS) {
    await listPages(app, opts.selfClaims, door);
    await doorPages(app, opts.selfClaims, door);
  }
}
