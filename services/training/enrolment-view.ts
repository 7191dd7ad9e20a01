import { maskName } from '../platform/crypto/pii.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { EnrolmentView } from './courses.contract.ts';
import type { EnrolmentRow } from './courses.repository.ts';
import { offerReasonText } from './offer-reason.ts';

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** An enrolment as the API and pages show it: the name masked, the offer's reason in the reader's language. */
export function enrolmentView(
  row: EnrolmentRow,
  name: string | undefined,
  ref: ReferenceNames,
  locale: string,
): EnrolmentView {
  return {
    id: row.id,
    courseId: row.courseId,
    courseTitle: row.course.title,
    labourerId: row.labourerId,
    maskedName: name ? maskName(name) : '',
    status: row.status,
    offerReason: row.offerWish ? offerReasonText(row.offerWish, row.course, ref, locale) : row.offerReason,
    attendedSessions: row.attendedSessions,
    passed: row.passed,
    score: row.score,
    completedOn: dayOf(row.completedAt),
    certificateNumber: row.certificateNumber,
    certificateId: row.certificateId,
  };
}
