import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { TrainingService } from '../training/index.ts';
import type { AgreementsService } from './agreements.service.ts';
import { progressTable, transfersTable } from './cooperation.export.ts';
import {
  bodyOf,
  chartData,
  exportFormat,
  field,
  fields,
  formProblem,
  type FormProblem,
  numberField,
  idOf,
  officers,
  parseForm,
  progressRows,
} from './cooperation.view-model.ts';
import type { CooperationRepository } from './cooperation.repository.ts';
import { BatchInputSchema, StationInputSchema } from './cooperation-schemas.contract.ts';
import { agreementFormPages, regionChoices } from './agreement-forms.pages.ts';
import { householdPages } from './household.pages.ts';
import type { HouseholdService } from './household.service.ts';
import type { PhoneReveal } from './phone-reveal.ts';
import { transfersPages } from './transfers.pages.ts';
import type { TransfersService } from './transfers.service.ts';

export interface CooperationPagesOptions {
  agreements: AgreementsService;
  transfers: TransfersService;
  household: HouseholdService;
  training: TrainingService;
  repo: CooperationRepository;
  reference: () => Promise<ReferenceNames>;
  phones: PhoneReveal;
}

/** The agreement page: progress, stations, partner labourers, batches, referrals, trainings and forms. */
async function renderAgreement(
  opts: CooperationPagesOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  extra: { problems?: Record<string, FormProblem>; forms?: Record<string, unknown>; done?: string } = {},
) {
  const { agreements, transfers, household, training, repo, reference } = opts;
  const user = request.user!;
  const agreement = await agreements.get(user, id);
  const [progress, stations, people, batches, referrals, trainings] = await Promise.all([
    agreements.progress(user, id),
    agreements.stations(user, id),
    agreements.partnerLabourers(user, id, { page: 1, pageSize: 200 }),
    transfers.list(user, id),
    household.referrals(user, id),
    training.ofAgreement(id),
  ]);
  const regions = await regionChoices(repo, reference, request);
  const ref = await reference();
  const chosen = (extra.forms?.batch as { employerIds?: string[] } | undefined)?.employerIds ?? [];
  const employers = (
    await repo.homeEmployers(agreement.homeRegionCode, ['household_service', 'company', 'labour_agency'])
  ).map((e) => ({
    ...e,
    regionName: ref.regionName(e.regionCode),
    checked: chosen.includes(e.id),
  }));
  const status = Object.values(extra.problems ?? {})[0]?.status ?? 200;
  const names = new Map(people.items.map((p) => [p.id, p.name]));
  return reply.page(
    'cooperation/agreement',
    {
      title: agreement.title,
      agreement,
      rows: progressRows(request.locale, progress),
      chart: chartData(request.locale, [{ title: agreement.title, progress }]),
      stations,
      people: people.items,
      peopleTotal: people.total,
      batches: batches.map((b) => ({
        ...b,
        arrived: b.members.filter((m) => m.arrivedAt).length,
      })),
      referrals,
      employers,
      trainings: trainings.map((t) => ({ ...t, name: names.get(t.labourerId) ?? '' })),
      partnerAreas: regions.partner.filter((r) => r.code.startsWith(agreement.partnerRegionCode)),
      homeAreas: regions.home.filter((r) => r.code.startsWith(agreement.homeRegionCode)),
      today: new Date().toISOString().slice(0, 10),
      problems: extra.problems ?? {},
      forms: extra.forms ?? {},
      done: extra.done,
    },
    status,
  );
}

/** Agreements: the list with progress, the agreement page, its forms and downloads. */
export async function cooperationPages(app: FastifyInstance, opts: CooperationPagesOptions) {
  const { agreements, transfers, household, training, repo, reference } = opts;
  await agreementListPages(app, opts);
  await agreementPages(app, opts);
  await app.register(agreementFormPages, { agreements, repo, reference });
  await app.register(transfersPages, { transfers, phones: opts.phones });
  await app.register(householdPages, { agreements, household, training, phones: opts.phones });
}

