import type { JobHandler, JobQueue, JobSpec } from './queue-types.ts';

/**
 * Runs jobs in this process, one flow's children one after another (the embedded database has a
 * single connection, so running them side by side would gain nothing). A job id already waiting
 * or running is refused, as BullMQ does.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  handle(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`A handler for job "${name}" is already registered`);
    this.handlers.set(name, handler);
  }

  private async execute(job: JobSpec): Promise<void> {
    if (this.closed) throw new Error('The job queue is closed');
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    await handler(job.data);
  }

  private track<T>(id: string | undefined, work: () => Promise<T>): Promise<T> {
    if (id && this.active.has(id)) return Promise.reject(new Error(`Job ${id} is already queued`));
    if (id) this.active.add(id);
    const promise = work().finally(() => {
      if (id) this.active.delete(id);
      this.running.delete(promise);
    });
    this.running.add(promise);
    return promise;
  }

  run(job: JobSpec): Promise<void> {
    return this.track(job.id, () => this.execute(job));
  }

  flow(parent: JobSpec, children: JobSpec[]): Promise<void> {
    return this.track(parent.id, async () => {
      for (const child of children) await this.execute(child);
      await this.execute(parent);
    });
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.running]);
  }
}
