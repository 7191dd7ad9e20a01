import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { TrainingInput } from './training.contract.ts';
import type { TrainingRepository } from './training.repository.ts';
import { trainingView } from './training.presenter.ts';

const dateOf = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** Training records (职业技能培训) of labourers, kept by officers. */
export function createTrainingService(deps: { repo: TrainingRepository; reference: () => Promise<ReferenceNames> }) {
  const { reference } = deps;
  const { repo } = deps;

  /**
   * Officers keep the records of people in their region, and of partner-area people of the
   * agreements their region holds (trainings are part of the cooperation work).
   */
  async function loadPerson(actor: SessionUser, labourerId: string) {
    const person = await repo.person(labourerId);
    if (!person || person.erasedAt) throw new NotFoundError(`Labourer ${labourerId} does not exist`);
    const scope = scopePrefix(actor);
    if (person.regionCode.startsWith(scope)) return person;
    const agreements = await repo.partnerRegionsOf(scope);
    if (agreements.some((a) => person.regionCode.startsWith(a.partnerRegionCode))) return person;
    throw new ForbiddenError(`Labourer ${labourerId} is outside your region`);
  }

  return {
    async list(actor: SessionUser, labourerId: string) {
      await loadPerson(actor, labourerId);
      const ref = await reference();
      const rows = await repo.ofPerson(labourerId);
      return rows.map((row) => trainingView(row, ref));
    },

    async record(actor: SessionUser, labourerId: string, input: TrainingInput) {
      const person = await loadPerson(actor, labourerId);
      const ref = await reference();
      const issues = [];
      if (input.occupationCode && !ref.hasOccupation(input.occupationCode))
        issues.push({ field: 'occupationCode', code: 'invalid', message: 'is not a known occupation' });
      if (input.certificateKind && !ref.certificate(input.certificateKind))
        issues.push({ field: 'certificateKind', code: 'invalid', message: 'is not a known certificate' });
      if (input.endedOn && input.endedOn < input.startedOn)
        issues.push({ field: 'endedOn', code: 'invalid', message: 'must not be before the start' });
      if (input.agreementId) {
        const agreement = await repo.agreement(input.agreementId);
        if (!agreement || !agreement.homeRegionCode.startsWith(scopePrefix(actor)))
          issues.push({ field: 'agreementId', code: 'invalid', message: 'is not an agreement of your region' });
        else if (!person.regionCode.startsWith(agreement.partnerRegionCode))
          issues.push({ field: 'agreementId', code: 'invalid', message: "does not cover the person's region" });
      }
      if (issues.length) throw new ValidationError('The training record is not valid', issues);
      const row = await repo.create({
        labourerId,
        course: input.course,
        occupationCode: input.occupationCode || null,
        provider: input.provider,
        startedOn: dateOf(input.startedOn),
        endedOn: input.endedOn ? dateOf(input.endedOn) : null,
        hours: input.hours ?? null,
        passed: input.passed ?? null,
        certificateKind: input.certificateKind || null,
        agreementId: input.agreementId ?? null,
        createdById: actor.id,
      });
      return trainingView(row, ref);
    },

    /** The trainings counted towards an agreement (its scope checked by the caller). */
    async ofAgreement(agreementId: string) {
      const ref = await reference();
      const rows = await repo.ofAgreement(agreementId);
      return rows.map((row) => trainingView(row, ref));
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