/** The list of agreements with their progress, and its download. */
async function agreementListPages(app: FastifyInstance, opts: CooperationPagesOptions) {
  const { agreements, transfers } = opts;

  app.route({
    ...page('GET', '/cooperation', officers),
    handler: async (request, reply) => {
      const year = z.coerce
        .number()
        .int()
        .min(2016)
        .max(2100)
        .optional()
        .safeParse((request.query as { year?: string }).year);
      const items = await agreements.list(request.user!, { year: year.success ? year.data : undefined });
      const due = await transfers.dueFollowUps(request.user!);
      return reply.page('cooperation/index', {
        title: translate(request.locale, 'cooperation.title'),
        agreements: items.map((a) => ({ ...a, rows: progressRows(request.locale, a.progress) })),
        chart: chartData(request.locale, items),
        year: year.success ? year.data : undefined,
        dueCount: due.length,
      });
    },
  });

  app.route({
    ...page('GET', '/cooperation/export', officers),
    handler: async (request, reply) => {
      const items = await agreements.list(request.user!, {});
      return sendTable(reply, exportFormat(request.query), progressTable(request.locale, items));
    },
  });
}

/** One agreement: its page, the station and batch forms on it, its downloads. */
async function agreementPages(app: FastifyInstance, opts: CooperationPagesOptions) {
  const { agreements, transfers, repo } = opts;

  app.route({
    ...page('GET', '/cooperation/agreements/:id', officers),
    handler: (request, reply) => {
      const done = (request.query as { done?: string }).done;
      return renderAgreement(opts, request, reply, idOf(request), {
        done: done && /^[a-z_]+$/.test(done) ? done : undefined,
      });
    },
  });

  app.route({
    ...page('POST', '/cooperation/agreements/:id/stations', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const form = {
        regionCode: field(body, 'regionCode') ?? '',
        name: field(body, 'name') ?? '',
        address: field(body, 'address'),
        contactName: field(body, 'contactName') ?? '',
        contactPhone: field(body, 'contactPhone') ?? '',
      };
      try {
        await agreements.addStation(request.user!, id, parseForm(StationInputSchema, form));
        return reply.redirect(`/cooperation/agreements/${id}?done=station#stations`, 303);
      } catch (error) {
        const station = formProblem(request.locale, error);
        return renderAgreement(opts, request, reply, id, { problems: { station }, forms: { station: form } });
      }
    },
  });

  app.route({
    ...page('POST', '/cooperation/agreements/:id/batches', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const form = {
        departureDate: field(body, 'departureDate') ?? '',
        fromRegionCode: field(body, 'fromRegionCode') ?? '',
        toRegionCode: field(body, 'toRegionCode') ?? '',
        employerIds: fields(body, 'employerIds'),
        escortName: field(body, 'escortName'),
        escortPhone: field(body, 'escortPhone'),
        transport: field(body, 'transport'),
        travelSubsidyPerHead: numberField(body, 'travelSubsidyPerHead') ?? 0,
        note: field(body, 'note'),
      };
      try {
        const batch = await transfers.create(request.user!, id, parseForm(BatchInputSchema, form));
        return reply.redirect(`/cooperation/batches/${batch.id}?done=created`, 303);
      } catch (error) {
        const batch = formProblem(request.locale, error);
        return renderAgreement(opts, request, reply, id, { problems: { batch }, forms: { batch: form } });
      }
    },
  });

  app.route({
    ...page('GET', '/cooperation/agreements/:id/export', officers),
    handler: async (request, reply) => {
      const id = idOf(request);
      const user = request.user!;
      const format = exportFormat(request.query);
      if ((request.query as { table?: string }).table === 'transfers') {
        const batches = await transfers.list(user, id);
        await repo.audit({
          actor: user,
          action: 'cooperation.transfers.export',
          entity: 'cooperation_agreement',
          entityId: id,
          requestId: request.id,
          details: { format, people: batches.reduce((n, b) => n + b.members.length, 0) },
        });
        return sendTable(reply, format, transfersTable(request.locale, batches));
      }
      const agreement = await agreements.get(user, id);
      const progress = await agreements.progress(user, id);
      return sendTable(reply, format, progressTable(request.locale, [{ ...agreement, progress }]));
    },
  });
}
