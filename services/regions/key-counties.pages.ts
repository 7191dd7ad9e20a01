import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { KeyCountiesService } from './key-counties.service.ts';

const PROVINCE = '35';

/** The administrator's page for the list of provincial key counties: every county, ticked or not. */
export async function keyCountiesPages(app: FastifyInstance, opts: { keyCounties: KeyCountiesService }) {
  const { keyCounties } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, saved?: number) {
    const en = request.locale === 'en';
    const cities = (await keyCounties.byCity(PROVINCE)).map((city) => ({
      code: city.code,
      displayName: en ? city.nameEn : city.name,
      counties: city.counties.map((c) => ({ ...c, displayName: en ? c.nameEn : c.name })),
    }));
    const total = cities.reduce((n, c) => n + c.counties.filter((x) => x.keyCounty).length, 0);
    return reply.page('regions/key-counties', {
      title: translate(request.locale, 'regions.keyCounties.title'),
      cities,
      total,
      saved: saved === undefined ? null : { count: saved },
    });
  }

  app.route({
    ...page('GET', '/admin/key-counties', auth.roles('admin')),
    handler: (request, reply) => render(request, reply),
  });

  app.route({
    ...page('POST', '/admin/key-counties', auth.roles('admin')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const ticked = new Set([body.keyCounty].flat().filter((v): v is string => typeof v === 'string'));
      const { changed } = await keyCounties.replaceAll(request.user!, PROVINCE, ticked, request.id);
      return render(request, reply, changed);
    },
  });
}
