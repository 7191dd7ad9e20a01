import type { FastifyBaseLogger } from 'fastify';
import type { Notifier } from '../notifications/index.ts';
import type { ScheduledJob } from '../platform/scheduler.ts';
import type { CooperationRepository } from './cooperation.repository.ts';
import type { PairingCache } from './partner-regions.ts';
import { remindDueFollowUps } from './reminders.ts';

export const cooperationJobs = (deps: {
  repo: CooperationRepository;
  pairings: PairingCache;
  notifier: Notifier;
  log: FastifyBaseLogger;
}): ScheduledJob[] => [
  {
    name: 'cooperation.follow-up-reminders',
    everyMs: 60 * 60_000,
    run: async () => {
      const sent = await remindDueFollowUps(deps.repo, deps.notifier, new Date());
      if (sent.followUps) deps.log.info(sent, 'cooperation: follow-up reminders sent');
    },
  },
  {
    // Agreements written through another replica reach this one's matching within minutes.
    name: 'cooperation.pairings-refresh',
    everyMs: 5 * 60_000,
    perProcess: true,
    run: () => deps.pairings.refresh(),
  },
];
