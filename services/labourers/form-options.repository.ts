import type { Db } from '../platform/database/prisma.ts';

/** The reference rows the profile forms offer as choices. */
export function createFormOptionsRepository(db: Db) {
  return {
    /** The cities of the scope's province; the counties and townships of its county (all when wider). */
    choices: (scope: string) =>
      Promise.all([
        db.region.findMany({
          where: { level: 'city', code: { startsWith: scope.slice(0, 2) } },
          orderBy: { code: 'asc' },
        }),
        db.region.findMany({
          where: { code: { startsWith: scope.slice(0, 6) }, level: { in: ['county', 'township'] } },
          orderBy: { code: 'asc' },
        }),
        db.occupationCategory.findMany({
          include: { occupations: { orderBy: { code: 'asc' } } },
          orderBy: { code: 'asc' },
        }),
        db.skill.findMany({ orderBy: { code: 'asc' } }),
        db.certificateKind.findMany({ orderBy: { code: 'asc' } }),
      ]),
  };
}

export type FormOptionsRepository = ReturnType<typeof createFormOptionsRepository>;
