import type { FastifyInstance } from 'fastify';
import { auth, page } from '../platform/http/contract.ts';
import type { HomeService } from './home.service.ts';

export async function homePages(app: FastifyInstance, opts: { home: HomeService }) {
  const { home } = opts;

  app.route({
    ...page('GET', '/', auth.public),
    handler: async (request, reply) => {
      const user = request.user;
      if (!user) return reply.page('home/welcome');
      switch (user.role) {
        case 'officer':
          return reply.page('home/officer', await home.officer(user));
        case 'employer':
          return reply.page('home/employer', { employer: await home.employer(user) });
        case 'labourer':
          return reply.page('home/labourer', await home.labourer(user));
        case 'admin':
          return reply.page('home/admin', await home.admin());
        case 'volunteer':
          // A 就业红娘 volunteer has one page: the graduates paired with it.
          return reply.redirect('/matchmaker/pairings', 303);
        case 'training_provider':
          // A training provider's account runs the courses given to it: its home lists them.
          return reply.redirect('/provider', 303);
      }
    },
  });
}
