import type { PiiCipher } from '../platform/crypto/pii.ts';
import { NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { assertHomeInScope } from './agreements.service.ts';
import type { CooperationRepository } from './cooperation.repository.ts';

/**
 * A partner-area person's phone in clear, for the officer who follows them up or docks them with
 * a household-service company. Lists show the masked number; each reading is audited like the
 * registry's reveal (`labourer.phone.read`), naming the cooperation record it was made from. The
 * officer's right comes from the agreement's home side, since the person lives outside their region.
 */
export function createPhoneReveal(deps: { repo: CooperationRepository; pii: PiiCipher }) {
  const { repo, pii } = deps;

  async function reveal(
    actor: SessionUser,
    labourerId: string,
    requestId: string,
    via: Record<string, string>,
    partnerRegionCode?: string,
  ): Promise<string | null> {
    const person = await repo.encryptedPhone(labourerId);
    if (!person || person.erasedAt || (partnerRegionCode && !person.regionCode.startsWith(partnerRegionCode)))
      throw new NotFoundError(`Labourer ${labourerId} does not exist`);
    await repo.audit({
      actor,
      action: 'labourer.phone.read',
      entity: 'labourer',
      entityId: labourerId,
      requestId,
      details: via,
    });
    return person.phoneEncrypted ? pii.decrypt(person.phoneEncrypted) : null;
  }

  return {
    /** The phone of the person a due follow-up is about. */
    async forFollowUp(actor: SessionUser, followUpId: string, requestId: string) {
      const row = await repo.followUp(followUpId);
      if (!row) throw new NotFoundError(`Follow-up ${followUpId} does not exist`);
      assertHomeInScope(actor, row.member.batch.agreement?.homeRegionCode ?? row.member.batch.toRegionCode);
      return reveal(actor, row.member.labourerId, requestId, { via: 'cooperation.follow-up', followUpId });
    },

    /** The phone of a partner-area person of an agreement (the household-service docking board). */
    async forAgreementPerson(actor: SessionUser, agreementId: string, labourerId: string, requestId: string) {
      const agreement = await repo.agreement(agreementId);
      if (!agreement) throw new NotFoundError(`Agreement ${agreementId} does not exist`);
      assertHomeInScope(actor, agreement.homeRegionCode);
      return reveal(
        actor,
        labourerId,
        requestId,
        { via: 'cooperation.household', agreementId },
        agreement.partnerRegionCode,
      );
    },
  };
}

export type PhoneReveal = ReturnType<typeof createPhoneReveal>;
