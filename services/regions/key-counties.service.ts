import { NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { KeyCountiesRepository } from './key-counties.repository.ts';

type Actor = Pick<SessionUser, 'id' | 'role'>;

/**
 * The provincial key counties (省级扶贫开发工作重点县) as data an administrator maintains: seeded from
 * prisma/reference/regions.json on first start, changed here afterwards (reference loading never
 * overwrites a region it already holds). Each change is audited as `region.key_county`.
 */
export function createKeyCountiesService(repo: KeyCountiesRepository) {
  async function apply(actor: Actor, province: string, wanted: Map<string, boolean>, requestId?: string) {
    const counties = await repo.counties(province);
    const known = new Map(counties.map((c) => [c.code, c]));
    const missing = [...wanted.keys()].find((code) => !known.has(code));
    if (missing) throw new NotFoundError(`County ${missing} not found`);
    const changes = [...wanted]
      .filter(([code, keyCounty]) => known.get(code)!.keyCounty !== keyCounty)
      .map(([code, keyCounty]) => ({ code, keyCounty }));
    await repo.set(changes, (change) => ({
      actor,
      action: 'region.key_county',
      entity: 'Region',
      entityId: change.code,
      ...(requestId ? { requestId } : {}),
      details: { keyCounty: change.keyCounty, was: !change.keyCounty },
    }));
    return { changed: changes.length };
  }

  return {
    list: (province: string) => repo.counties(province),

    /** The counties under each city, for the page. */
    async byCity(province: string) {
      const [cities, counties] = await Promise.all([repo.cities(province), repo.counties(province)]);
      return cities.map((city) => ({ ...city, counties: counties.filter((c) => c.parentCode === city.code) }));
    },

    async set(actor: Actor, code: string, keyCounty: boolean, requestId?: string) {
      await apply(actor, code.slice(0, 2), new Map([[code, keyCounty]]), requestId);
      return (await repo.counties(code.slice(0, 2))).find((c) => c.code === code)!;
    },

    /** The page's form: every county of the province shown, the ticked ones are key counties. */
    replaceAll: async (actor: Actor, province: string, ticked: Set<string>, requestId?: string) => {
      const counties = await repo.counties(province);
      const wanted = new Map(counties.map((c) => [c.code, ticked.has(c.code)]));
      const unknown = [...ticked].find((code) => !wanted.has(code));
      if (unknown) throw new NotFoundError(`County ${unknown} not found`);
      return apply(actor, province, wanted, requestId);
    },
  };
}

export type KeyCountiesService = ReturnType<typeof createKeyCountiesService>;
