import { ageOn } from '../platform/time/age.ts';
import { maskName } from '../platform/crypto/pii.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { type ActorKind, nextSteps } from './application-states.ts';
import type { ApplicationDetail, ApplicationView } from './applications.contract.ts';
import type { ApplicationRow, ApplicationsRepository } from './applications.repository.ts';
import { isEarlyLeave } from './employment-effects.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * One application as the caller may see it. Employers get the person without personal data: the
 * surname only, no ID number (the consent people give covers no more). Contact runs through the
 * platform: the person sees the interview time and place on their own page.
 */
export function toView(row: ApplicationRow, actor: ActorKind, ref: ReferenceNames): ApplicationView {
  const person = row.labourer;
  const employer = actor === 'employer';
  return {
    id: row.id,
    status: row.status,
    origin: row.origin,
    labourerId: row.labourerId,
    labourer: {
      name: employer ? maskName(person.name) : person.name,
      idNumberMasked: employer ? null : person.idNumberMasked,
      sex: person.sex,
      age: ageOn(person.birthDate),
      regionCode: employer ? person.regionCode.slice(0, 6) : person.regionCode,
      regionName: ref.regionName(employer ? person.regionCode.slice(0, 6) : person.regionCode),
      skills: ref.skillNames(person.skills.map((s) => s.skillCode)),
      expectedWage: person.expectedWage,
    },
    vacancy: {
      id: row.vacancy.id,
      title: row.vacancy.title,
      status: row.vacancy.status,
      employerId: row.vacancy.employerId,
      employerName: row.vacancy.employer.name,
      regionCode: row.vacancy.regionCode,
      regionName: ref.regionName(row.vacancy.regionCode),
      wageMin: row.vacancy.wageMin,
      wageMax: row.vacancy.wageMax,
      payBasis: row.vacancy.payBasis,
    },
    interviewAt: iso(row.interviewAt),
    interviewPlace: row.interviewPlace,
    offeredWage: row.offeredWage,
    hiredAt: iso(row.hiredAt),
    startedAt: iso(row.startedAt),
    leftAt: iso(row.leftAt),
    leftReason: row.leftReason,
    earlyLeave: isEarlyLeave(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    next: nextSteps(row.status, actor),
  };
}

export async function toDetail(
  row: ApplicationRow,
  actor: SessionUser,
  kind: ActorKind,
  ref: ReferenceNames,
  repo: ApplicationsRepository,
): Promise<ApplicationDetail> {
  const steps = await repo.transitions(row.id);
  const users = await repo.users(steps.map((s) => s.byId).filter((v): v is string => !!v));
  return {
    ...toView(row, kind, ref),
    transitions: steps.map((step) => {
      const by = step.byId ? users.get(step.byId) : undefined;
      // A person's display name is their name: employers see who acted only by role.
      const showName = kind !== 'employer' || by?.id === actor.id;
      return {
        fromStatus: step.fromStatus,
        toStatus: step.toStatus,
        at: step.at.toISOString(),
        byRole: by?.role ?? null,
        byName: by && showName ? by.displayName : null,
        note: step.note,
      };
    }),
  };
}
