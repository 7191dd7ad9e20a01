import type { ScheduledJob, Scheduler, SchedulerStartOptions } from './scheduled-job.ts';

/**
 * Periodic jobs in this process, for the one-machine setup: each job runs once at start, then every
 * `everyMs`, never overlapping itself (a tick while it runs is skipped). A failure is logged and
 * retried at the next tick. The first runs wait `firstRunAfterMs` and then start one after another
 * (a macrotask apart), so requests arriving as the server opens are answered between them.
 */
export function startIntervalScheduler(jobs: ScheduledJob[], options: SchedulerStartOptions): Scheduler {
  const { log } = options;
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  jobs.forEach((job, i) => {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const run = job
        .run({ dueAt: new Date() })
        .catch((error: unknown) => {
          // A run cut short by shutdown (its queue closed under it) is not a failure to report.
          if (!stopped) log.error({ err: error, job: job.name }, 'scheduled job failed');
        })
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    // The interval starts with the first run, so no tick comes before the first-run delay is over.
    const first = setTimeout(
      () => {
        tick();
        const timer = setInterval(tick, job.everyMs);
        timer.unref();
        timers.push(timer);
      },
      (options.firstRunAfterMs ?? 0) + i,
    );
    first.unref();
    timers.push(first);
  });
  log.info({ jobs: jobs.map((job) => job.name) }, 'scheduler: periodic jobs run in this process');
  return {
    kind: 'in-process',
    ready: Promise.resolve(),
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
