import { regionPrefixes } from '../platform/reference/reference-data.ts';
import type { Lang, Point } from './types.ts';

export interface TaxonomyData {
  skills: Array<{ code: string; nameZh: string; nameEn: string; relatedCodes: string[] }>;
  occupations: Array<{ code: string; categoryCode: string; nameZh: string; nameEn: string; skillCodes: string[] }>;
  certificates: Array<{ code: string; nameZh: string; nameEn: string; occupationCodes: string[] }>;
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
export class Taxonomy {
  private readonly skills: Map<string, TaxonomyData['skills'][number]>;
  private readonly occupations: Map<string, TaxonomyData['occupations'][number]>;
  private readonly certificates: Map<string, TaxonomyData['certificates'][number]>;
  private readonly regionsEn: Map<string, string>;

  constructor(
    data: TaxonomyData,
    private readonly places: PlaceNames,
  ) {
    this.skills = new Map(data.skills.map((s) => [s.code, s]));
    this.occupations = new Map(data.occupations.map((o) => [o.code, o]));
    this.certificates = new Map(data.certificates.map((c) => [c.code, c]));
    this.regionsEn = new Map(data.regionNamesEn.map((r) => [r.code, r.nameEn]));
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

  /** Occupations a set of certificates qualifies for. */
  certifiedOccupations(certificates: readonly string[]): string[] {
    return [...new Set(certificates.flatMap((code) => this.certificates.get(code)?.occupationCodes ?? []))];
  }

  certificatesFor(occupationCode: string): string[] {
    return [...this.certificates.values()].filter((c) => c.occupationCodes.includes(occupationCode)).map((c) => c.code);
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
