import type { AppModule } from '../platform/modules.ts';
import { homePages } from './home.pages.ts';
import { createHomeRepository } from './home.repository.ts';
import { createHomeService } from './home.service.ts';

/** The home page of each role. */
export const homeModule: AppModule = {
  name: 'home',
  setUp({ db }) {
    const home = createHomeService(createHomeRepository(db));
    return { register: async (app) => void (await app.register(homePages, { home })) };
  },
};
