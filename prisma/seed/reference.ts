import fs from 'node:fs';
import path from 'node:path';
import type { CertificateCategory } from '../../services/platform/database/generated/enums.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import { PROJECT_ROOT } from '../../services/platform/project-root.ts';

const DIR = path.join(PROJECT_ROOT, 'prisma/reference');

interface RegionRow {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
  lat: number | null;
  lng: number | null;
  keyCounty?: boolean;
}
interface Taxonomy {
  categories: { code: string; nameZh: string; nameEn: string }[];
  occupations: {
    code: string;
    categoryCode: string;
    /** A finer group inside the category (matching's related occupations); the category when absent. */
    subcategoryCode?: string;
    nameZh: string;
    nameEn: string;
    skills: string[];
    /** Certificate kinds of which the law requires one (an operating licence). */
    licences?: string[];
  }[];
  skills: { code: string; nameZh: string; nameEn: string; related: string[] }[];
}

interface CertificateRow {
  code: string;
  nameZh: string;
  nameEn: string;
  /** vocational_qualification, skill_level, special_ability, operating_licence, health or other. */
  category: CertificateCategory;
  occupations: string[];
}

export function readCertificates(): CertificateRow[] {
  return JSON.parse(fs.readFileSync(path.join(DIR, 'certificates.json'), 'utf8')) as CertificateRow[];
}

export function readRegions(): RegionRow[] {
  return JSON.parse(fs.readFileSync(path.join(DIR, 'regions.json'), 'utf8')) as RegionRow[];
}
export function readTaxonomy(): Taxonomy {
  return JSON.parse(fs.readFileSync(path.join(DIR, 'occupations.json'), 'utf8')) as Taxonomy;
}

/** Loads the reference tables when they differ in size from the files (first start, or new data). */
export async function loadReferenceData(db: Db): Promise<{ loaded: boolean }> {
  const regions = readRegions();
  const taxonomy = readTaxonomy();
  const certificates = readCertificates();
  const [regionCount, occupationCount, skillCount, certificateCount] = await Promise.all([
    db.region.count(),
    db.occupation.count(),
    db.skill.count(),
    db.certificateKind.count(),
  ]);
  if (
    regionCount === regions.length &&
    occupationCount === taxonomy.occupations.length &&
    skillCount === taxonomy.skills.length &&
    certificateCount === certificates.length
  ) {
    return { loaded: false };
  }
  await db.$transaction(
    async (tx) => {
      await tx.region.createMany({
        data: regions.map((r) => ({ ...r, keyCounty: r.keyCounty ?? false })),
        skipDuplicates: true,
      });
      await tx.certificateKind.createMany({
        data: certificates.map((c) => ({
          code: c.code,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          category: c.category,
          occupationCodes: c.occupations,
        })),
        skipDuplicates: true,
      });
      await tx.occupationCategory.createMany({ data: taxonomy.categories, skipDuplicates: true });
      await tx.skill.createMany({
        data: taxonomy.skills.map((s) => ({
          code: s.code,
          nameZh: s.nameZh,
          nameEn: s.nameEn,
          relatedCodes: s.related,
        })),
        skipDuplicates: true,
      });
      await tx.occupation.createMany({
        data: taxonomy.occupations.map((o) => ({
          code: o.code,
          categoryCode: o.categoryCode,
          nameZh: o.nameZh,
          nameEn: o.nameEn,
          skillCodes: o.skills,
          subcategoryCode: o.subcategoryCode ?? o.categoryCode,
          licenceKinds: o.licences ?? [],
        })),
        skipDuplicates: true,
      });
    },
    { timeout: 60_000 },
  );
  return { loaded: true };
}
