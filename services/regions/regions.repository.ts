import type { Db } from '../platform/database/prisma.ts';

export function createRegionsRepository(db: Db) {
  return {
    children: (parentCode: string | null) => db.region.findMany({ where: { parentCode }, orderBy: { code: 'asc' } }),
    byCode: (code: string) => db.region.findUnique({ where: { code } }),
  };
}

export type RegionsRepository = ReturnType<typeof createRegionsRepository>;
