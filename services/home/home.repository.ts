import type { Db } from '../platform/database/prisma.ts';
import { registeredPoorWhere } from '../labourers/index.ts';

export function createHomeRepository(db: Db) {
  return {
    labourerStatusCounts: (regionPrefix: string) =>
      db.labourer.groupBy({
        by: ['employmentStatus'],
        // The officer's figures count the registered poor labour force, as the reports do.
        where: { ...registeredPoorWhere(), regionCode: { startsWith: regionPrefix } },
        _count: { _all: true },
      }),
    wantingJob: (regionPrefix: string) =>
      db.labourer.count({
        where: { ...registeredPoorWhere(), regionCode: { startsWith: regionPrefix }, wantsJob: true },
      }),
    employers: (regionPrefix: string) => db.employer.count({ where: { regionCode: { startsWith: regionPrefix } } }),
    openVacancies: (regionPrefix: string) =>
      db.vacancy.aggregate({
        where: { regionCode: { startsWith: regionPrefix }, status: 'open' },
        _count: { _all: true },
        _sum: { headcount: true },
      }),
    employerWithVacancies: (employerId: string) =>
      db.employer.findUnique({
        where: { id: employerId },
        include: { vacancies: { orderBy: { updatedAt: 'desc' }, take: 20 } },
      }),
    labourer: (labourerId: string) => db.labourer.findUnique({ where: { id: labourerId } }),
    openVacanciesNear: (regionPrefix: string, take: number) =>
      db.vacancy.findMany({
        where: { status: 'open', regionCode: { startsWith: regionPrefix }, employer: { verifiedAt: { not: null } } },
        include: { employer: { select: { name: true } } },
        orderBy: { publishedAt: 'desc' },
        take,
      }),
    usersByRole: () => db.user.groupBy({ by: ['role'], _count: { _all: true } }),
    outboxPending: () => db.searchOutbox.count(),
    region: (code: string) => db.region.findUnique({ where: { code } }),
  };
}
