import type { CoreDeps } from '../platform/modules.ts';
import type { ScheduledJob } from '../platform/scheduler.ts';
import type { PushesService } from './pushes.service.ts';

/**
 * A campaign over each province every PUSH_EVERY_MINUTES (the scheduler also runs it once at
 * start, which gives a fresh demo its first campaign); none when it is 0. With Redis one replica
 * runs each tick (platform scheduler).
 */
export const pushesJobs = (pushes: PushesService, deps: Pick<CoreDeps, 'config' | 'log'>): ScheduledJob[] =>
  deps.config.push.everyMinutes > 0
    ? [
        {
          name: 'push campaigns',
          everyMs: deps.config.push.everyMinutes * 60_000,
          run: async () => {
            for (const campaign of await pushes.runScheduled()) {
              const { id, regionCode, status, considered, pushed, withoutMatch } = campaign;
              deps.log.info(
                { campaignId: id, regionCode, status, considered, pushed, withoutMatch },
                'push campaign finished',
              );
            }
          },
        },
      ]
    : [];
