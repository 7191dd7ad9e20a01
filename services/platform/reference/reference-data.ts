import type { ReferenceRepository } from './reference.repository.ts';

export interface RegionInfo {
  nameEn?: string;
  name: string;
  lat: number | null;
  lng: number | null;
}

/** 350821100 → [35, 3508, 350821, 350821100]: lets a filter on any ancestor match. */
export function regionPrefixes(code: string): string[] {
  const cuts = [2, 4, 6, 9, 12].filter((n) => n <= code.length);
  return cuts.map((n) => code.slice(0, n));
}

export type ReferenceData = [
  regions: Map<string, RegionInfo>,
  occupations: Map<string, { name: string; nameEn?: string; categoryCode: string }>,
  skills: Map<string, string>,
  certificates: Map<string, { name: string; nameEn?: string; occupationCodes: string[] }>,
];

/** Names and coordinates of the reference tables, loaded once: they change only with a migration. */
export class ReferenceNames {
  private constructor(
    private readonly regions: Map<string, RegionInfo>,
    private readonly occupations: Map<string, { name: string; nameEn?: string; categoryCode: string }>,
    private readonly skills: Map<string, string>,
    private readonly certificates: Map<string, { name: string; nameEn?: string; occupationCodes: string[] }>,
  ) {}

  /** Reads the tables through the repository (`ReferenceNames.load(createReferenceRepository(db))`). */
  static async load(repo: ReferenceRepository): Promise<ReferenceNames> {
    const [regions, occupations, skills, certificates] = await repo.tables();
    return new ReferenceNames(
      new Map(regions.map((r) => [r.code, { name: r.name, nameEn: r.nameEn, lat: r.lat, lng: r.lng }])),
      new Map(occupations.map((o) => [o.code, { name: o.nameZh, nameEn: o.nameEn, categoryCode: o.categoryCode }])),
      new Map(skills.map((s) => [s.code, s.nameZh])),
      new Map(
        certificates.map((c) => [c.code, { name: c.nameZh, nameEn: c.nameEn, occupationCodes: c.occupationCodes }]),
      ),
    );
  }

  /** The tables as plain data, for a worker thread of this process (`ReferenceNames.fromData`). */
  data(): ReferenceData {
    return [this.regions, this.occupations, this.skills, this.certificates];
  }

  static fromData([regions, occupations, skills, certificates]: ReferenceData): ReferenceNames {
    return new ReferenceNames(regions, occupations, skills, certificates);
  }

  /** Full name from the city down, e.g. 龙岩市长汀县. */
  regionName(code: string): string {
    return regionPrefixes(code)
      .slice(1)
      .map((prefix) => this.regions.get(prefix)?.name ?? '')
      .join('');
  }

  /** The region's name in the reader's language: 龙岩市长汀县, or "Changting County, Longyan". */
  regionNameIn(code: string, locale: string): string {
    if (locale !== 'en') return this.regionName(code);
    return regionPrefixes(code)
      .slice(1)
      .reverse()
      .map((prefix) => this.regions.get(prefix)?.nameEn ?? '')
      .filter(Boolean)
      .join(', ');
  }

  /** An occupation's or certificate's name in the reader's language (the code when unknown). */
  nameIn(table: 'occupation' | 'certificate', code: string, locale: string): string {
    const row = (table === 'occupation' ? this.occupations : this.certificates).get(code);
    if (!row) return code;
    return locale === 'en' && row.nameEn ? row.nameEn : row.name;
  }

  /** Coordinates of the region or of its nearest ancestor that has them. */
  regionPoint(code: string): { lat: number; lng: number } | undefined {
    for (const prefix of regionPrefixes(code).reverse()) {
      const region = this.regions.get(prefix);
      if (region?.lat != null && region.lng != null) return { lat: region.lat, lng: region.lng };
    }
    return undefined;
  }

  hasRegion(code: string): boolean {
    return this.regions.has(code);
  }

  hasSkill(code: string): boolean {
    return this.skills.has(code);
  }

  hasOccupation(code: string): boolean {
    return this.occupations.has(code);
  }

  certificate(code: string) {
    return this.certificates.get(code);
  }

  /** True when a township or village code lies under a known region (villages are not in the reference). */
  isKnownPlace(code: string): boolean {
    if (this.regions.has(code)) return true;
    if (code.length === 12)
      return (
        this.regions.has(code.slice(0, 9)) ||
        (this.regions.has(code.slice(0, 6)) && !this.hasTownships(code.slice(0, 6)))
      );
    if (code.length === 9) return this.regions.has(code.slice(0, 6)) && !this.hasTownships(code.slice(0, 6));
    return false;
  }

  private townshipCounties: Set<string> | undefined;
  private hasTownships(county: string): boolean {
    this.townshipCounties ??= new Set([...this.regions.keys()].filter((c) => c.length === 9).map((c) => c.slice(0, 6)));
    return this.townshipCounties.has(county);
  }

  occupation(code: string) {
    return this.occupations.get(code);
  }

  skillNames(codes: string[]): string[] {
    return codes.map((code) => this.skills.get(code) ?? code);
  }

  occupationNames(codes: string[]): string[] {
    return codes.map((code) => this.occupations.get(code)?.name ?? code);
  }

  /** Every known region, code and name (provinces, cities, counties, townships). */
  places(): Array<{ code: string; name: string }> {
    return [...this.regions].map(([code, { name }]) => ({ code, name }));
  }
}
