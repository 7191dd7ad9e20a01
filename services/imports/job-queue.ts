/**
 * The in-process runner of import jobs: one job at a time (the embedded database has one
 * connection, and two imports touching the same people must not interleave their batches).
 * Jobs live in memory with their file: a job queued or running when the process stops is marked
 * failed by `failInterruptedJobs` at the next start.
 */
export class ImportQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private closing = false;
  private waiting = 0;

  /** Runs the task after every task queued before it; the task is told when the process is closing. */
  enqueue<T>(task: (stopping: () => boolean) => Promise<T>): Promise<T> {
    this.waiting++;
    const run = this.tail.then(() => task(() => this.closing)).finally(() => this.waiting--);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.waiting;
  }

  /** Lets the running job stop at its next batch and waits for the queue to empty. */
  async close(): Promise<void> {
    this.closing = true;
    await this.tail;
  }
}
