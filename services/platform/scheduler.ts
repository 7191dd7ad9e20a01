export interface ScheduledJob {
  name: string;
  everyMs: number;
  /**
   * Runs in every process, not once per cluster: for work on the process's own memory (a cache
   * reloaded for writes made through other replicas).
   */
  perProcess?: boolean;
  run: () => Promise<void>;
}

export interface SchedulerLog {
  error(obj: object, msg: string): void;
}

/**
 * In-process periodic jobs for the one-machine setup: each job runs once at start, then every
 * `everyMs`, never overlapping itself. A failure is logged and retried at the next tick. The first
 * runs wait `firstRunAfterMs` and then start one after another (a macrotask apart), so requests
 * arriving as the server opens are answered between them.
 */
export function startScheduler(jobs: ScheduledJob[], log: SchedulerLog, options: { firstRunAfterMs?: number } = {}) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  jobs.forEach((job, i) => {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const run = job
        .run()
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
    const first = setTimeout(tick, (options.firstRunAfterMs ?? 0) + i);
    first.unref();
    timers.push(first);
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
  });
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
