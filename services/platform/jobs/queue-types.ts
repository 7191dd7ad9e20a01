/** A background job: a named task with JSON data, run by whichever worker takes it. */
export interface JobSpec {
  name: string;
  data: Record<string, unknown>;
  /** Jobs with the same id are not queued twice while one is waiting or running. */
  id?: string;
}

/** The queue lost the work it was waiting for (its Redis was unreachable too long, or came back empty). */
export class QueueLostError extends Error {
  override name = 'QueueLostError';
}

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

/**
 * The seam between modules and where their background work runs: in this process by default, on
 * BullMQ workers shared by every app process when Redis is configured. Every process registers the
 * same handlers at start, so any of them can take any job.
 */
export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** Registers the handler of a job name (once per name). */
  handle(name: string, handler: JobHandler): void;
  /** Runs one job; resolves when it has finished, rejects when it failed. */
  run(job: JobSpec): Promise<void>;
  /**
   * Runs the children (in any order, possibly on several workers), then the parent once every
   * child succeeded; resolves when the parent has finished. A failed child fails the flow.
   */
  flow(parent: JobSpec, children: JobSpec[]): Promise<void>;
  /** Answers when the queue's backing store answers (nothing to check in-process). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
