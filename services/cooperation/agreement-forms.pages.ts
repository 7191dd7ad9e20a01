import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formToInput } from '../labourers/index.ts';
import { LabourerCreateSchema } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { AgreementsService } from './agreements.service.ts';
import {
  bodyOf,
  field,
  formProblem,
  type FormBody,
  type FormProblem,
  idOf,
  numberField,
  officers,
  parseForm,
} from './cooperation.view-model.ts';
import type { CooperationRepository } from './cooperation.repository.ts';
import { AgreementInputSchema } from './cooperation-schemas.contract.ts';

/** Cities and counties for the forms: the officer's own (home side) and other provinces' (partner side). */
export async function regionChoices(
  repo: CooperationRepository,
  reference: () => Promise<ReferenceNames>,
  request: FastifyRequest,
) {
  const scope = scopePrefix(request.user!);
  const ref = await reference();
  const all = (await repo.regionChoices()).map((r) => ({
    code: r.code,
    label: `${ref.regionName(r.code)}（${r.code}）`,
  }));
  return {
    home: all.filter((r) => r.code.startsWith(scope)),
    partner: all.filter((r) => !scope || !r.code.startsWith(scope.slice(0, 2))),
  };
}

function agreementForm(body: FormBody) {
  return {
    homeRegionCode: field(body, 'homeRegionCode') ?? '',
    partnerRegionCode: field(body, 'partnerRegionCode') ?? '',
    year: numberField(body, 'year'),
    title: field(body, 'title') ?? '',
    homeContactName: field(body, 'homeContactName') ?? '',
    homeContactPhone: field(body, 'homeContactPhone') ?? '',
    partnerContactName: field(body, 'partnerContactName') ?? '',
    partnerContactPhone: field(body, 'partnerContactPhone') ?? '',
    targetFairs: numberField(body, 'targetFairs') ?? 0,
    targetTransfers: numberField(body, 'targetTransfers') ?? 0,
    targetHouseholdPlacements: numberField(body, 'targetHouseholdPlacements') ?? 0,
    targetTrainings: numberField(body, 'targetTrainings') ?? 0,
    note: field(body, 'note'),
  };
}

const PARTNER_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'regionCode',
  'educationLevel',
  'wantsJob',
  'mobility',
  'desiredOccupations',
  'expectedWage',
  'needsAccommodation',
  'consentContact',
  'consentShowEmployer',
] as const;

interface AgreementFormDeps {
  agreements: AgreementsService;
  repo: CooperationRepository;
  reference: () => Promise<ReferenceNames>;
}

/** The agreement form (new and edit) and the partner-area labourer registration form. */
export async function agreementFormPages(app: FastifyInstance, opts: AgreementFormDeps) {
  await agreementEditPages(app, opts);
  await partnerLabourerPages(app, opts);
}

/** Making and editing an agreement. */
async function agreementEditPages(app: FastifyInstance, opts: AgreementFormDeps) {
  const { agreements, repo, reference } = opts;

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { form: Record<string, unknown>; action: string; editing: boolean; problem?: FormProblem },
  ) {
    const regions = await regionChoices(repo, reference, request);
    return reply.page(
      'cooperation/agreement-form',
      {
        title: translate(request.locale, data.editing ? 'cooperation.editTitle' : 'cooperation.newTitle'),
        regions,
        ...data,
        errors: data.problem?.fields,
      },
      data.problem?.status ?? 200,
    );
  }

  app.route({
    ...page('GET', '/cooperation/agreements/new', officers),
    handler: (request, reply) =>
      renderForm(request, reply, {
        form: {
          year: new Date().getUTCFullYear(),
          targetFairs: 0,
          targetTransfers: 0,
          targetHouseholdPlacements: 0,
          targetTrainings: 0,
        },
        action: '/cooperation/agreements',
        editing: false,
      }),
  });

  app.route({
    ...page('POST', '/cooperation/agreements', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const form = agreementForm(bodyOf(request));
      try {
        const created = await agreements.create(request.user!, parseForm(AgreementInputSchema, form));
        return reply.redirect(`/cooperation/agreements/${created.id}?done=created`, 303);
      } catch (error) {
        const problem = formProblem(request.locale, error);
        return renderForm(request, reply, { form, action: '/cooperation/agreements', editing: false, problem });
      }
    },
  });

  app.route({
    ...page('GET', '/cooperation/agreements/:id/edit', officers),
    handler: async (request, reply) => {
      const id = idOf(request);
      const form = await agreements.get(request.user!, id);
      return renderForm(request, reply, { form, action: `/cooperation/agreements/${id}`, editing: true });
    },
  });

  app.route({
    ...page('POST', '/cooperation/agreements/:id', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const form = agreementForm(bodyOf(request));
      try {
        await agreements.update(request.user!, id, parseForm(AgreementInputSchema, form));
        return reply.redirect(`/cooperation/agreements/${id}?done=updated`, 303);
      } catch (error) {
        const problem = formProblem(request.locale, error);
        return renderForm(request, reply, { form, action: `/cooperation/agreements/${id}`, editing: true, problem });
      }
    },
  });
}

/** Registering a labourer of the partner area under an agreement. */
async function partnerLabourerPages(app: FastifyInstance, opts: AgreementFormDeps) {
  const { agreements, repo, reference } = opts;

  app.route({
    ...page('GET', '/cooperation/agreements/:id/labourers/new', officers),
    handler: async (request, reply) => {
      const id = idOf(request);
      const agreement = await agreements.get(request.user!, id);
      return renderLabourerForm(request, reply, agreement, {
        mobility: 'partner_region',
        wantsJob: true,
        consentContact: true,
        consentShowEmployer: true,
      });
    },
  });

  async function renderLabourerForm(
    request: FastifyRequest,
    reply: FastifyReply,
    agreement: Awaited<ReturnType<AgreementsService['get']>>,
    form: Record<string, unknown>,
    problem?: FormProblem,
  ) {
    const regions = await regionChoices(repo, reference, request);
    const ref = await reference();
    const occupations = (await repo.occupationsIn('C05')).map((o) => ({
      code: o.code,
      label: ref.occupation(o.code)?.name ?? o.code,
    }));
    const more = ['C02-001', 'C03-001', 'C06-001', 'C07-001', 'C08-001']
      .filter((code) => ref.hasOccupation(code))
      .map((code) => ({ code, label: ref.occupation(code)!.name }));
    return reply.page(
      'cooperation/labourer-form',
      {
        title: translate(request.locale, 'cooperation.labourers.newTitle'),
        agreement,
        // Where a person lives is a county: the partner city itself is not a place to live.
        areas: regions.partner.filter((r) => r.code.startsWith(agreement.partnerRegionCode) && r.code.length >= 6),
        occupations: [...occupations, ...more],
        form,
        errors: problem?.fields,
        problem,
      },
      problem?.status ?? 200,
    );
  }

  app.route({
    ...page('POST', '/cooperation/agreements/:id/labourers', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const input = formToInput(body, PARTNER_FIELDS);
      try {
        await agreements.registerPartnerLabourer(request.user!, id, parseForm(LabourerCreateSchema, input));
        return reply.redirect(`/cooperation/agreements/${id}?done=labourer#labourers`, 303);
      } catch (error) {
        const problem = formProblem(request.locale, error);
        const agreement = await agreements.get(request.user!, id);
        return renderLabourerForm(request, reply, agreement, input, problem);
      }
    },
  });
}
