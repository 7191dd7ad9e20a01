import type { AppModule } from '../platform/modules.ts';
import { identityPages } from './identity.pages.ts';
import { createIdentityRepository } from './identity.repository.ts';
import { identityRoutes } from './identity.routes.ts';
import { createIdentityService } from './identity.service.ts';
import { createLoginThrottle } from './login-throttle.ts';

export { hashPassword, verifyPassword } from './password.ts';
export { hashPhoneUsernames } from './phone-usernames.repository.ts';

/** Accounts and sign-in: /login and /logout pages, API tokens, the sign-in throttle. */
export const identityModule: AppModule = {
  name: 'identity',
  setUp({ db, attempts, pii }) {
    const identity = createIdentityService(createIdentityRepository(db), createLoginThrottle(attempts), pii);
    return {
      async register(app) {
        await app.register(identityRoutes, { identity });
        await app.register(identityPages, { identity });
      },
    };
  },
};
