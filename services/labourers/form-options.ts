import type { FormOptionsRepository } from './form-options.repository.ts';

export interface Option {
  code: string;
  label: string;
}
export interface OptionGroup {
  code?: string;
  label: string;
  options: Option[];
}
export interface FormOptions {
  /** The province's cities, for the job search filter. */
  cities: Option[];
  regions: Option[];
  counties: Option[];
  /** The same counties under their city, for a select a phone can scan (85 in one list cannot). */
  countyGroups: OptionGroup[];
  occupationGroups: OptionGroup[];
  skillGroups: OptionGroup[];
  certificates: Option[];
}

/** Counties whose city is not in the reference data still need to be choosable. */
function ungrouped(counties: Option[], cities: Array<{ code: string }>, english: boolean): OptionGroup[] {
  const rest = counties.filter((county) => !cities.some((c) => county.code.startsWith(c.code)));
  return rest.length ? [{ label: english ? 'Other' : '其他', options: rest }] : [];
}

/**
 * The choices the profile forms offer, from the reference tables, in the reader's language.
 * Reference data changes only with a deployment, so each (scope, language) is built once.
 */
export function createFormOptions(repo: FormOptionsRepository) {
  const cache = new Map<string, Promise<FormOptions>>();

  async function build(scope: string, english: boolean): Promise<FormOptions> {
    const [cities, regions, categories, skills, certificates] = await repo.choices(scope);
    const name = (row: { nameZh: string; nameEn: string }) => (english ? row.nameEn : row.nameZh);
    const countyName = new Map(
      regions.filter((r) => r.level === 'county').map((r) => [r.code, english ? r.nameEn : r.name]),
    );
    const skillCategory = new Map<string, string>();
    for (const category of categories) {
      for (const occupation of category.occupations) {
        for (const code of occupation.skillCodes) if (!skillCategory.has(code)) skillCategory.set(code, category.code);
      }
    }
    const inScope = regions.filter((r) => r.code.startsWith(scope) || scope.startsWith(r.code));
    const counties = inScope
      .filter((r) => r.level === 'county')
      .map((r) => ({ code: r.code, label: english ? r.nameEn : r.name }));
    return {
      cities: cities.map((c) => ({ code: c.code, label: english ? c.nameEn : c.name })),
      counties,
      countyGroups: cities
        .map((c): OptionGroup => ({
          code: c.code,
          label: english ? c.nameEn : c.name,
          options: counties.filter((county) => county.code.startsWith(c.code)),
        }))
        .filter((group) => group.options.length > 0)
        .concat(ungrouped(counties, cities, english)),
      regions: regions
        .filter((r) => r.code.startsWith(scope) || scope.startsWith(r.code))
        .map((r) => ({
          code: r.code,
          label:
            r.level === 'county'
              ? english
                ? r.nameEn
                : r.name
              : `${countyName.get(r.code.slice(0, 6)) ?? ''} · ${english ? r.nameEn : r.name}`,
        })),
      occupationGroups: categories.map((c) => ({
        label: name(c),
        options: c.occupations.map((o) => ({ code: o.code, label: name(o) })),
      })),
      skillGroups: categories
        .map((c) => ({
          label: name(c),
          options: skills
            .filter((s) => skillCategory.get(s.code) === c.code)
            .map((s) => ({ code: s.code, label: name(s) })),
        }))
        .filter((group) => group.options.length > 0),
      certificates: certificates.map((c) => ({ code: c.code, label: name(c) })),
    };
  }

  return (scope: string, locale: string): Promise<FormOptions> => {
    const key = `${scope}|${locale}`;
    let options = cache.get(key);
    if (!options) {
      options = build(scope, locale === 'en');
      cache.set(key, options);
      options.catch(() => cache.delete(key));
    }
    return options;
  };
}

/** The form choices for a scope and locale, as `createFormOptions` gives them. */
export type FormOptionsSource = ReturnType<typeof createFormOptions>;
