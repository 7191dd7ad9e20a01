import type { Db } from '../database/prisma.ts';

/** The reference tables as the names lookup needs them: regions, occupations, skills, certificates. */
export function createReferenceRepository(db: Db) {
  return {
    tables: () =>
      Promise.all([
        db.region.findMany({ select: { code: true, name: true, nameEn: true, lat: true, lng: true } }),
        db.occupation.findMany({ select: { code: true, nameZh: true, nameEn: true, categoryCode: true } }),
        db.skill.findMany({ select: { code: true, nameZh: true } }),
        db.certificateKind.findMany({ select: { code: true, nameZh: true, nameEn: true, occupationCodes: true } }),
      ]),
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
