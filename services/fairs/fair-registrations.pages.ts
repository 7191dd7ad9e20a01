import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { readPageQuery } from '../platform/http/page-query.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { displayFair, field, fieldList, type FormBody, pageProblem, parse } from './fairs.view-model.ts';
import { TARGET_GROUPS } from './fair-results.ts';
import { RegistrationQuerySchema } from './fairs.contract.ts';
import type { FairServices } from './fair-services.ts';
import { fairIdOf, OPTIONAL_GROUPS, saidGroups } from './fairs.view-model.ts';

const officer = auth.roles('officer', 'admin');

/** The officer's registration list: filters, export, registering a person and bulk check-in. */
export async function fairRegistrationPages(app: FastifyInstance, s: FairServices) {
  const common = (request: FastifyRequest) => ({ groups: TARGET_GROUPS, locale: request.locale });

  async function renderRegistrations(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const id = fairIdOf(request);
    const fair = await s.fairs.get(request.user!, id);
    const { query, shown, problems } = readPageQuery(RegistrationQuerySchema, request.query, request.locale, {
      labels: { q: 'fairs.fields.search', willAttend: 'fairs.fields.willAttend', checkedIn: 'fairs.fields.checkedIn' },
    });
    const list = await s.registrations.list(request.user!, id, query);
    return reply.page(
      'fairs/registrations',
      {
        title: translate(request.locale, 'fairs.registrations.title'),
        fair: displayFair(fair),
        items: list.items,
        total: list.total,
        query: shown,
        problems,
        canCheckIn: fair.status === 'ongoing',
        canRegister: fair.status === 'registration' || fair.status === 'ongoing',
        optionalGroups: OPTIONAL_GROUPS,
        ...common(request),
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/fairs/:id/registrations', officer),
    handler: (request, reply) =>
      renderRegistrations(request, reply, { done: (request.query as { done?: string }).done }),
  });

  app.route({
    ...page('GET', '/fairs/:id/registrations/export', officer),
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const list = await s.registrations.exportList(
        request.user!,
        id,
        parse(RegistrationQuerySchema, { pageSize: 500 }),
        format,
        request.id,
      );
      const l = (key: string) => translate(request.locale, key);
      return sendTable(reply, format, {
        fileName: `fair-registrations-${id.slice(0, 8)}`,
        columns: [
          { header: l('fairs.fields.name'), value: (r) => r.name },
          { header: l('fairs.fields.idNumber'), value: (r) => r.idNumberMasked, width: 22 },
          { header: l('fairs.fields.county'), value: (r) => r.countyCode },
          { header: l('fairs.fields.code'), value: (r) => r.code },
          {
            header: l('fairs.fields.groups'),
            value: (r) => r.targetGroups.map((g) => l(`fairs.groups.${g}`)).join('、'),
          },
          { header: l('fairs.fields.willAttend'), value: (r) => (r.willAttend ? l('fairs.yes') : l('fairs.no')) },
          { header: l('fairs.fields.checkedInAt'), value: (r) => r.checkedInAt },
        ],
        rows: list.items,
      });
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/registrations', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const body = request.body as FormBody;
      try {
        const person = await s.registrations.findPerson(request.user!, field(body, 'idNumber') ?? '');
        await s.registrations.register(request.user!, id, {
          labourerId: person.id,
          targetGroups: saidGroups(body),
          willAttend: field(body, 'willAttend') !== 'false',
        });
        return reply.redirect(`/fairs/${id}/registrations?done=registered`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderRegistrations(request, reply, { problem, idNumber: field(body, 'idNumber') }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/check-ins/bulk', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      try {
        const ids = fieldList(request.body as FormBody, 'registrationIds');
        if (!ids.length)
          throw new ValidationError('Pick someone', [
            { field: 'registrationIds', code: 'choose_one', message: 'pick at least one' },
          ]);
        const done = await s.registrations.bulkCheckIn(request.user!, id, ids);
        return reply.redirect(`/fairs/${id}/registrations?done=bulk&n=${done.checkedIn}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderRegistrations(request, reply, { problem }, problem.status);
      }
    },
  });
}
