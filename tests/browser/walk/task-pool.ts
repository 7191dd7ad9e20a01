/**
 * A queue of tasks run by a fixed number of workers, where a task may queue more tasks (a page's
 * links and forms). Done when the queue is empty and no task is running.
 */
export class TaskPool<T> {
  private readonly queue: T[] = [];
  private running = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly run: (task: T) => Promise<void>) {}

  add(task: T): void {
    this.queue.push(task);
    this.notify();
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Runs until nothing is queued or running. A task that throws is the caller's to report: `run` must catch. */
  async drain(workers: number): Promise<void> {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, () => this.work()));
  }

  private async work(): Promise<void> {
    for (;;) {
      const task = this.queue.shift();
      if (task === undefined) {
        if (this.running === 0) {
          this.notify();
          return;
        }
        await new Promise<void>((resolve) => {
          const previous = this.wake;
          this.wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      this.running += 1;
      try {
        await this.run(task);
      } finally {
        this.running -= 1;
        this.notify();
      }
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
