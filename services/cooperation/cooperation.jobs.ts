import type { ModuleJobs } from '../platform/modules.ts';
import { createCooperationRepository } from './cooperation.repository.ts';
import { pairingCache } from './partner-regions.ts';
import { remindDueFollowUps } from './reminders.ts';

export const cooperationJobs: ModuleJobs = (deps) => {
  const repo = createCooperationRepository(deps.db);
  return [
    {
      name: 'cooperation.follow-up-reminders',
      everyMs: 60 * 60_000,
      run: async () => {
        const sent = await remindDueFollowUps(repo, deps.notifier, new Date());
        if (sent.followUps) deps.log.info(sent, 'cooperation: follow-up reminders sent');
      },
    },
    {
      // Agreements written through another replica reach this one's matching within minutes.
      name: 'cooperation.pairings-refresh',
      everyMs: 5 * 60_000,
      run: () => pairingCache(deps.db).refresh(),
    },
  ];
};
