import type { FastifyInstance } from 'fastify';
import type { CountiesOf } from '../regions/index.ts';
import { EntryInputSchema, RecruitInputSchema, TALENT_LEVELS } from './catalogue.contract.ts';
import type { CatalogueService } from './catalogue.service.ts';
import type { recordAuditOf } from './talent-audit.repository.ts';
import { talentTables } from './talent.export.ts';
import { choices, recruitListPages } from './talent-page-kit.ts';

/** Key counties' shortage-talent catalogue and the people recruited against it (/talent/catalogue). */
export async function cataloguePages(
  app: FastifyInstance,
  opts: { catalogue: CatalogueService; counties: CountiesOf; audit: ReturnType<typeof recordAuditOf> },
) {
  const { catalogue } = opts;
  recruitListPages(app, opts, {
    path: '/talent/catalogue',
    view: 'talent/catalogue',
    titleKey: 'talent.catalogue.title',
    parents: {
      form: 'entry',
      viewKey: 'entries',
      list: 'entries',
      load: (user) => catalogue.entries(user, {}),
      schema: EntryInputSchema,
      create: (user, input, requestId) => catalogue.createEntry(user, input, requestId),
      isOpen: (e) => e.filled < e.posts,
      label: (e) => `${e.year} ${e.countyName} · ${e.field}`,
      table: talentTables.entries,
    },
    recruits: {
      idField: 'entryId',
      load: (user) => catalogue.recruits(user, {}),
      schema: RecruitInputSchema,
      add: (user, id, input, requestId) => catalogue.addRecruit(user, id, input, requestId),
      table: talentTables.recruits,
      audit: ['talent.recruits.export', 'TalentRecruit'],
    },
    extra: (locale, scope) => ({
      province: scope.length <= 2,
      levels: choices(locale, 'talent.levels', TALENT_LEVELS),
    }),
  });
}
