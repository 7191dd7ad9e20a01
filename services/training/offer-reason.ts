import { isRegisteredPoor, type PovertyFacts } from '../labourers/index.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** What a reason is worded from: the course as the enrolment row carries it. */
export interface ReasonCourse {
  title: string;
  programme: string;
  occupationCode: string | null;
  regionCode: string;
  place: string;
  inVillage: boolean;
  startsOn: Date;
  eligibility: string;
}

/**
 * The wish a course answers for a person, or null: the wish names the course's occupation (or its
 * programme), the course is held in the person's county and admits them.
 */
export function answeredWish(
  person: PovertyFacts & { regionCode: string; trainingWishes: string[] },
  course: ReasonCourse,
): string | null {
  if (course.regionCode.slice(0, 6) !== person.regionCode.slice(0, 6)) return null;
  if (course.eligibility === 'registered_poor' && !isRegisteredPoor(person)) return null;
  return person.trainingWishes.find((w) => w === course.occupationCode || w === course.programme) ?? null;
}

/** Why the course was offered, in the reader's language (zh-CN or English). */
export function offerReasonText(wish: string, course: ReasonCourse, ref: ReferenceNames, locale: string): string {
  const wished =
    course.occupationCode === wish
      ? ref.nameIn('occupation', wish, locale)
      : translate(locale, `training.programmes.${course.programme}`);
  return translate(locale, course.inVillage ? 'training.offerReasonVillage' : 'training.offerReason', {
    wished,
    region: ref.regionNameIn(course.regionCode, locale),
    place: course.place,
    title: course.title,
    startsOn: dayOf(course.startsOn),
  });
}
