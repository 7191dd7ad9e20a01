import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { UPLOAD_LIMIT_BYTES } from '../imports/index.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { sendTable } from '../platform/export/tabular.ts';
import type { GraduateImport } from './graduate-import.service.ts';
import type { GraduateSubsidy } from './graduate-subsidy.ts';
import {
  assignRoute,
  contactRoute,
  CSV_TYPES,
  endRoute,
  exportRoute,
  figuresRoute,
  getRoute,
  importRoute,
  listRoute,
  matchmakersRoute,
  minePairingsRoute,
  pairAllRoute,
  pairingGetRoute,
  pairingJobsRoute,
  pairingRoute,
  referralRoute,
  registerRoute,
  statusRoute,
  subsidyRoute,
  XLSX_TYPES,
} from './graduates-routes.contract.ts';
import { graduatesTable } from './graduates.export.ts';
import type { GraduatesService } from './graduates.service.ts';
import type { PairingsService } from './pairings.service.ts';
import { volunteerCreateRoute, volunteersListRoute, volunteerStateRoute } from './volunteers.contract.ts';
import type { VolunteersService } from './volunteers.service.ts';

export interface GraduatesRouteDeps {
  graduates: GraduatesService;
  imports: GraduateImport;
  pairings: PairingsService;
  volunteers: VolunteersService;
  subsidy: GraduateSubsidy;
}

/** The graduates and matchmaker API. Registered as its own plugin: the raw-body parsers stay inside. */
export async function graduatesRoutes(
  app: FastifyInstance,
  { graduates, imports, pairings, volunteers, subsidy }: GraduatesRouteDeps,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.addContentTypeParser(
    [...CSV_TYPES, ...XLSX_TYPES],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  r.route({
    ...importRoute,
    bodyLimit: UPLOAD_LIMIT_BYTES,
    handler: async (request, reply) => {
      const content = request.body;
      if (!Buffer.isBuffer(content) || content.length === 0)
        throw new ValidationError('Send the list as the request body (text/csv or XLSX)', [
          { field: 'body', code: 'empty_file', message: 'is empty' },
        ]);
      const report = await imports.importFile(
        request.user!,
        { name: 'api-upload', content },
        request.query.mode,
        request.id,
      );
      return reply.status(201).send(report);
    },
  });
  r.route({
    ...registerRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await graduates.register(request.user!, request.body, request.id)),
  });
  r.route({ ...listRoute, handler: (request) => graduates.list(request.user!, request.query) });
  r.route({
    ...exportRoute,
    handler: async (request, reply) => {
      const { format, lang, ...filter } = request.query;
      return sendTable(reply, format, graduatesTable(lang, graduates.exportPages(request.user!, filter, request.id)));
    },
  });
  r.route({ ...figuresRoute, handler: (request) => graduates.figures(request.user!, request.query.year) });
  r.route({ ...matchmakersRoute, handler: (request) => pairings.matchmakers(request.user!) });
  r.route({
    ...pairAllRoute,
    handler: (request) => pairings.pairAll(request.user!, request.body.year, request.id),
  });
  r.route({ ...getRoute, handler: (request) => graduates.get(request.user!, request.params.id) });
  r.route({
    ...statusRoute,
    handler: (request) => graduates.patchStatus(request.user!, request.params.id, request.body, request.id),
  });
  r.route({ ...pairingRoute, handler: (request) => pairings.ofGraduate(request.user!, request.params.id) });
  r.route({
    ...assignRoute,
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await pairings.assign(request.user!, request.params.id, request.body.matchmakerId, request.id)),
  });
  r.route({
    ...subsidyRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await subsidy.apply(request.user!, request.params.id, request.id)),
  });
  r.route({
    ...endRoute,
    handler: (request) => pairings.end(request.user!, request.params.id, request.body, request.id),
  });

  r.route({ ...minePairingsRoute, handler: (request) => pairings.mine(request.user!, request.query.all !== 'true') });
  r.route({ ...pairingGetRoute, handler: (request) => pairings.get(request.user!, request.params.id) });
  r.route({
    ...pairingJobsRoute,
    handler: (request) => pairings.jobs(request.user!, request.params.id, request.query.lang),
  });
  r.route({
    ...contactRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await pairings.contact(request.user!, request.params.id, request.body)),
  });
  r.route({
    ...referralRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await pairings.refer(request.user!, request.params.id, request.body)),
  });

  r.route({ ...volunteersListRoute, handler: (request) => volunteers.list(request.user!) });
  r.route({
    ...volunteerCreateRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await volunteers.create(request.user!, request.body, request.id)),
  });
  r.route({
    ...volunteerStateRoute,
    handler: (request) => volunteers.setActive(request.user!, request.params.id, request.body.active, request.id),
  });
}
