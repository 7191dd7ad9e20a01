import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type {
  EmployerKind,
  FollowUpState,
  ReferralStatus,
  TransferStatus,
} from '../platform/database/generated/enums.ts';

export type { CooperationAgreement } from '../platform/database/generated/client.ts';

type AgreementData = Omit<Prisma.CooperationAgreementUncheckedCreateInput, 'id' | 'createdAt' | 'updatedAt'>;

const LABOURER_BRIEF = {
  id: true,
  name: true,
  idNumberMasked: true,
  sex: true,
  birthDate: true,
  phoneMasked: true,
  regionCode: true,
  mobility: true,
  desiredOccupations: true,
  employmentStatus: true,
  wantsJob: true,
} as const satisfies Prisma.LabourerSelect;
export type LabourerBrief = Prisma.LabourerGetPayload<{ select: typeof LABOURER_BRIEF }>;

const BATCH_INCLUDE = {
  members: { include: { followUps: { orderBy: { month: 'asc' } } }, orderBy: { id: 'asc' } },
} as const satisfies Prisma.TransferBatchInclude;
export type BatchRow = Prisma.TransferBatchGetPayload<{ include: typeof BATCH_INCLUDE }>;

const COOPERATION_FAIR_STATUSES = ['ongoing', 'closed'] as const;

/** Partner-area labourers: ordinary registry rows whose household region lies in the partner area. */
function partnerWhere(partnerRegionCode: string, occupationCodes?: string[]): Prisma.LabourerWhereInput {
  return {
    erasedAt: null,
    regionCode: { startsWith: partnerRegionCode },
    ...(occupationCodes ? { wantsJob: true, desiredOccupations: { hasSome: occupationCodes } } : {}),
  };
}

/** Agreements, their stations and partner-area labourers, and the reference rows their forms offer. */
function agreementQueries(db: Db) {
  return {
    /** Agreements held by regions under the prefix, of one year when given. */
    agreements(filter: { homeRegion: string; year?: number | undefined }) {
      return db.cooperationAgreement.findMany({
        where: {
          homeRegionCode: { startsWith: filter.homeRegion },
          ...(filter.year ? { year: filter.year } : {}),
        },
        orderBy: [{ year: 'desc' }, { homeRegionCode: 'asc' }],
      });
    },
    /** Home and partner regions of this year's agreements, and of earlier ones with a transfer under way. */
    activePairings(year: number) {
      return db.cooperationAgreement.findMany({
        where: {
          OR: [{ year }, { year: { lt: year }, batches: { some: { status: { in: ['planned', 'departed'] } } } }],
        },
        select: { homeRegionCode: true, partnerRegionCode: true },
      });
    },
    agreement(id: string) {
      return db.cooperationAgreement.findUnique({ where: { id } });
    },
    createAgreement(data: AgreementData) {
      return db.cooperationAgreement.create({ data });
    },
    updateAgreement(id: string, data: Partial<AgreementData>) {
      return db.cooperationAgreement.update({ where: { id }, data });
    },
    async deleteAgreement(id: string) {
      await db.cooperationAgreement.delete({ where: { id } });
    },
    countBatches(agreementId: string) {
      return db.transferBatch.count({ where: { agreementId } });
    },

    stations(agreementId: string) {
      return db.labourStation.findMany({ where: { agreementId }, orderBy: { createdAt: 'asc' } });
    },
    createStation(data: Prisma.LabourStationUncheckedCreateInput) {
      return db.labourStation.create({ data });
    },

    /** With occupation codes: only those who want a job in one of them. */
    async partnerLabourers(partnerRegionCode: string, page: number, pageSize: number, occupationCodes?: string[]) {
      const where = partnerWhere(partnerRegionCode, occupationCodes);
      const [items, total] = await Promise.all([
        db.labourer.findMany({
          where,
          select: LABOURER_BRIEF,
          orderBy: { createdAt: 'desc' },
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.labourer.count({ where }),
      ]);
      return { items, total };
    },
    labourer(id: string) {
      return db.labourer.findUnique({ where: { id }, select: { ...LABOURER_BRIEF, erasedAt: true } });
    },
    labourers(ids: string[]) {
      return db.labourer.findMany({ where: { id: { in: ids } }, select: LABOURER_BRIEF });
    },
    employers(ids: string[]) {
      return db.employer.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, kind: true, regionCode: true },
      });
    },
    /** Verified employers of the home side that take transferred people (household-service ones by default). */
    homeEmployers(regionPrefix: string, kinds: EmployerKind[] = ['household_service']) {
      return db.employer.findMany({
        where: { kind: { in: kinds }, regionCode: { startsWith: regionPrefix }, verifiedAt: { not: null } },
        select: { id: true, name: true, kind: true, regionCode: true },
        orderBy: [{ kind: 'asc' }, { name: 'asc' }],
        take: 200,
      });
    },
    /** Cities and counties, for the region choices of the forms. */
    regionChoices() {
      return db.region.findMany({
        where: { level: { in: ['city', 'county'] } },
        select: { code: true, level: true },
        orderBy: { code: 'asc' },
      });
    },
    occupationsIn(categoryCode: string) {
      return db.occupation.findMany({ where: { categoryCode }, select: { code: true } });
    },
    vacancy(id: string) {
      return db.vacancy.findUnique({ where: { id }, select: { id: true, employerId: true } });
    },
  };
}

