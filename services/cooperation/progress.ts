import type { FollowUpState } from '../platform/database/generated/enums.ts';

/** One measure against its target; share is null when no target was set. */
export interface Measure {
  actual: number;
  target: number;
  share: number | null;
}

/** Who is still in work n months after arrival, among the people whose follow-up is due. */
export interface Retention {
  month: 3 | 6;
  /** Follow-ups of that month that fell due by today. */
  due: number;
  /** In work, whether with the first employer or having changed job. */
  inWork: number;
  changedJob: number;
  returnedHome: number;
  /** Due but not yet recorded by an officer: shown apart, counted neither way. */
  unrecorded: number;
  /** Not yet due (arrived less than n months ago). */
  notYetDue: number;
  /** inWork / recorded (due and recorded); null when none was recorded. */
  share: number | null;
}

export interface ProgressInput {
  targets: { fairs: number; transfers: number; householdPlacements: number; trainings: number };
  fairsHeld: number;
  /** Transfer members who arrived, with the kind of the employer they went to. */
  arrived: Array<{
    labourerId: string;
    employerKind: string | null;
    followUps: Array<{ month: number; dueOn: Date; state: FollowUpState | null }>;
  }>;
  /** Labourers placed through a household-service referral of the agreement. */
  placedReferrals: string[];
  trainings: number;
  /** Start of today (a follow-up due today counts as due). */
  today: Date;
}

export interface Progress {
  fairs: Measure;
  transfers: Measure;
  householdPlacements: Measure;
  trainings: Measure;
  retention: [Retention, Retention];
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
const measure = (actual: number, target: number): Measure => ({ actual, target, share: share(actual, target) });

function retention(month: 3 | 6, input: ProgressInput): Retention {
  const out: Retention = {
    month,
    due: 0,
    inWork: 0,
    changedJob: 0,
    returnedHome: 0,
    unrecorded: 0,
    notYetDue: 0,
    share: null,
  };
  for (const member of input.arrived) {
    const followUp = member.followUps.find((f) => f.month === month);
    if (!followUp) continue;
    if (followUp.dueOn > input.today && followUp.state === null) {
      out.notYetDue += 1;
      continue;
    }
    out.due += 1;
    if (followUp.state === 'in_work') out.inWork += 1;
    else if (followUp.state === 'changed_job') {
      out.inWork += 1;
      out.changedJob += 1;
    } else if (followUp.state === 'returned_home') out.returnedHome += 1;
    else out.unrecorded += 1;
  }
  out.share = share(out.inWork, out.inWork + out.returnedHome);
  return out;
}

/**
 * An agreement's progress against its yearly targets. A household-service placement is a person,
 * counted once whether placed through a referral or transferred to a household-service company.
 */
export function computeProgress(input: ProgressInput): Progress {
  const household = new Set(input.placedReferrals);
  for (const member of input.arrived) if (member.employerKind === 'household_service') household.add(member.labourerId);
  return {
    fairs: measure(input.fairsHeld, input.targets.fairs),
    transfers: measure(new Set(input.arrived.map((m) => m.labourerId)).size, input.targets.transfers),
    householdPlacements: measure(household.size, input.targets.householdPlacements),
    trainings: measure(input.trainings, input.targets.trainings),
    retention: [retention(3, input), retention(6, input)],
  };
}
