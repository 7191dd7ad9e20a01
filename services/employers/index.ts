import { hashPassword } from '../identity/index.ts';
import type { FormOptionsSource } from '../labourers/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { employersPages } from './employers.pages.ts';
import { createEmployersRepository } from './employers.repository.ts';
import { employersRoutes } from './employers.routes.ts';
import { createEmployersService } from './employers.service.ts';

/** Employers: registration, verification by officers, their accounts. */
export const employersModule: AppModule<CoreDeps & { formOptions: FormOptionsSource }> = {
  name: 'employers',
  setUp({ db, reference, formOptions, pii }) {
    const employers = createEmployersService({ repo: createEmployersRepository(db), reference, hashPassword, pii });
    return {
      async register(app) {
        await app.register(employersRoutes, { employers });
        await app.register(employersPages, { employers, formOptions });
      },
    };
  },
};
