import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { type AgreementsService, HOUSEHOLD_CATEGORY, partnerLabourerView } from './agreements.service.ts';
import type { ReferralInput, ReferralPatch, ReferralView } from './cooperation-schemas.contract.ts';
import type { CooperationRepository } from './cooperation.repository.ts';
import { trainingView } from '../training/index.ts';

type ReferralRow = NonNullable<Awaited<ReturnType<CooperationRepository['referral']>>>;

/** Household-service docking (家政对接): partner-area people willing to do household work, referred to companies. */
export function createHouseholdService(deps: {
  repo: CooperationRepository;
  agreements: AgreementsService;
  reference: () => Promise<ReferenceNames>;
}) {
  const { repo, agreements } = deps;

  async function views(rows: ReferralRow[]): Promise<ReferralView[]> {
    const [people, employers] = await Promise.all([
      repo.labourers(rows.map((r) => r.labourerId)),
      repo.employers(rows.map((r) => r.employerId)),
    ]);
    const name = new Map(people.map((p) => [p.id, p.name]));
    const employer = new Map(employers.map((e) => [e.id, e.name]));
    return rows.map((r) => ({
      id: r.id,
      labourerId: r.labourerId,
      name: name.get(r.labourerId) ?? '',
      employerId: r.employerId,
      employerName: employer.get(r.employerId) ?? '',
      agreementId: r.agreementId,
      status: r.status,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  return {
    async referrals(actor: SessionUser, agreementId: string) {
      await agreements.load(actor, agreementId);
      return views(await repo.referrals(agreementId));
    },

    /** The docking board: willing people with their trainings and referrals, and the companies to refer to. */
    async docking(actor: SessionUser, agreementId: string) {
      const agreement = await agreements.load(actor, agreementId);
      const ref = await deps.reference();
      const codes = (await repo.occupationsIn(HOUSEHOLD_CATEGORY)).map((o) => o.code);
      const { items } = await repo.partnerLabourers(agreement.partnerRegionCode, 1, 200, codes);
      const ids = items.map((p) => p.id);
      const [trainings, referrals, employers] = await Promise.all([
        repo.trainingsOf(ids),
        views((await repo.referrals(agreementId)).filter((r) => ids.includes(r.labourerId))),
        repo.homeEmployers(agreement.homeRegionCode),
      ]);
      const companies = employers.map((e) => ({ id: e.id, name: e.name, regionName: ref.regionName(e.regionCode) }));
      return {
        candidates: items.map((p) => {
          const own = referrals.filter((r) => r.labourerId === p.id);
          return {
            ...partnerLabourerView(p, ref),
            trainings: trainings.filter((t) => t.labourerId === p.id).map((t) => trainingView(t, ref)),
            referrals: own,
            // A person is referred to a company once: the form offers only the companies not yet tried.
            referable: companies.filter((c) => !own.some((r) => r.employerId === c.id)),
          };
        }),
        employers: companies,
      };
    },

    async refer(actor: SessionUser, agreementId: string, input: ReferralInput) {
      const agreement = await agreements.load(actor, agreementId);
      const person = await repo.labourer(input.labourerId);
      if (!person || person.erasedAt) throw new NotFoundError(`Labourer ${input.labourerId} does not exist`);
      const issues = [];
      if (!person.regionCode.startsWith(agreement.partnerRegionCode))
        issues.push({ field: 'labourerId', code: 'outside_partner_area', message: 'must live in the partner area' });
      const [employer] = await repo.employers([input.employerId]);
      if (employer?.kind !== 'household_service')
        issues.push({ field: 'employerId', code: 'not_household', message: 'must be a household-service company' });
      if (issues.length) throw new ValidationError('The referral is not valid', issues);
      try {
        const row = await repo.createReferral({
          labourerId: input.labourerId,
          employerId: input.employerId,
          agreementId,
          note: input.note ?? null,
          createdById: actor.id,
        });
        return (await views([row]))[0]!;
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002')
          throw new ConflictError('The person was already referred to this company', { reason: 'referred' });
        throw error;
      }
    },

    async updateReferral(actor: SessionUser, id: string, patch: ReferralPatch) {
      const row = await repo.referral(id);
      if (!row) throw new NotFoundError(`Referral ${id} does not exist`);
      if (row.agreementId) await agreements.load(actor, row.agreementId);
      else throw new NotFoundError(`Referral ${id} belongs to no agreement`);
      const saved = await repo.updateReferral(id, {
        status: patch.status,
        ...(patch.note !== undefined ? { note: patch.note } : {}),
      });
      return (await views([saved]))[0]!;
    },
  };
}

export type HouseholdService = ReturnType<typeof createHouseholdService>;
