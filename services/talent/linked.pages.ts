import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CountiesOf } from '../regions/index.ts';
import {
  ITEM_STATES,
  ItemInputSchema,
  ItemPatchSchema,
  LinkedCountyInputSchema,
  MeetingInputSchema,
  PairingInputSchema,
  ProjectInputSchema,
  ProjectUpdateInputSchema,
} from './linked.contract.ts';
import type { LinkedService } from './linked.service.ts';
import { talentTables } from './talent.export.ts';
import { choices, exportFormat, type FormProblem, officers, savedOf, submitForm } from './talent-page-kit.ts';

const NO_ID = '00000000-0000-4000-8000-000000000000';
const idOf = (request: FastifyRequest) => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  return parsed.success ? parsed.data.id : NO_ID;
};

/** The department's linked-county work (/linked-counties): forms for province officers, the record for all. */
export async function linkedPages(app: FastifyInstance, opts: { linked: LinkedService; counties: CountiesOf }) {
  const { linked, counties } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, problem?: FormProblem, status = 200) {
    const user = request.user!;
    const locale = request.locale;
    const [items, all] = await Promise.all([linked.list(user), counties('35')]);
    const taken = new Set(items.map((c) => c.countyCode));
    return reply.page(
      'talent/linked',
      {
        title: translate(locale, 'talent.linked.title'),
        counties: items,
        province: scopePrefix(user).length <= 2,
        free: all.filter((c) => c.keyCounty && !taken.has(c.code)).map((c) => ({ value: c.code, label: c.name })),
        itemStates: choices(locale, 'talent.itemStates', ITEM_STATES),
        year: new Date().getUTCFullYear(),
        today: new Date().toISOString().slice(0, 10),
        problem,
        values: problem?.values ?? {},
        saved: savedOf(request.query),
      },
      status,
    );
  }
  const form = (
    url: string,
    name: string,
    work: (request: FastifyRequest, v: Record<string, string>) => Promise<unknown>,
  ) =>
    app.route({
      ...page('POST', url, officers),
      preValidation: app.csrfProtection,
      handler: (request, reply) =>
        submitForm(
          request,
          reply,
          name,
          async (v) => {
            await work(request, v);
            return '/linked-counties';
          },
          (p, s) => render(request, reply, p, s),
        ),
    });

  app.route({ ...page('GET', '/linked-counties', officers), handler: (request, reply) => render(request, reply) });
  form('/linked-counties', 'county', (r, v) => linked.create(r.user!, parseForm(LinkedCountyInputSchema, v), r.id));
  form('/linked-counties/:id/meetings', 'meeting', (r, v) =>
    linked.addMeeting(r.user!, idOf(r), parseForm(MeetingInputSchema, v), r.id),
  );
  form('/linked-counties/meetings/:id/items', 'item', (r, v) =>
    linked.addItem(r.user!, idOf(r), parseForm(ItemInputSchema, v), r.id),
  );
  form('/linked-counties/items/:id', 'item-state', (r, v) =>
    linked.setItem(r.user!, idOf(r), parseForm(ItemPatchSchema, v), r.id),
  );
  form('/linked-counties/:id/projects', 'project', (r, v) =>
    linked.addProject(r.user!, idOf(r), parseForm(ProjectInputSchema, v), r.id),
  );
  form('/linked-counties/projects/:id/updates', 'progress', (r, v) =>
    linked.updateProject(r.user!, idOf(r), parseForm(ProjectUpdateInputSchema, v), r.id),
  );
  form('/linked-counties/:id/pairings', 'pairing', (r, v) =>
    linked.addPairing(r.user!, idOf(r), parseForm(PairingInputSchema, v), r.id),
  );

  app.route({
    ...page('GET', '/linked-counties/export', officers),
    handler: async (request, reply) =>
      sendTable(
        reply,
        exportFormat(request.query),
        talentTables.linked(request.locale, await linked.list(request.user!)),
      ),
  });
}
