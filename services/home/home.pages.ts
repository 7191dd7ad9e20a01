import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/database/prisma.ts';
import { auth, page } from '../platform/http/contract.ts';
import { createHomeRepository } from './home.repository.ts';
import { createHomeService } from './home.service.ts';

export async function homePages(app: FastifyInstance, opts: { db: Db }) {
  const home = createHomeService(createHomeRepository(opts.db));

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
      }
    },
  });
}
