import type { FastifyBaseLogger } from 'fastify';
import type { ScheduledJob } from '../platform/scheduler.ts';
import { chinaMonth } from './claim-rules.ts';
import type { ClaimEngine } from './claim-engine.ts';

/** Daily: this month's post and social-insurance claims for people in public-welfare posts (idempotent per month). */
export const subsidiesJobs = (engine: ClaimEngine, log: FastifyBaseLogger, now = () => new Date()): ScheduledJob[] => [
  {
    name: 'subsidies.public-welfare-posts',
    everyMs: 24 * 60 * 60_000,
    run: async () => {
      const { created } = await engine.welfarePosts.generate(null, chinaMonth(now()));
      if (created) log.info({ created }, 'public-welfare post claims created');
    },
  },
];
