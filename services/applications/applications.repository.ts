import { enqueueIndexing } from '../../search-index/outbox.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type {
  ApplicationOrigin,
  ApplicationStatus,
  EmploymentStatus,
  Role,
} from '../platform/database/generated/enums.ts';
import { IN_WORK_STATUSES } from './application-states.ts';
import { HIRE_STATUSES } from './employment-effects.ts';

type Tx = Prisma.TransactionClient;

/** Applications to an employer's vacancies, of people under a region prefix, to a vacancy, of a person, in a status. */
export interface ApplicationFilter {
  employerId?: string;
  labourerRegion?: string;
  vacancyId?: string | undefined;
  labourerId?: string | undefined;
  status?: ApplicationStatus | undefined;
}

function applicationWhere(f: ApplicationFilter): Prisma.ApplicationWhereInput {
  const and: Prisma.ApplicationWhereInput[] = [];
  if (f.employerId) and.push({ vacancy: { employerId: f.employerId } });
  if (f.labourerRegion !== undefined) and.push({ labourer: { regionCode: { startsWith: f.labourerRegion } } });
  if (f.vacancyId) and.push({ vacancyId: f.vacancyId });
  if (f.labourerId) and.push({ labourerId: f.labourerId });
  if (f.status) and.push({ status: f.status });
  return { AND: and };
}

export const APPLICATION_INCLUDE = {
  labourer: {
    select: {
      id: true,
      name: true,
      idNumberMasked: true,
      sex: true,
      birthDate: true,
      regionCode: true,
      expectedWage: true,
      erasedAt: true,
      skills: { select: { skillCode: true }, orderBy: { skillCode: 'asc' } },
    },
  },
  vacancy: {
    select: {
      id: true,
      title: true,
      status: true,
      employerId: true,
      regionCode: true,
      wageMin: true,
      wageMax: true,
      payBasis: true,
      headcount: true,
      publicWelfarePost: true,
      employer: { select: { name: true } },
    },
  },
} as const satisfies Prisma.ApplicationInclude;

export type ApplicationRow = Prisma.ApplicationGetPayload<{ include: typeof APPLICATION_INCLUDE }>;

const VACANCY_FOR_APPLY = {
  id: true,
  title: true,
  status: true,
  expiresAt: true,
  publicWelfarePost: true,
  headcount: true,
  regionCode: true,
  employerId: true,
  skillCodes: true,
  ageMin: true,
  ageMax: true,
  employer: { select: { name: true, verifiedAt: true, regionCode: true } },
} as const satisfies Prisma.VacancySelect;

export type VacancyForApplications = Prisma.VacancyGetPayload<{ select: typeof VACANCY_FOR_APPLY }>;

/** A change of the person's employment status that goes with a step (hire, start, leave). */
export interface EmploymentChange {
  labourerId: string;
  /** The status a hire gives; 'unemployed' for a leave, applied only if no other job is running. */
  to: EmploymentStatus;
  since: Date;
  note: string;
}

export interface TransitionWrite {
  id: string;
  from: ApplicationStatus;
  to: ApplicationStatus;
  data: Prisma.ApplicationUncheckedUpdateManyInput;
  byId: string;
  note: string | null;
  employment?: EmploymentChange;
  /** Set on a hire: the vacancy becomes filled when its hires reach the headcount. */
  fillVacancy?: { id: string; headcount: number };
}

async function changeEmployment(tx: Tx, applicationId: string, change: EmploymentChange, byId: string) {
  const person = await tx.labourer.findUniqueOrThrow({
    where: { id: change.labourerId },
    select: { employmentStatus: true },
  });
  if (change.to === 'unemployed') {
    // Someone still in another job, or whose status an officer has since corrected, keeps it.
    const otherJobs = await tx.application.count({
      where: { labourerId: change.labourerId, id: { not: applicationId }, status: { in: [...IN_WORK_STATUSES] } },
    });
    if (otherJobs > 0 || !HIRE_STATUSES.includes(person.employmentStatus)) return;
  }
  if (person.employmentStatus !== change.to) {
    await tx.labourer.update({
      where: { id: change.labourerId },
      data: { employmentStatus: change.to, employmentStatusSince: change.since },
    });
    await tx.labourerStatusChange.create({
      data: {
        labourerId: change.labourerId,
        fromStatus: person.employmentStatus,
        toStatus: change.to,
        changedById: byId,
        source: 'application',
        note: change.note,
      },
    });
  }
  await enqueueIndexing(tx, 'labourers', [change.labourerId]);
}