/** What an agreement's progress counts: fairs held, arrivals, placements and trainings. */
function progressQueries(db: Db) {
  return {
    /** Fairs held for the agreement: tied to it, or cooperation fairs between its two areas in its year. */
    fairsHeld(agreement: { id: string; homeRegionCode: string; partnerRegionCode: string; year: number }) {
      return db.fair.count({
        where: {
          status: { in: [...COOPERATION_FAIR_STATUSES] },
          OR: [
            { agreementId: agreement.id },
            {
              kind: 'cooperation',
              homeRegionCode: { startsWith: agreement.homeRegionCode },
              partnerRegionCode: { startsWith: agreement.partnerRegionCode },
              startsAt: {
                gte: new Date(Date.UTC(agreement.year, 0, 1) - 8 * 3600_000),
                lt: new Date(Date.UTC(agreement.year + 1, 0, 1) - 8 * 3600_000),
              },
            },
          ],
        },
      });
    },
    arrivedMembers(agreementIds: string[]) {
      return db.transferMember.findMany({
        where: { arrivedAt: { not: null }, batch: { agreementId: { in: agreementIds } } },
        select: {
          labourerId: true,
          employerId: true,
          batch: { select: { agreementId: true } },
          followUps: { select: { month: true, dueOn: true, state: true } },
        },
      });
    },
    placedReferrals(agreementIds: string[]) {
      return db.householdReferral.findMany({
        where: { agreementId: { in: agreementIds }, status: 'placed' },
        select: { agreementId: true, labourerId: true },
      });
    },
    trainingCounts(agreementIds: string[]) {
      return db.trainingRecord.groupBy({
        by: ['agreementId'],
        where: { agreementId: { in: agreementIds } },
        _count: { _all: true },
      });
    },
  };
}

