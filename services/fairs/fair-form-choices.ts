import { scopePrefix } from '../platform/access/scope.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { FairsRepository } from './fairs.repository.ts';

export interface Choice {
  code: string;
  label: string;
}
export interface ChoiceGroup {
  label: string;
  options: Choice[];
}

/** What the fair form offers in its selects: nobody has to know a region code or an agreement's id. */
export interface FairFormChoices {
  /** Where the fair is held: the officer's cities (a city-wide fair) and counties, then partner areas. */
  venue: ChoiceGroup[];
  /** The home side of a cooperation fair: the officer's own cities and counties. */
  home: ChoiceGroup[];
  /** The partner side: regions outside the officer's province. */
  partner: ChoiceGroup[];
  agreements: Choice[];
}

type RegionRow = Awaited<ReturnType<FairsRepository['regionChoices']>>[number];

/** Counties under their city; a city the officer covers whole comes first in its group, as itself. */
function byCity(rows: RegionRow[], english: boolean, wholeCity: (code: string) => string): ChoiceGroup[] {
  const name = (r: RegionRow) => (english ? r.nameEn : r.name);
  const cities = rows.filter((r) => r.level === 'city');
  const groups = cities.map((city) => ({
    label: name(city),
    options: rows
      .filter((r) => r.code.startsWith(city.code))
      .map((r) => ({ code: r.code, label: r.level === 'city' ? wholeCity(name(r)) : name(r) })),
  }));
  // A county whose city is not in the reference data (or is outside the scope) still needs a place.
  const orphans = rows
    .filter((r) => r.level === 'county' && !cities.some((c) => r.code.startsWith(c.code)))
    .map((r) => ({ code: r.code, label: name(r) }));
  if (orphans.length > 0) groups.push({ label: english ? 'Counties' : '县（区）', options: orphans });
  return groups.filter((g) => g.options.length > 0);
}

export function createFairFormChoices(repo: FairsRepository) {
  let regions: Promise<RegionRow[]> | undefined;
  return async function formChoices(actor: SessionUser, locale: string): Promise<FairFormChoices> {
    const english = locale === 'en';
    const scope = scopePrefix(actor);
    // Reference regions change only with a migration: read once.
    regions ??= repo.regionChoices().catch((error: unknown) => {
      regions = undefined;
      throw error;
    });
    const [all, agreements] = await Promise.all([regions, repo.agreementChoices(scope)]);
    const wholeCity = (name: string) => (english ? `${name} (whole city)` : `${name}（全市）`);
    const own = byCity(
      all.filter((r) => r.code.startsWith(scope)),
      english,
      wholeCity,
    );
    const partnerRows = all.filter((r) => !scope || !r.code.startsWith(scope.slice(0, 2)));
    const partner = byCity(partnerRows, english, wholeCity);
    return {
      venue: scope ? [...own, ...partner] : own,
      home: own,
      partner,
      agreements: agreements.map((a) => ({ code: a.id, label: `${a.year} · ${a.title}` })),
    };
  };
}

/**
 * The choices with the value a saved fair already holds, when they do not offer it (a township, a
 * region since retired): saving the form unchanged must not change the fair.
 */
export function keepCurrent(groups: ChoiceGroup[], current: unknown, label: string): ChoiceGroup[] {
  if (typeof current !== 'string' || current === '') return groups;
  if (groups.some((g) => g.options.some((o) => o.code === current))) return groups;
  return [{ label, options: [{ code: current, label: current }] }, ...groups];
}