/** Reading: what an application is made of, applications and their history. */
function applicationLookups(db: Db) {
  return {
    vacancy: (id: string) => db.vacancy.findUnique({ where: { id }, select: VACANCY_FOR_APPLY }),

    labourer: (id: string) =>
      db.labourer.findUnique({
        where: { id },
        select: {
          id: true,
          regionCode: true,
          hardToEmploy: true,
          erasedAt: true,
          consentShowEmployer: true,
          wantsJob: true,
        },
      }),

    employer: (id: string) =>
      db.employer.findUnique({ where: { id }, select: { id: true, name: true, regionCode: true } }),

    existing: (labourerId: string, vacancyId: string) =>
      db.application.findUnique({
        where: { labourerId_vacancyId: { labourerId, vacancyId } },
        select: { id: true, status: true },
      }),

    /** The new application and its first history row; null when it already exists (unique pair). */
    async create(data: {
      labourerId: string;
      vacancyId: string;
      status: ApplicationStatus;
      origin: ApplicationOrigin;
      createdById: string;
      note: string | null;
    }): Promise<string | null> {
      try {
        return await db.$transaction(async (tx) => {
          const { note, ...fields } = data;
          const created = await tx.application.create({ data: fields, select: { id: true } });
          await tx.applicationTransition.create({
            data: { applicationId: created.id, fromStatus: null, toStatus: data.status, byId: data.createdById, note },
          });
          return created.id;
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },

    find: (id: string) => db.application.findUnique({ where: { id }, include: APPLICATION_INCLUDE }),

    transitions: (applicationId: string) =>
      db.applicationTransition.findMany({ where: { applicationId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),

    users: async (ids: string[]) =>
      new Map(
        (
          await db.user.findMany({
            where: { id: { in: [...new Set(ids)] } },
            select: { id: true, displayName: true, role: true },
          })
        ).map((u) => [u.id, u as { id: string; displayName: string; role: Role }]),
      ),

    async list(filter: ApplicationFilter, page: number, pageSize: number) {
      const where = applicationWhere(filter);
      const [items, total] = await Promise.all([
        db.application.findMany({
          where,
          include: APPLICATION_INCLUDE,
          orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.application.count({ where }),
      ]);
      return { items, total };
    },
  };
}

/** Writing a step with its effects, and what the candidate list and the retention page count. */
function applicationSteps(db: Db) {
  return {
    /** Applies one step; false when the application moved on meanwhile (nothing is written). */
    transition: (write: TransitionWrite) =>
      db.$transaction(async (tx) => {
        const moved = await tx.application.updateMany({
          where: { id: write.id, status: write.from },
          data: { ...write.data, status: write.to },
        });
        if (moved.count === 0) return false;
        await tx.applicationTransition.create({
          data: {
            applicationId: write.id,
            fromStatus: write.from,
            toStatus: write.to,
            byId: write.byId,
            note: write.note,
          },
        });
        if (write.employment) await changeEmployment(tx, write.id, write.employment, write.byId);
        if (write.fillVacancy) {
          const hires = await tx.application.count({
            where: { vacancyId: write.fillVacancy.id, status: { in: [...IN_WORK_STATUSES] } },
          });
          if (hires >= write.fillVacancy.headcount) {
            const filled = await tx.vacancy.updateMany({
              where: { id: write.fillVacancy.id, status: { in: ['open', 'paused'] } },
              data: { status: 'filled' },
            });
            if (filled.count) await enqueueIndexing(tx, 'vacancies', [write.fillVacancy.id]);
          }
        }
        return true;
      }),

    /** Applications of these people to this vacancy, for the candidate list. */
    statusesFor: async (vacancyId: string, labourerIds: string[]) =>
      new Map(
        (
          await db.application.findMany({
            where: { vacancyId, labourerId: { in: labourerIds } },
            select: { labourerId: true, status: true },
          })
        ).map((a) => [a.labourerId, a.status]),
      ),

    /** Every hire of an employer, and each vacancy with its number of applicants, for retention. */
    async retention(employerId: string) {
      const [hires, vacancies] = await Promise.all([
        db.application.findMany({
          where: { vacancy: { employerId }, hiredAt: { not: null } },
          select: { vacancyId: true, status: true, hiredAt: true, startedAt: true, leftAt: true },
        }),
        db.vacancy.findMany({
          where: { employerId },
          select: {
            id: true,
            title: true,
            status: true,
            headcount: true,
            _count: { select: { applications: { where: { status: { notIn: ['invited'] } } } } },
          },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        }),
      ]);
      return { hires, vacancies };
    },
  };
}

/** The applications module's queries. A step, its history row and its effects commit together. */
export function createApplicationsRepository(db: Db) {
  return { ...applicationLookups(db), ...applicationSteps(db) };
}

export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
