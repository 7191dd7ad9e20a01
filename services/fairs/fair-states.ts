import type { FairStatus } from '../platform/database/generated/enums.ts';

/**
 * The fair's life, pure: planned → registration → ongoing → closed, and cancelled before it is
 * held. A closed or cancelled fair never reopens: its results are what was reported.
 */
export const FAIR_TRANSITIONS: Readonly<Record<FairStatus, readonly FairStatus[]>> = {
  planned: ['registration', 'cancelled'],
  registration: ['ongoing', 'cancelled'],
  ongoing: ['closed'],
  closed: [],
  cancelled: [],
};

export function mayMove(from: FairStatus, to: FairStatus): boolean {
  return FAIR_TRANSITIONS[from].includes(to);
}

/** What each state allows; the services ask here rather than listing states themselves. */
export const FAIR_ALLOWS = {
  edit: ['planned', 'registration'] as readonly FairStatus[],
  employerApply: ['planned', 'registration'] as readonly FairStatus[],
  attachVacancy: ['planned', 'registration', 'ongoing'] as readonly FairStatus[],
  register: ['registration', 'ongoing'] as readonly FairStatus[],
  selfRegister: ['registration'] as readonly FairStatus[],
  checkIn: ['ongoing'] as readonly FairStatus[],
  invite: ['registration'] as readonly FairStatus[],
  interact: ['ongoing', 'closed'] as readonly FairStatus[],
};
