import type { CoreDeps } from '../platform/modules.ts';
import type { ScheduledJob } from '../platform/scheduler.ts';
import { createSmsDispatcher, providerFor } from './sms.ts';
import { createSmsRepository } from './sms.repository.ts';

/** Sends queued SMS whose quiet hours are over, and retries failed sends. */
export function notificationsJobs(deps: CoreDeps): ScheduledJob[] {
  const dispatcher = createSmsDispatcher({
    repo: createSmsRepository(deps.db),
    pii: deps.pii,
    provider: providerFor(deps.config.sms),
    config: deps.config.sms,
    log: deps.log,
  });
  return [
    {
      name: 'send queued SMS',
      everyMs: 60_000,
      run: async () => {
        const { sent, failed } = await dispatcher.dispatchDue();
        if (sent || failed) deps.log.info({ sent, failed }, 'sms: dispatched');
      },
    },
  ];
}
