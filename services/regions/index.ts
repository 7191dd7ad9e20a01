import type { AppModule } from '../platform/modules.ts';
import { regionsRoutes } from './regions.routes.ts';
import { createRegionsRepository } from './regions.repository.ts';

/** The administrative regions (province → village) as the API lists them. */
export const regionsModule: AppModule = {
  name: 'regions',
  setUp({ db }) {
    return { register: async (app) => void (await app.register(regionsRoutes, { repo: createRegionsRepository(db) })) };
  },
};
