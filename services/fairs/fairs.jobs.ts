import type { FastifyBaseLogger } from 'fastify';
import type { ScheduledJob } from '../platform/scheduler.ts';
import type { FairServices } from './fair-services.ts';

/** Hourly: the day-before reminder to everyone registered for a fair starting within 24 hours. */
export const fairsJobs = (services: FairServices, log: FastifyBaseLogger): ScheduledJob[] => [
  {
    name: 'fairs.reminders',
    everyMs: 60 * 60_000,
    run: async () => {
      const sent = await services.outreach.sendReminders();
      if (sent) log.info({ sent }, 'fair reminders sent');
    },
  },
];
