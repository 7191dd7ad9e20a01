import { ageOn } from '../platform/time/age.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { ForbiddenError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { FairView, ParticipationView, RegistrationView } from './fairs.contract.ts';
import type { FairRow, ParticipationRow, RegistrationRow } from './fairs.repository.ts';

/** Officers of the fair's region manage it; for a cooperation fair, so do those of its home region. */
export function manages(actor: SessionUser, fair: Pick<FairRow, 'regionCode' | 'homeRegionCode'>): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'officer' || !actor.regionCode) return false;
  const prefix = scopePrefix(actor);
  return fair.regionCode.startsWith(prefix) || (fair.homeRegionCode?.startsWith(prefix) ?? false);
}

export function assertManages(actor: SessionUser, fair: Pick<FairRow, 'regionCode' | 'homeRegionCode'>) {
  if (!manages(actor, fair)) throw new ForbiddenError('The fair is outside your region');
}

export function toFairView(row: FairRow, ref: ReferenceNames): FairView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    online: row.online,
    regionCode: row.regionCode,
    regionName: ref.hasRegion(row.regionCode) ? ref.regionName(row.regionCode) : row.regionCode,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    organiser: row.organiser,
    homeRegionCode: row.homeRegionCode,
    partnerRegionCode: row.partnerRegionCode,
    agreementId: row.agreementId,
    targetGroups: row.targetGroups,
    capacity: row.capacity,
    description: row.description,
    status: row.status,
    counts: {
      employers: row._count.employers,
      vacancies: row._count.vacancies,
      registrations: row._count.registrations,
    },
  };
}

export function toParticipationView(
  row: ParticipationRow,
  vacancies: ParticipationView['vacancies'],
): ParticipationView {
  return {
    id: row.id,
    fairId: row.fairId,
    employerId: row.employerId,
    employerName: row.employer.name,
    booth: row.booth,
    status: row.status,
    note: row.note,
    appliedAt: row.appliedAt.toISOString(),
    vacancies,
  };
}

/** Employers see a person as 张**, with neither ID number nor ticket code. */
export function toRegistrationView(
  row: RegistrationRow,
  audience: 'officer' | 'employer' | 'person',
): RegistrationView {
  const employer = audience === 'employer';
  return {
    id: row.id,
    fairId: row.fairId,
    labourerId: row.labourerId,
    name: employer ? maskName(row.labourer.name) : row.labourer.name,
    idNumberMasked: employer ? null : row.labourer.idNumberMasked,
    age: ageOn(row.labourer.birthDate),
    sex: row.labourer.sex,
    countyCode: row.regionCode.slice(0, 6),
    code: employer ? null : row.code,
    source: row.source,
    willAttend: row.willAttend,
    targetGroups: row.targetGroups,
    registeredAt: row.registeredAt.toISOString(),
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
  };
}
