import type { RegistryLookup } from '../labourers/index.ts';
import type { GraduatesRepository } from './graduates.repository.ts';

/** A graduate who may claim the one-time 2,000-yuan job-seeking/start-up subsidy (求职创业补贴). */
export interface SubsidyEligibleGraduate {
  graduateId: string;
  labourerId: string;
  regionCode: string;
  graduationYear: number;
  schoolKind: string;
  wish: 'job' | 'start_up';
  status: string;
}

/**
 * Plan §5(4): graduates of the schools listed, in their graduation year, of registered poor families,
 * who mean to work or start a business (有就业创业意愿并积极求职创业). The subsidy programme (claim
 * engine) is fed from this list; the graduates module decides nothing about payment.
 */
export function createSubsidyFeed(repo: GraduatesRepository, registry: RegistryLookup) {
  return {
    async eligibleGraduates(regionPrefix: string, graduationYear: number): Promise<SubsidyEligibleGraduate[]> {
      const rows = (await repo.ofYear(regionPrefix, graduationYear)).filter((g) => g.wish !== 'further_study');
      const people = await registry.byIds(rows.map((g) => g.labourerId));
      return rows
        .filter((g) => people.get(g.labourerId)?.registeredPoor)
        .map((g) => ({
          graduateId: g.id,
          labourerId: g.labourerId,
          regionCode: g.regionCode,
          graduationYear: g.graduationYear,
          schoolKind: g.schoolKind,
          wish: g.wish as 'job' | 'start_up',
          status: g.status,
        }));
    },
  };
}

export type SubsidyFeed = ReturnType<typeof createSubsidyFeed>;
