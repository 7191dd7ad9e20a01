import { regionPrefixes } from '../platform/reference/reference-data.ts';
import type { LicenceRules } from './hard-rules.ts';
import type { Lang, Point } from './types.ts';

export interface TaxonomyData {
  skills: Array<{ code: string; nameZh: string; nameEn: string; relatedCodes: string[] }>;
  occupations: Array<{
    code: string;
    categoryCode: string;
    nameZh: string;
    nameEn: string;
    skillCodes: string[];
    /** A finer group inside the category (tea, edible fungi...); the category when absent. */
    subcategoryCode?: string | null;
    /** Certificate kinds of which the law requires one (an operating licence). */
    licenceKinds?: string[];
  }>;
  certificates: Array<{
    code: string;
    nameZh: string;
    nameEn: string;
    occupationCodes: string[];
    /** vocational_qualification, skill_level, special_ability, operating_licence, health or other. */
    category?: string;
  }>;
  /** English region names; the Chinese names and the coordinates come from the app's ReferenceNames. */
  regionNamesEn: Array<{ code: string; nameEn: string }>;
}

/** The part of ReferenceNames matching uses, so unit tests can hand in a few regions. */
export interface PlaceNames {
  regionName(code: string): string;
  regionPoint(code: string): Point | undefined;
}

type Named = { nameZh: string; nameEn: string };

/**
 * The reference tables matching reasons with: related skills, the skills of each occupation, the
 * occupations each certificate qualifies for, and names in both languages for the reasons.
 */
export class Taxonomy implements LicenceRules {
  private readonly skills: Map<string, TaxonomyData['skills'][number]>;
  private readonly occupations: Map<string, TaxonomyData['occupations'][number]>;
  private readonly certificates: Map<string, TaxonomyData['certificates'][number]>;
  private readonly regionsEn: Map<string, string>;
  private readonly licenceKinds: Set<string>;
  /** Every occupation that needs a licence, with the kinds that satisfy it. */
  private readonly licensed: Array<{ code: string; kinds: string[] }>;

  constructor(
    /** The tables it was built from (a ranking worker builds its own copy from them). */
    readonly data: TaxonomyData,
    private readonly places: PlaceNames,
  ) {
    this.skills = new Map(data.skills.map((s) => [s.code, s]));
    this.occupations = new Map(data.occupations.map((o) => [o.code, o]));
    this.certificates = new Map(data.certificates.map((c) => [c.code, c]));
    this.regionsEn = new Map(data.regionNamesEn.map((r) => [r.code, r.nameEn]));
    this.licensed = data.occupations
      .filter((o) => o.licenceKinds?.length)
      .map((o) => ({ code: o.code, kinds: o.licenceKinds! }));
    this.licenceKinds = new Set([
      ...this.licensed.flatMap((o) => o.kinds),
      ...data.certificates.filter((c) => c.category === 'operating_licence').map((c) => c.code),
    ]);
  }

  subcategory(occupationCode: string): string | undefined {
    const occupation = this.occupations.get(occupationCode);
    return occupation ? (occupation.subcategoryCode ?? occupation.categoryCode) : undefined;
  }

  /**
   * Occupations of the same subcategory as the given ones (tea with tea, fungi with fungi), not
   * the given ones themselves: neighbouring work a person can move into.
   */
  neighbours(occupationCodes: readonly string[]): string[] {
    const groups = new Set(occupationCodes.map((code) => this.subcategory(code)).filter((g) => g !== undefined));
    if (groups.size === 0) return [];
    return [...this.occupations.values()]
      .filter((o) => groups.has(o.subcategoryCode ?? o.categoryCode) && !occupationCodes.includes(o.code))
      .map((o) => o.code);
  }

  licencesFor(occupationCode: string): readonly string[] {
    return this.occupations.get(occupationCode)?.licenceKinds ?? [];
  }

  isLicence(kind: string): boolean {
    return this.licenceKinds.has(kind);
  }

  /** A health certificate is an entry condition (food, care, beauty work), never a qualification for an occupation. */
  isHealth(kind: string): boolean {
    return this.certificates.get(kind)?.category === 'health';
  }

  /** What a person lacks: occupations closed to them by law, and licence kinds they do not hold. */
  unlicensed(certificates: readonly string[]): { occupations: string[]; kinds: string[] } {
    const held = (kind: string) => certificates.includes(kind);
    return {
      occupations: this.licensed.filter((o) => !o.kinds.some(held)).map((o) => o.code),
      kinds: [...this.licenceKinds].filter((kind) => !held(kind)).sort(),
    };
  }

  related(skillCode: string): readonly string[] {
    return this.skills.get(skillCode)?.relatedCodes ?? [];
  }

  occupationSkills(occupationCode: string): readonly string[] {
    return this.occupations.get(occupationCode)?.skillCodes ?? [];
  }

  category(occupationCode: string): string | undefined {
    return this.occupations.get(occupationCode)?.categoryCode;
  }

  /** Occupations a set of certificates qualifies for (a health certificate qualifies for none). */
  certifiedOccupations(certificates: readonly string[]): string[] {
    return [
      ...new Set(
        certificates
          .filter((code) => !this.isHealth(code))
          .flatMap((code) => this.certificates.get(code)?.occupationCodes ?? []),
      ),
    ];
  }

  certificatesFor(occupationCode: string): string[] {
    return [...this.certificates.values()]
      .filter((c) => c.category !== 'health' && c.occupationCodes.includes(occupationCode))
      .map((c) => c.code);
  }

  /** Skills one step away in the taxonomy, for a search that gives related skills partial credit. */
  withRelated(skillCodes: readonly string[]): string[] {
    return [...new Set(skillCodes.flatMap((code) => [code, ...this.related(code)]))];
  }

  skillName(code: string, lang: Lang): string {
    return pick(this.skills.get(code), lang) ?? code;
  }

  occupationName(code: string, lang: Lang): string {
    return pick(this.occupations.get(code), lang) ?? code;
  }

  certificateName(code: string, lang: Lang): string {
    return pick(this.certificates.get(code), lang) ?? code;
  }

  /** 龙岩市长汀县 in Chinese (as everywhere in the app), "Changting County, Longyan City" in English. */
  regionName(code: string, lang: Lang): string {
    if (lang !== 'en') return this.places.regionName(code) || code;
    const parts = regionPrefixes(code)
      .slice(code.length > 2 ? 1 : 0)
      .map((prefix) => this.regionsEn.get(prefix))
      .filter((name) => name !== undefined);
    return parts.length ? parts.reverse().join(', ') : code;
  }

  /** Coordinates of the region or its nearest ancestor that has them (townships have none). */
  regionPoint(code: string): Point | null {
    return this.places.regionPoint(code) ?? null;
  }
}

function pick(entry: Named | undefined, lang: Lang): string | undefined {
  if (!entry) return undefined;
  return lang === 'en' ? entry.nameEn : entry.nameZh;
}
