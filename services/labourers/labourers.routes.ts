import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createLabourerRoute,
  deleteLabourerRoute,
  exportLabourersRoute,
  getLabourerRoute,
  listLabourersRoute,
  myProfileRoute,
  patchLabourerRoute,
  revealIdNumberRoute,
  revealPhoneRoute,
  statusHistoryRoute,
} from './labourers.contract.ts';
import type { LabourersService } from './labourers.service.ts';
import { setPovertyStatusRoute } from './poverty-status.contract.ts';
import { labourerColumns } from './labourers.export.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';

export async function labourersRoutes(app: FastifyInstance, opts: { labourers: LabourersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { labourers } = opts;

  r.route({
    ...createLabourerRoute,
    handler: async (request, reply) => reply.status(201).send(await labourers.create(request.user!, request.body)),
  });
  r.route({ ...listLabourersRoute, handler: (request) => labourers.list(request.user!, request.query) });
  r.route({
    ...exportLabourersRoute,
    handler: async (request, reply) => {
      const { format, lang, phones, ...filters } = request.query;
      const { ref, pages } = await labourers.exportRows(request.user!, filters, format, request.id, phones);
      return sendTable(reply, format, {
        fileName: `${translate(lang, 'labourers.exportFile')}-${new Date().toISOString().slice(0, 10)}`,
        sheetName: translate(lang, 'labourers.listTitle'),
        columns: labourerColumns(lang, ref),
        rows: pages,
      });
    },
  });
  r.route({ ...myProfileRoute, handler: (request) => labourers.mine(request.user!) });
  r.route({ ...getLabourerRoute, handler: (request) => labourers.get(request.user!, request.params.id) });
  r.route({
    ...patchLabourerRoute,
    handler: (request) => labourers.update(request.user!, request.params.id, request.body),
  });
  r.route({
    ...deleteLabourerRoute,
    handler: async (request, reply) => {
      await labourers.erase(request.user!, request.params.id, request.body?.reason, request.id);
      return reply.status(204).send(null);
    },
  });
  r.route({
    ...setPovertyStatusRoute,
    handler: (request) => labourers.setPovertyStatus(request.user!, request.params.id, request.body, request.id),
  });
  r.route({
    ...statusHistoryRoute,
    handler: async (request) => ({ items: await labourers.statusHistory(request.user!, request.params.id) }),
  });
  r.route({
    ...revealIdNumberRoute,
    handler: async (request) => ({
      idNumber: await labourers.revealIdNumber(request.user!, request.params.id, request.id),
    }),
  });
  r.route({
    ...revealPhoneRoute,
    handler: async (request) => ({ phone: await labourers.revealPhone(request.user!, request.params.id, request.id) }),
  });
}
