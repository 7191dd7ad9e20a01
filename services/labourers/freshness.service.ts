import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { figuresOf, type FreshnessFigures, freshnessCutoffs, type FreshnessRules } from './freshness.ts';
import type { FreshnessRepository, StaleRow } from './freshness.repository.ts';

export interface AreaFreshness extends FreshnessFigures {
  code: string;
  name: string;
}

export interface FreshnessBoard {
  months: number;
  asOf: string;
  total: FreshnessFigures;
  /** Counties of the scope (empty for a county officer), then townships of the chosen area. */
  counties: AreaFreshness[];
  townships: AreaFreshness[];
}

const TOWNSHIP = /^\d{9}$/;

function sumFigures(rows: Array<{ records: number; fresh: number; verified: number; noContactYear: number }>) {
  return figuresOf(
    rows.reduce(
      (t, r) => ({
        records: t.records + r.records,
        fresh: t.fresh + r.fresh,
        verified: t.verified + r.verified,
        noContactYear: t.noContactYear + r.noContactYear,
      }),
      { records: 0, fresh: 0, verified: 0, noContactYear: 0 },
    ),
  );
}

/** The dynamic-management worklist: freshness by county and township, stale records, verification. */
export function createFreshnessService(deps: {
  repo: FreshnessRepository;
  rules: FreshnessRules;
  reference: () => Promise<ReferenceNames>;
  now?: () => Date;
}) {
  const { repo, rules, reference } = deps;
  const now = deps.now ?? (() => new Date());

  /** The area asked for, within the actor's scope: their whole scope unless a narrower code is given. */
  function areaOf(actor: SessionUser, area?: string): string {
    const scope = scopePrefix(actor);
    if (area && /^\d{2,12}$/.test(area) && area.startsWith(scope)) return area;
    return scope;
  }

  return {
    rules,
    areaOf,

    /** Counts for the actor's scope (or an area of it), by county and by township. */
    async board(actor: SessionUser, area?: string): Promise<FreshnessBoard> {
      const asOf = now();
      const prefix = areaOf(actor, area);
      const ref = await reference();
      const rows = await repo.byTownship(prefix, freshnessCutoffs(asOf, rules));
      const group = (length: number) => {
        const areas = new Map<string, typeof rows>();
        for (const row of rows) {
          const code = row.township.slice(0, length);
          areas.set(code, [...(areas.get(code) ?? []), row]);
        }
        return [...areas].map(([code, list]) => ({ code, name: ref.regionName(code) || code, ...sumFigures(list) }));
      };
      return {
        months: rules.months,
        asOf: asOf.toISOString(),
        total: sumFigures(rows),
        counties: prefix.length < 6 ? group(6) : [],
        townships: rows.filter((r) => TOWNSHIP.test(r.township)).length ? group(9) : [],
      };
    },

    async stale(actor: SessionUser, area: string | undefined, page: number, pageSize: number) {
      const { items, total } = await repo.stale(areaOf(actor, area), freshnessCutoffs(now(), rules), page, pageSize);
      return { items, total };
    },

    /** Every stale record of the area, after the export's audit record (names and masked numbers). */
    async exportRows(
      actor: SessionUser,
      area: string | undefined,
      format: string,
      requestId: string,
    ): Promise<AsyncIterable<StaleRow[]>> {
      const prefix = areaOf(actor, area);
      await repo.audit({
        actor,
        action: 'labourer.export',
        entity: 'labourer',
        requestId,
        details: { list: 'freshness', area: prefix, format, months: rules.months },
      });
      return repo.allStale(prefix, freshnessCutoffs(now(), rules));
    },

    async verify(actor: SessionUser, id: string, requestId: string): Promise<void> {
      const row = await repo.regionOf(id);
      if (!row || row.erasedAt) throw new NotFoundError(`Labourer ${id} does not exist`);
      if (!row.regionCode.startsWith(scopePrefix(actor)))
        throw new ForbiddenError(`Labourer ${id} is outside your region`);
      await repo.verify(id, actor, requestId, now());
    },
  };
}

export type FreshnessService = ReturnType<typeof createFreshnessService>;
