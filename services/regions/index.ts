import type { Db } from '../platform/database/prisma.ts';
import type { AppModule } from '../platform/modules.ts';
import { keyCountiesPages } from './key-counties.pages.ts';
import { createKeyCountiesRepository } from './key-counties.repository.ts';
import { keyCountiesRoutes } from './key-counties.routes.ts';
import { createKeyCountiesService } from './key-counties.service.ts';
import { regionsRoutes } from './regions.routes.ts';
import { createRegionsRepository } from './regions.repository.ts';

/**
 * The administrative regions (province → village) as the API lists them, and the list of
 * provincial key counties an administrator maintains (/admin/key-counties, audited).
 */
export const regionsModule: AppModule = {
  name: 'regions',
  setUp({ db }) {
    const keyCounties = createKeyCountiesService(createKeyCountiesRepository(db));
    return {
      async register(app) {
        await app.register(regionsRoutes, { repo: createRegionsRepository(db) });
        await app.register(keyCountiesRoutes, { keyCounties });
        await app.register(keyCountiesPages, { keyCounties });
      },
    };
  },
};

/** A province's counties, each with its name and whether it is a key county (for modules that work by county). */
export function countiesOf(db: Db) {
  const service = createKeyCountiesService(createKeyCountiesRepository(db));
  return (province: string) => service.list(province);
}
export type CountiesOf = ReturnType<typeof countiesOf>;