/** Transfer batches, their members, arrivals and follow-ups. */
function transferQueries(db: Db) {
  return {
    batches(agreementId: string) {
      return db.transferBatch.findMany({
        where: { agreementId },
        include: BATCH_INCLUDE,
        orderBy: { departureDate: 'desc' },
      });
    },
    batch(id: string) {
      return db.transferBatch.findUnique({ where: { id }, include: { ...BATCH_INCLUDE, agreement: true } });
    },
    createBatch(data: Prisma.TransferBatchUncheckedCreateInput) {
      return db.transferBatch.create({ data });
    },
    setBatchStatus(id: string, status: TransferStatus) {
      return db.transferBatch.update({ where: { id }, data: { status } });
    },
    addMember(data: Prisma.TransferMemberUncheckedCreateInput) {
      return db.transferMember.create({ data });
    },
    member(id: string) {
      return db.transferMember.findUnique({ where: { id }, include: { followUps: true } });
    },
    /** Confirms one arrival and opens its follow-ups in one transaction. */
    async confirmArrival(
      memberId: string,
      data: { arrivedAt: Date | null; noShowReason: string | null; confirmedById: string },
      followUps: Array<{ month: number; dueOn: Date }>,
    ) {
      await db.$transaction(async (tx) => {
        await tx.transferMember.update({
          where: { id: memberId },
          data: {
            arrivedAt: data.arrivedAt,
            noShowReason: data.noShowReason,
            arrivalConfirmedById: data.confirmedById,
          },
        });
        await tx.transferFollowUp.deleteMany({ where: { memberId, state: null } });
        if (followUps.length) {
          await tx.transferFollowUp.createMany({
            data: followUps.map((f) => ({ ...f, memberId })),
            skipDuplicates: true,
          });
        }
      });
    },

    followUp(id: string) {
      return db.transferFollowUp.findUnique({
        where: { id },
        include: { member: { include: { batch: { include: { agreement: true } } } } },
      });
    },
    /** A person's phone ciphertext, for an audited reveal (never listed). */
    encryptedPhone(labourerId: string) {
      return db.labourer.findUnique({
        where: { id: labourerId },
        select: { id: true, regionCode: true, phoneEncrypted: true, erasedAt: true },
      });
    },
    recordFollowUp(id: string, data: { state: FollowUpState; reason: string | null; recordedById: string }) {
      return db.transferFollowUp.update({ where: { id }, data: { ...data, recordedAt: new Date() } });
    },
    /**
     * Unrecorded follow-ups due by the day given, whose batch or agreement lies within the scope
     * (only those no reminder was sent for, when asked).
     */
    dueFollowUps(today: Date, scope: string, options: { unreminded?: boolean } = {}) {
      return db.transferFollowUp.findMany({
        where: {
          state: null,
          dueOn: { lte: today },
          member: { arrivedAt: { not: null } },
          OR: [
            { member: { batch: { toRegionCode: { startsWith: scope } } } },
            { member: { batch: { agreement: { homeRegionCode: { startsWith: scope } } } } },
          ],
          ...(options.unreminded ? { remindedAt: null } : {}),
        },
        include: { member: { include: { batch: { include: { agreement: true } } } } },
        orderBy: [{ dueOn: 'asc' }, { month: 'asc' }],
      });
    },
    async markReminded(ids: string[], at: Date) {
      await db.transferFollowUp.updateMany({ where: { id: { in: ids } }, data: { remindedAt: at } });
    },
  };
}

/** Officers to remind, household referrals, training records and the audit trail. */
function householdQueries(db: Db) {
  return {
    officers() {
      return db.user.findMany({
        where: { role: 'officer', disabledAt: null, regionCode: { not: null } },
        select: { id: true, regionCode: true },
      });
    },

    referrals(agreementId: string) {
      return db.householdReferral.findMany({ where: { agreementId }, orderBy: { createdAt: 'desc' } });
    },
    referral(id: string) {
      return db.householdReferral.findUnique({ where: { id } });
    },
    createReferral(data: Prisma.HouseholdReferralUncheckedCreateInput) {
      return db.householdReferral.create({ data });
    },
    updateReferral(id: string, data: { status: ReferralStatus; note?: string | null }) {
      return db.householdReferral.update({ where: { id }, data });
    },
    trainingsOf(labourerIds: string[]) {
      return db.trainingRecord.findMany({
        where: { labourerId: { in: labourerIds } },
        orderBy: { startedOn: 'desc' },
      });
    },
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

/** The cooperation module's queries (agreements, stations, transfers, follow-ups, referrals). */
export function createCooperationRepository(db: Db) {
  return { ...agreementQueries(db), ...progressQueries(db), ...transferQueries(db), ...householdQueries(db) };
}

export type CooperationRepository = ReturnType<typeof createCooperationRepository>;
