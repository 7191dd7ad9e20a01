import type { AppModule } from '../platform/modules.ts';
import { homePages } from './home.pages.ts';

/** The home page of each role. */
export const homeModule: AppModule = {
  name: 'home',
  setUp({ db }) {
    return { register: async (app) => void (await app.register(homePages, { db })) };
  },
};
