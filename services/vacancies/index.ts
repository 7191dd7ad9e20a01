import type { FormOptionsSource } from '../labourers/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { vacanciesPages } from './vacancies.pages.ts';
import { createVacanciesRepository } from './vacancies.repository.ts';
import { vacanciesRoutes } from './vacancies.routes.ts';
import { createVacanciesService } from './vacancies.service.ts';
import { createVacancySearch } from './vacancies.search.ts';

/** Vacancies: employers post, officers review, everyone searches (Meilisearch) under /jobs. */
export const vacanciesModule: AppModule<CoreDeps & { formOptions: FormOptionsSource }> = {
  name: 'vacancies',
  setUp({ config, db, meili, reference, formOptions }) {
    const vacancies = createVacanciesService({ repo: createVacanciesRepository(db), reference });
    const search = createVacancySearch(meili, config.meili.indexPrefix, reference);
    return {
      async register(app) {
        await app.register(vacanciesRoutes, { vacancies, search });
        await app.register(vacanciesPages, { vacancies, search, formOptions });
      },
      jobs: [{ name: 'vacancies.expire', everyMs: 10 * 60_000, run: async () => void (await vacancies.expireDue()) }],
    };
  },
};
