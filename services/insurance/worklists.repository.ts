import { IN_WORK_STATUSES, registeredPoorWhere } from '../labourers/index.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import { caseKindOfWorklist, type WorklistKind } from './case-states.ts';
import type { Area } from '../platform/access/area.ts';
import { areaWhere } from '../platform/database/area-sql.ts';

/**
 * In work as an employee, for 工伤保险 (plan §4(3)): an in-work status other than self-employment
 * (work-injury insurance is the employer's, public-welfare posts included), or a started hire.
 */
const EMPLOYEE_STATUSES = IN_WORK_STATUSES.filter((s) => s !== 'self_employed');
/** Working away from the home county (外出务工): the registry's two transfer statuses. */
const MIGRANT_STATUSES = ['transferred_in_province', 'transferred_out_province'] as const;

/** Birthdays on or before which a person is 16, and 60, today. */
export interface AgeCutoffs {
  sixteen: Date;
  sixty: Date;
}

const PERSON_SELECT = {
  id: true,
  name: true,
  idNumberMasked: true,
  phoneMasked: true,
  regionCode: true,
  birthDate: true,
  disability: true,
  disabilityGrade: true,
  pensionInsurance: true,
  unemploymentInsurance: true,
  employmentStatus: true,
} as const satisfies Prisma.LabourerSelect;

export type PersonRow = Prisma.LabourerGetPayload<{ select: typeof PERSON_SELECT }>;

/** The registry side: a person, the people on a worklist, the areas of a scope, standings and figures. */
export function worklistQueries(db: Db) {
  return {
    person: (id: string) => db.labourer.findFirst({ where: { id, erasedAt: null }, select: PERSON_SELECT }),

    /**
     * Registered poor people under the prefix on a worklist (worklists.ts says who), or with an
     * open case of its kind; `limit + 1` rows tell the caller whether the list was cut.
     */
    async worklistPeople(prefix: string, kind: WorklistKind, cut: AgeCutoffs, limit: number) {
      const standing = (where: Prisma.InsuranceStandingWhereInput) =>
        db.insuranceStanding.findMany({ where, select: { labourerId: true } }).then((r) => r.map((s) => s.labourerId));
      const openCase = await db.insuranceCase
        .findMany({
          where: { kind: caseKindOfWorklist(kind), closedAt: null, regionCode: { startsWith: prefix } },
          select: { labourerId: true },
        })
        .then((r) => r.map((c) => c.labourerId));
      const receiving =
        kind === 'pension_60_plus' || kind === 'home_visit'
          ? await standing({ receivingBenefitSince: { not: null } })
          : [];
      const graded = kind === 'government_paid' ? await standing({ governmentPaidGrade: { not: null } }) : [];
      const visit =
        kind === 'home_visit' ? await standing({ OR: [{ visitNeed: { not: null } }, { missingPapers: true }] }) : [];
      const injuryInsured = kind === 'work_injury' ? await standing({ workInjuryInsured: true }) : [];
      const benefitPaid = kind === 'unemployment_benefit' ? await standing({ unemploymentBenefit: true }) : [];
      const working = { birthDate: { lte: cut.sixteen, gt: cut.sixty } };
      const conditions: Record<WorklistKind, Prisma.LabourerWhereInput> = {
        uninsured: { ...working, pensionInsurance: 'none' },
        pension_60_plus: {
          birthDate: { lte: cut.sixty },
          OR: [{ pensionInsurance: 'none' }, { id: { notIn: receiving } }],
        },
        government_paid: {
          ...working,
          pensionInsurance: { in: ['none', 'urban_rural_resident'] },
          id: { notIn: graded },
        },
        home_visit: {
          AND: [
            { OR: [{ disability: true, disabilityGrade: { lte: 2 } }, { id: { in: visit } }] },
            { OR: [{ pensionInsurance: 'none' }, { birthDate: { lte: cut.sixty }, id: { notIn: receiving } }] },
          ],
        },
        // In work as an employee (status or a started hire), work-injury insurance not recorded.
        work_injury: {
          OR: [{ employmentStatus: { in: EMPLOYEE_STATUSES } }, { applications: { some: { status: 'started' } } }],
          id: { notIn: injuryInsured },
        },
        // 应发尽发: left migrant work for unemployment, insured against it, no benefit recorded.
        unemployment_benefit: {
          employmentStatus: 'unemployed',
          unemploymentInsurance: true,
          statusChanges: { some: { fromStatus: { in: [...MIGRANT_STATUSES] }, toStatus: 'unemployed' } },
          id: { notIn: benefitPaid },
        },
      };
      return db.labourer.findMany({
        where: {
          AND: [
            registeredPoorWhere(),
            { regionCode: { startsWith: prefix } },
            { OR: [conditions[kind], { id: { in: openCase } }] },
          ],
        },
        select: PERSON_SELECT,
        orderBy: [{ regionCode: 'asc' }, { id: 'asc' }],
        take: limit + 1,
      });
    },

    /** County (6-digit) and township (9-digit) codes under the prefix where people are registered. */
    async areasUnder(prefix: string): Promise<string[]> {
      const rows = await db.labourer.groupBy({
        by: ['regionCode'],
        where: { erasedAt: null, regionCode: { startsWith: prefix } },
      });
      const codes = new Set<string>();
      for (const { regionCode } of rows) {
        if (regionCode.length >= 6) codes.add(regionCode.slice(0, 6));
        if (regionCode.length >= 9) codes.add(regionCode.slice(0, 9));
      }
      return [...codes].filter((code) => code.length > prefix.length || code === prefix).sort();
    },

    standings: (labourerIds: string[]) => db.insuranceStanding.findMany({ where: { labourerId: { in: labourerIds } } }),

    /** Counts for the figures: 60+ receiving, 代缴, open cases by kind, in an area (a prefix or several). */
    async figures(area: Area, cut: AgeCutoffs) {
      const sixtyBirthday = cut.sixty;
      const inRegion = { AND: [registeredPoorWhere(), areaWhere('regionCode', area)] };
      const ids = async (where: Prisma.InsuranceStandingWhereInput) =>
        (await db.insuranceStanding.findMany({ where, select: { labourerId: true } })).map((s) => s.labourerId);
      const receiving = await ids({ receivingBenefitSince: { not: null } });
      const paid = await ids({ governmentPaidGrade: { not: null } });
      const [eligible, covered, aged60, receiving60, governmentPaid, open] = await Promise.all([
        db.labourer.count({ where: { ...inRegion, birthDate: { lte: cut.sixteen } } }),
        db.labourer.count({
          where: { ...inRegion, birthDate: { lte: cut.sixteen }, pensionInsurance: { not: 'none' } },
        }),
        db.labourer.count({ where: { ...inRegion, birthDate: { lte: sixtyBirthday } } }),
        db.labourer.count({ where: { ...inRegion, birthDate: { lte: sixtyBirthday }, id: { in: receiving } } }),
        db.labourer.count({ where: { ...inRegion, id: { in: paid } } }),
        db.insuranceCase.groupBy({
          by: ['kind'],
          where: { ...areaWhere('regionCode', area), closedAt: null },
          _count: { _all: true },
        }),
      ]);
      return {
        eligible,
        covered,
        aged60,
        receiving60,
        governmentPaid,
        open: open.map((g) => ({ kind: g.kind, count: g._count._all })),
      };
    },
  };
}
