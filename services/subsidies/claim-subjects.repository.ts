import type { Db } from '../platform/database/prisma.ts';

const TAKE = 30;

/** What an officer picks a claim's subject from, within their region: people, hires, fairs. */
export function createClaimSubjectsRepository(db: Db) {
  return {
    /** People of the region whose name contains the words, not erased. */
    people: (prefix: string, q: string) =>
      db.labourer.findMany({
        where: { regionCode: { startsWith: prefix }, erasedAt: null, name: { contains: q } },
        select: { id: true, name: true, idNumberMasked: true, regionCode: true },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: TAKE,
      }),

    /** Hires by employers of the region, found by the person's or the employer's name. */
    hires: (prefix: string, q: string, welfarePost: boolean) =>
      db.application.findMany({
        where: {
          status: { in: ['started', 'left'] },
          startedAt: { not: null },
          vacancy: { publicWelfarePost: welfarePost, employer: { regionCode: { startsWith: prefix } } },
          ...(q
            ? { OR: [{ labourer: { name: { contains: q } } }, { vacancy: { employer: { name: { contains: q } } } }] }
            : {}),
        },
        select: {
          id: true,
          startedAt: true,
          labourer: { select: { name: true } },
          vacancy: { select: { title: true, employer: { select: { name: true } } } },
        },
        orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
        take: TAKE,
      }),

    /** Fairs held or run by the region, newest first. */
    fairs: (prefix: string) =>
      db.fair.findMany({
        where: {
          status: { not: 'cancelled' },
          OR: [{ regionCode: { startsWith: prefix } }, { homeRegionCode: { startsWith: prefix } }],
        },
        select: { id: true, name: true, startsAt: true },
        orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
        take: TAKE,
      }),
  };
}

export type ClaimSubjectsRepository = ReturnType<typeof createClaimSubjectsRepository>;
