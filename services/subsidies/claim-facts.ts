import { maskName } from '../platform/crypto/pii.ts';
import { NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { EmployerKind } from '../platform/database/generated/enums.ts';
import { ELIGIBILITY_RULES, type ClaimFacts, type EligibilityRule, type GraduateFacts } from './claim-rules.ts';
import type { ClaimsRepository } from './claims.repository.ts';

/**
 * The graduates module's record of a person (the latest graduation year), or null. Passed in where
 * the engine is set up: the graduates module comes first and uses this one, so it cannot be imported.
 */
export type GraduateRecordLookup = (labourerId: string) => Promise<GraduateFacts | null>;

/** Where the engine reads facts other modules keep. */
export interface FactSources {
  graduateRecord?: GraduateRecordLookup | undefined;
}

/** The ids that name a claim's subject. */
export interface SubjectIds {
  labourerId?: string | null | undefined;
  applicationId?: string | null | undefined;
  fairId?: string | null | undefined;
  reference?: string | null | undefined;
  month?: string | null | undefined;
}

/** The subject as the records show it: facts for the checks, and where and for whom the claim is. */
export interface Subject {
  facts: ClaimFacts;
  regionCode: string;
  labourerId: string | null;
  employerId: string | null;
  applicationId: string | null;
  fairId: string | null;
  claimantName: string;
  people: number;
  employerKind?: EmployerKind | undefined;
}

const required = (field: string) =>
  new ValidationError(`${field} is required by this programme`, [
    { field, code: 'required', message: 'is required by this programme' },
  ]);

async function personSubject(
  repo: ClaimsRepository,
  rule: EligibilityRule,
  ids: SubjectIds,
  sources: FactSources,
): Promise<Subject> {
  if (!ids.labourerId) throw required('labourerId');
  const person = await repo.person(ids.labourerId);
  if (!person) throw new NotFoundError(`Labourer ${ids.labourerId} does not exist`);
  const business = rule === 'first_business_of_poor_or_returning' ? await repo.business(person.id) : null;
  // Without the graduates module's lookup there is no record: the claim fails its graduate_record check.
  const graduate =
    rule === 'poor_family_graduate_in_year' ? ((await sources.graduateRecord?.(person.id)) ?? null) : undefined;
  return {
    facts: { person, business, reference: ids.reference ?? null, ...(graduate !== undefined ? { graduate } : {}) },
    regionCode: person.regionCode,
    labourerId: person.id,
    employerId: null,
    applicationId: null,
    fairId: null,
    claimantName: maskName(person.name),
    people: 1,
  };
}

/** Reads the subject the programme's rule is about; 400 when its id is missing, 404 when it does not exist. */
export async function readSubject(
  repo: ClaimsRepository,
  rule: EligibilityRule,
  ids: SubjectIds,
  sources: FactSources = {},
): Promise<Subject> {
  const kind = ELIGIBILITY_RULES[rule];
  if (kind === 'hire' || kind === 'hire_month') {
    if (!ids.applicationId) throw required('applicationId');
    if (kind === 'hire_month' && !ids.month) throw required('month');
    const hire = await repo.hire(ids.applicationId);
    if (!hire) throw new NotFoundError(`Application ${ids.applicationId} does not exist`);
    return {
      facts: { hire, person: hire.person, month: ids.month ?? null },
      regionCode: hire.regionCode,
      labourerId: hire.person.id,
      employerId: hire.employerId,
      applicationId: hire.id,
      fairId: null,
      claimantName: hire.employerName,
      people: 1,
      employerKind: hire.employerKind,
    };
  }
  if (kind === 'fair') {
    if (!ids.fairId) throw required('fairId');
    const fair = await repo.fair(ids.fairId);
    if (!fair) throw new NotFoundError(`Fair ${ids.fairId} does not exist`);
    return {
      facts: { fair },
      regionCode: fair.regionCode,
      labourerId: null,
      employerId: null,
      applicationId: null,
      fairId: fair.id,
      claimantName: fair.organiser,
      people: fair.poorAttendees,
    };
  }
  if (kind === 'reference' && !ids.reference) throw required('reference');
  return personSubject(repo, rule, ids, sources);
}
