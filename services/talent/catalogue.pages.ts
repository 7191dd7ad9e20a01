import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CountiesOf } from '../regions/index.ts';
import { EntryInputSchema, RecruitInputSchema, TALENT_LEVELS } from './catalogue.contract.ts';
import type { CatalogueService } from './catalogue.service.ts';
import type { recordAuditOf } from './talent-audit.repository.ts';
import { talentTables } from './talent.export.ts';
import { choices, exportFormat, type FormProblem, officers, savedOf, submitForm } from './talent-page-kit.ts';

/** Key counties' shortage-talent catalogue and the people recruited against it (/talent/catalogue). */
export async function cataloguePages(
  app: FastifyInstance,
  opts: { catalogue: CatalogueService; counties: CountiesOf; audit: ReturnType<typeof recordAuditOf> },
) {
  const { catalogue, counties, audit } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, problem?: FormProblem, status = 200) {
    const user = request.user!;
    const locale = request.locale;
    const scope = scopePrefix(user);
    const [entries, recruits, all] = await Promise.all([
      catalogue.entries(user, {}),
      catalogue.recruits(user, {}),
      counties('35'),
    ]);
    return reply.page(
      'talent/catalogue',
      {
        title: translate(locale, 'talent.catalogue.title'),
        entries,
        recruits,
        province: scope.length <= 2,
        keyCounties: all
          .filter((c) => c.keyCounty && c.code.startsWith(scope))
          .map((c) => ({ value: c.code, label: c.name })),
        levels: choices(locale, 'talent.levels', TALENT_LEVELS),
        open: entries
          .filter((e) => e.filled < e.posts)
          .map((e) => ({ value: e.id, label: `${e.year} ${e.countyName} · ${e.field}` })),
        year: new Date().getUTCFullYear(),
        today: new Date().toISOString().slice(0, 10),
        problem,
        values: problem?.values ?? {},
        saved: savedOf(request.query),
      },
      status,
    );
  }

  app.route({ ...page('GET', '/talent/catalogue', officers), handler: (request, reply) => render(request, reply) });
  app.route({
    ...page('POST', '/talent/catalogue', officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'entry',
        async (v) => {
          await catalogue.createEntry(request.user!, parseForm(EntryInputSchema, v));
          return '/talent/catalogue';
        },
        (p, s) => render(request, reply, p, s),
      ),
  });
  app.route({
    ...page('POST', '/talent/catalogue/recruits', officers, { personalData: true }),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'recruit',
        async (v) => {
          const entryId = z.uuid().safeParse(v.entryId);
          const input = parseForm(RecruitInputSchema, { ...v, poorFamily: v.poorFamily === 'on' });
          await catalogue.addRecruit(
            request.user!,
            entryId.success ? entryId.data : '00000000-0000-4000-8000-000000000000',
            input,
          );
          return '/talent/catalogue';
        },
        (p, s) => render(request, reply, p, s),
      ),
  });
  app.route({
    ...page('GET', '/talent/catalogue/export', officers),
    handler: async (request, reply) => {
      const list = z
        .enum(['entries', 'recruits'])
        .catch('entries')
        .parse((request.query as { list?: string }).list);
      const format = exportFormat(request.query);
      const user = request.user!;
      if (list === 'entries')
        return sendTable(reply, format, talentTables.entries(request.locale, await catalogue.entries(user, {})));
      const rows = await catalogue.recruits(user, {});
      await audit(user, 'talent.recruits.export', 'TalentRecruit', request.id, { rows: rows.length, format });
      return sendTable(reply, format, talentTables.recruits(request.locale, rows));
    },
  });
}
