import { ApplicationStatus as ApplicationStatuses } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';
/**
 * The application state machine, pure: which steps exist, who may take each one, and what a step
 * must carry. The service asks it before touching the database.
 *
 *   invited ──▶ applied ──▶ viewed ──▶ interview ──▶ offered ──▶ hired ──▶ started ──▶ left
 *      │            └──────────┴──────────┴──▲ (an employer may skip viewed / interview)
 *      └── rejected / withdrawn from any open state (invited, applied, viewed, interview, offered)
 *
 * A hire that never starts ends as hired → left (a no-show is a leave, with its reason), so no
 * hire stays open for ever. hired, started, left, rejected and withdrawn never go back to an open
 * state; a step that is not in the table is refused as a conflict naming both ends.
 */
export const APPLICATION_STATUSES = enumValues(ApplicationStatuses);
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const OPEN_STATUSES: readonly ApplicationStatus[] = ['invited', 'applied', 'viewed', 'interview', 'offered'];
/** A person counted as hired for the vacancy's headcount and as in work for retention. */
export const IN_WORK_STATUSES: readonly ApplicationStatus[] = ['hired', 'started'];

export const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  invited: ['applied', 'rejected', 'withdrawn'],
  applied: ['viewed', 'interview', 'offered', 'rejected', 'withdrawn'],
  viewed: ['interview', 'offered', 'rejected', 'withdrawn'],
  interview: ['offered', 'rejected', 'withdrawn'],
  offered: ['hired', 'rejected', 'withdrawn'],
  hired: ['started', 'left'],
  started: ['left'],
  left: [],
  rejected: [],
  withdrawn: [],
};

/** How the caller stands to an application: the person, the employer, an officer or an admin. */
export type ActorKind = 'labourer' | 'employer' | 'officer' | 'admin';

/**
 * Who may move an application into each state. People accept or decline invitations and withdraw;
 * the employer runs selection and records the hire; officers act for the people of their region
 * (accept, withdraw) and record the follow-up (started, left). Admins may do everything.
 */
export const MAY_MOVE_TO: Readonly<Record<ApplicationStatus, readonly ActorKind[]>> = {
  invited: [],
  applied: ['labourer', 'officer', 'admin'],
  viewed: ['employer', 'admin'],
  interview: ['employer', 'admin'],
  offered: ['employer', 'admin'],
  hired: ['employer', 'admin'],
  started: ['employer', 'officer', 'admin'],
  left: ['employer', 'officer', 'admin'],
  rejected: ['employer', 'admin'],
  withdrawn: ['labourer', 'officer', 'admin'],
};

export type TransitionProblem = 'illegal' | 'forbidden';

export function isLegal(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Null when the actor may take the step; otherwise why not (an illegal step beats a forbidden one). */
export function transitionProblem(
  from: ApplicationStatus,
  to: ApplicationStatus,
  actor: ActorKind,
): TransitionProblem | null {
  if (!isLegal(from, to)) return 'illegal';
  return MAY_MOVE_TO[to].includes(actor) ? null : 'forbidden';
}

/** The steps this actor may take now, in the order of the table (for action buttons). */
export function nextSteps(from: ApplicationStatus, actor: ActorKind): ApplicationStatus[] {
  return TRANSITIONS[from].filter((to) => MAY_MOVE_TO[to].includes(actor));
}

/** Fields a step must carry. */
export const REQUIRED_FIELDS: Partial<
  Record<ApplicationStatus, readonly ('interviewAt' | 'interviewPlace' | 'leftReason')[]>
> = {
  interview: ['interviewAt', 'interviewPlace'],
  left: ['leftReason'],
};

export type ApplicationOrigin = 'self' | 'officer' | 'invitation';

/** How an application starts, by who creates it: an employer's is an invitation the person may accept. */
export function originFor(actor: ActorKind): ApplicationOrigin {
  if (actor === 'employer') return 'invitation';
  return actor === 'labourer' ? 'self' : 'officer';
}

export function initialStatus(origin: ApplicationOrigin): ApplicationStatus {
  return origin === 'invitation' ? 'invited' : 'applied';
}
