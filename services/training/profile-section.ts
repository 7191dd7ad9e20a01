import type { ProfileContext, ProfileSection } from '../platform/http/profile-sections.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { ProfileRepository } from './profile.repository.ts';

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** What a course or a training record came to: passed, failed, still on it, or not recorded. */
type Result = 'passed' | 'failed' | 'enrolled' | 'waiting' | 'unknown';
const resultOf = (status: string | null, passed: boolean | null): Result =>
  passed === true
    ? 'passed'
    : passed === false
      ? 'failed'
      : status === 'enrolled' || status === 'waiting'
        ? status
        : 'unknown';

/** The person's trainings (courses and older records) and certificates, as the profile pages draw them. */
export async function trainingProfile(repo: ProfileRepository, ref: ReferenceNames, context: ProfileContext) {
  const { labourerId, locale } = context;
  const [enrolments, records, certificates] = await Promise.all([
    repo.enrolments(labourerId),
    repo.records(labourerId),
    repo.certificates(labourerId),
  ]);
  const trainings = [
    ...enrolments.map((e) => ({
      course: e.course.title,
      provider: e.course.providerName,
      startsOn: dayOf(e.course.startsOn),
      endsOn: dayOf(e.completedAt ?? e.course.endsOn),
      result: resultOf(e.status, e.passed),
    })),
    ...records.map((r) => ({
      course: r.course,
      provider: r.provider,
      startsOn: dayOf(r.startedOn),
      endsOn: dayOf(r.endedOn),
      result: resultOf(null, r.passed),
    })),
  ].sort((a, b) => (b.startsOn ?? '').localeCompare(a.startsOn ?? ''));
  return {
    own: context.own,
    trainings,
    certificates: certificates.map((c) => ({
      name: ref.nameIn('certificate', c.kind, locale),
      level: c.level,
      issuer: c.issuer,
      issuedOn: dayOf(c.issuedOn),
      number: c.number,
    })),
  };
}

/** The profile section the training module adds to the officer's view and the person's "我的" page. */
export function trainingProfileSection(
  repo: ProfileRepository,
  reference: () => Promise<ReferenceNames>,
): ProfileSection {
  return {
    partial: 'training-profile',
    load: async (context) => trainingProfile(repo, await reference(), context),
  };
}
