import type { ModuleJobs } from '../platform/modules.ts';
import { createFairServices } from './fairs.module.ts';

/** Hourly: the day-before reminder to everyone registered for a fair starting within 24 hours. */
export const fairsJobs: ModuleJobs = (deps) => {
  const services = createFairServices(deps);
  return [
    {
      name: 'fairs.reminders',
      everyMs: 60 * 60_000,
      run: async () => {
        const sent = await services.outreach.sendReminders();
        if (sent) deps.log.info({ sent }, 'fair reminders sent');
      },
    },
  ];
};
