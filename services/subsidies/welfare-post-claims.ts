import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors/domain-errors.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { chinaMonth, subjectKey } from './claim-rules.ts';
import type { BusinessInput } from './claims.contract.ts';
import type { ClaimsRepository } from './claims.repository.ts';
import type { ClaimActor, ClaimsService } from './claims.service.ts';

/** The two programmes a public-welfare post earns each month, in place of the hiring subsidy (plan §2(1)). */
export const WELFARE_POST_PROGRAMMES = ['public_welfare_post', 'public_welfare_insurance'] as const;

const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);

/**
 * Month claims for people in public-welfare posts: one post-subsidy and one social-insurance claim
 * per person and month, created submitted. Running it again for the same month creates nothing:
 * the subject key (programme, hire, month) is unique.
 */
export function createWelfarePostClaims({ repo, claims }: { repo: ClaimsRepository; claims: ClaimsService }) {
  return {
    async generate(actor: ClaimActor, month: string, requestId?: string) {
      const prefix = actor ? scopePrefix(actor) : '';
      const hires = (await repo.welfarePostHires(monthStart(month), prefix)).filter(
        (h) => h.startedAt && chinaMonth(h.startedAt) <= month,
      );
      const wanted = hires.flatMap((h) =>
        WELFARE_POST_PROGRAMMES.map((code) => ({
          code,
          hire: h,
          key: subjectKey(code, 'hire_month', { applicationId: h.id, month })!,
        })),
      );
      const existing = await repo.existingKeys(wanted.map((w) => w.key));
      let created = 0;
      for (const w of wanted.filter((x) => !existing.has(x.key))) {
        try {
          await claims.create(
            actor,
            { programmeCode: w.code, applicationId: w.hire.id, month, evidence: {}, submit: true },
            requestId,
          );
          created += 1;
        } catch (error) {
          // A claim made meanwhile, or a hire that fails a check this month: nothing to add.
          if (!(error instanceof ConflictError)) throw error;
        }
      }
      return { created, existing: existing.size };
    },
  };
}

/** Records a business a person registered (创业登记), within the officer's region. */
export async function recordBusiness(
  repo: ClaimsRepository,
  actor: SessionUser,
  input: BusinessInput,
  requestId: string,
) {
  const person = await repo.person(input.labourerId);
  if (!person) throw new NotFoundError(`Labourer ${input.labourerId} does not exist`);
  if (!person.regionCode.startsWith(scopePrefix(actor))) throw new ForbiddenError('The person is outside your region');
  const row = await repo.recordBusiness(
    {
      labourerId: person.id,
      name: input.name,
      licenceNo: input.licenceNo ?? null,
      registeredOn: new Date(`${input.registeredOn}T00:00:00Z`),
      returningMigrant: input.returningMigrant,
      recordedById: actor.id,
    },
    { actor, action: 'labourer.business.record', requestId, details: { labourerId: person.id, name: input.name } },
  );
  return { id: row.id, labourerId: row.labourerId, registeredOn: input.registeredOn };
}
