import { FlowProducer, type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobHandler, JobQueue, JobSpec } from './job-queue.ts';

/** BullMQ forbids ':' in queue names; job names are module-scoped like "pushes.chunk". */
const queueName = (jobName: string) => jobName.replace(/[^A-Za-z0-9_.-]/g, '-');

/**
 * Jobs on BullMQ: one queue per job name, a worker per registered name in every process, so the
 * children of a flow spread over all running app processes. Finished jobs are removed, so a job
 * id (e.g. one per region) is free again once its job is done.
 */
export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly events = new Map<string, QueueEvents>();
  private readonly workers: Worker[] = [];
  private readonly flows: FlowProducer;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly concurrency: number,
  ) {
    // Workers block on Redis: BullMQ requires no per-request retry limit on their connection.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.flows = new FlowProducer({ connection: this.connection, prefix });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(queueName(name), { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async queueEvents(name: string): Promise<QueueEvents> {
    let events = this.events.get(name);
    if (!events) {
      // QueueEvents reads a stream with blocking calls: it needs a connection of its own.
      events = new QueueEvents(queueName(name), { connection: this.connection.duplicate(), prefix: this.prefix });
      this.events.set(name, events);
      await events.waitUntilReady();
    }
    return events;
  }

  handle(name: string, handler: JobHandler): void {
    const worker = new Worker(queueName(name), async (job: Job) => handler(job.data as Record<string, unknown>), {
      connection: this.connection.duplicate(),
      prefix: this.prefix,
      concurrency: this.concurrency,
    });
    // Failures reach the waiting caller through QueueEvents; the worker must not crash the process.
    worker.on('error', () => undefined);
    this.workers.push(worker);
  }

  private static readonly JOB_OPTIONS = { removeOnComplete: true, removeOnFail: { count: 100 } } as const;

  async run(job: JobSpec): Promise<void> {
    const events = await this.queueEvents(job.name);
    const added = await this.queue(job.name).add(job.name, job.data, {
      ...BullJobQueue.JOB_OPTIONS,
      ...(job.id ? { jobId: job.id } : {}),
    });
    await added.waitUntilFinished(events);
  }

  async flow(parent: JobSpec, children: JobSpec[]): Promise<void> {
    const events = await this.queueEvents(parent.name);
    const node = await this.flows.add({
      name: parent.name,
      queueName: queueName(parent.name),
      data: parent.data,
      // A failed parent is removed too, so its id (one per region) is free for the next flow.
      opts: { ...BullJobQueue.JOB_OPTIONS, removeOnFail: true, ...(parent.id ? { jobId: parent.id } : {}) },
      children: children.map((child) => ({
        name: child.name,
        queueName: queueName(child.name),
        data: child.data,
        opts: {
          ...BullJobQueue.JOB_OPTIONS,
          ...(child.id ? { jobId: child.id } : {}),
          failParentOnFailure: true,
        },
      })),
    });
    await node.job.waitUntilFinished(events);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.events.values()].map((events) => events.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.flows.close();
    await this.connection.quit().catch(() => undefined);
  }
}
