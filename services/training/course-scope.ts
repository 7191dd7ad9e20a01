import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, type FieldIssue } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { TrainingProviderKind } from '../platform/database/generated/enums.ts';
import type { CoursePatch } from './courses.contract.ts';

/**
 * Which courses a caller keeps: an officer those held in their region (an admin all of them), a
 * training provider's account only those its provider runs (issue 19) — wherever they are held.
 */
export interface CourseScope {
  prefix: string;
  providerId: string | null;
}

export function courseScope(actor: SessionUser): CourseScope {
  if (actor.role === 'training_provider') {
    if (!actor.trainingProviderId) throw new ForbiddenError('This account is not linked to a training provider');
    return { prefix: '', providerId: actor.trainingProviderId };
  }
  return { prefix: scopePrefix(actor), providerId: null };
}

export const isProvider = (scope: CourseScope) => scope.providerId !== null;

/** Does the scope keep this course? Anything else does not exist for the caller (404). */
export const keeps = (scope: CourseScope, course: { regionCode: string; providerId: string | null }) =>
  course.regionCode.startsWith(scope.prefix) && (scope.providerId === null || course.providerId === scope.providerId);

/** The repository's filter for the caller's courses, beside the region prefix. */
export const providerFilter = (scope: CourseScope) => (scope.providerId ? { providerId: scope.providerId } : {});

/**
 * What stays with the officers of the region on a provider's course: the programme, what it
 * teaches and certifies, who runs it, what it costs and who may enrol (these decide offers and
 * subsidies). The provider's account changes its title, skills, place, dates and seats.
 */
const OFFICERS_ONLY = [
  'programme',
  'occupationCode',
  'certificateKind',
  'providerName',
  'providerKind',
  'providerId',
  'cost',
  'subsidised',
  'eligibility',
] as const;

export function providerPatchIssues(patch: CoursePatch): FieldIssue[] {
  return OFFICERS_ONLY.filter((name) => patch[name] !== undefined).map((field) => ({
    field,
    code: 'officers_only',
    message: 'is kept by the officers of the region',
  }));
}

export interface ProviderRecord {
  id: string;
  name: string;
  kind: TrainingProviderKind;
  regionCode: string;
}

/**
 * A course given to a provider: the provider is one of the officer's region and the course is held
 * within the provider's region. Its name and kind are the course's provider name and kind.
 */
export function assignmentIssues(
  provider: ProviderRecord | null,
  officerPrefix: string,
  courseRegion: string,
): FieldIssue[] {
  if (!provider || !provider.regionCode.startsWith(officerPrefix))
    return [{ field: 'providerId', code: 'invalid', message: 'is not a training provider of your region' }];
  if (!courseRegion.startsWith(provider.regionCode))
    return [{ field: 'regionCode', code: 'outside_provider', message: "is outside the provider's region" }];
  return [];
}
