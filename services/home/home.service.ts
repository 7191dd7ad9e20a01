import { EMPLOYMENT_STATUSES } from '../labourers/index.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { createHomeRepository } from './home.repository.ts';

type Repo = ReturnType<typeof createHomeRepository>;

const STATUS_ORDER = EMPLOYMENT_STATUSES;

/** The figures each role's home page shows; officers see only their region prefix. */
export function createHomeService(repo: Repo) {
  return {
    async officer(user: SessionUser) {
      const scope = user.regionCode ?? '35';
      const [counts, wanting, employers, open, region] = await Promise.all([
        repo.labourerStatusCounts(scope),
        repo.wantingJob(scope),
        repo.employers(scope),
        repo.openVacancies(scope),
        repo.region(scope),
      ]);
      const total = counts.reduce((sum, row) => sum + row._count._all, 0);
      const byStatus = STATUS_ORDER.map((status) => {
        const count = counts.find((row) => row.employmentStatus === status)?._count._all ?? 0;
        return { status, count, percent: total ? Math.round((count / total) * 1000) / 10 : 0 };
      });
      return {
        scopeName: region?.name ?? scope,
        scopeNameEn: region?.nameEn ?? scope,
        scope,
        totals: { labourers: total, wanting, employers, vacancies: open._count._all, places: open._sum.headcount ?? 0 },
        byStatus,
      };
    },

    async employer(user: SessionUser) {
      return user.employerId ? repo.employerWithVacancies(user.employerId) : null;
    },

    async labourer(user: SessionUser) {
      const labourer = user.labourerId ? await repo.labourer(user.labourerId) : null;
      const county = labourer?.regionCode.slice(0, 6) ?? user.regionCode ?? '35';
      const nearby = await repo.openVacanciesNear(county, 6);
      return { labourer, nearby };
    },

    async admin() {
      const [users, outbox] = await Promise.all([repo.usersByRole(), repo.outboxPending()]);
      return { users: users.map((u) => ({ role: u.role, count: u._count._all })), outbox };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
