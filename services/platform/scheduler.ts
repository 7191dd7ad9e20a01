export interface ScheduledJob {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

/**
 * In-process periodic jobs for the one-machine setup: each job runs once at start, then every
 * `everyMs`, never overlapping itself. A failure is logged and retried at the next tick.
 */
export function startScheduler(jobs: ScheduledJob[], log: (message: string) => void) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const run = job
        .run()
        .catch((error: unknown) => log(`scheduled job "${job.name}" failed: ${(error as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
