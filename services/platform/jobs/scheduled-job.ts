/** One run of a periodic job. */
export interface ScheduledTick {
  /** When this run was due (with Redis: the tick's slot, the same in every process). */
  dueAt: Date;
}

/**
 * A periodic job: `name` is its stable id (with Redis, the id of its BullMQ job scheduler, so a
 * renamed job is a new schedule and the old one is removed).
 */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  /**
   * Runs in every process, not once per cluster: for work on the process's own memory (a cache
   * reloaded for writes made through other replicas).
   */
  perProcess?: boolean;
  /** The scheduler passes the tick; a test may call `run()` by itself. */
  run: (tick?: ScheduledTick) => Promise<void>;
}

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Scheduler {
  readonly kind: 'in-process' | 'bullmq';
  /** Resolves once the schedules are in place and this process takes runs (rejects if they could not be set up). */
  readonly ready: Promise<void>;
  /** No new run from here on; resolves when the runs under way have ended. */
  stop(): Promise<void>;
}

export interface SchedulerStartOptions {
  log: SchedulerLog;
  /** The first runs wait this long, so a server that has just opened answers its first requests first. */
  firstRunAfterMs?: number | undefined;
}
