import { FlowProducer, type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type JobHandler, type JobQueue, type JobSpec, QueueLostError } from './queue-types.ts';
import { type WatchLog, watchRedis } from './redis-watch.ts';

export interface BullJobQueueOptions {
  prefix: string;
  concurrency: number;
  log?: WatchLog | undefined;
  /** Redis unreachable for this long fails the work waiting on it (its jobs cannot be trusted). */
  lossGraceMs?: number;
}

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
  private readonly prefix: string;
  private readonly concurrency: number;
  private readonly lossGraceMs: number;
  /** Since when the connection is down (null: up), and how often it came back. */
  private lostAt: number | null = null;
  private reconnects = 0;
  private closing = false;

  constructor(
    private readonly redisUrl: string,
    options: BullJobQueueOptions,
  ) {
    this.prefix = options.prefix;
    this.concurrency = options.concurrency;
    this.lossGraceMs = options.lossGraceMs ?? 15_000;
    // Workers block on Redis: BullMQ requires no per-request retry limit on their connection.
    this.connection = this.watched(new Redis(redisUrl, { maxRetriesPerRequest: null }), options.log);
    this.connection.on('close', () => {
      if (!this.closing) this.lostAt ??= Date.now();
    });
    this.connection.on('ready', () => {
      if (this.lostAt === null) return;
      this.lostAt = null;
      this.reconnects++;
    });
    this.flows = new FlowProducer({ connection: this.connection, prefix: this.prefix });
    this.flows.on('error', () => undefined);
  }

  private log: WatchLog | undefined;

  private watched(client: Redis, log?: WatchLog): Redis {
    if (log) this.log = log;
    return watchRedis(client, this.redisUrl, this.log);
  }

  private duplicate(): Redis {
    return this.watched(this.connection.duplicate());
  }

  /** Answers when Redis answers (for readiness checks). */
  async ping(): Promise<void> {
    if (this.connection.status !== 'ready') throw new Error(`Redis connection is ${this.connection.status}`);
    await this.connection.ping();
  }

  /**
   * Waits for work that lives in Redis, failing it when Redis stays unreachable past the grace
   * period, or comes back without the job (restarted empty): waiting longer would wait forever.
   */
  private guard(queue: string, jobId: string | undefined, work: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let seen = this.reconnects;
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve();
      };
      const timer = setInterval(
        () => {
          if (this.lostAt !== null && Date.now() - this.lostAt > this.lossGraceMs) {
            finish(new QueueLostError(`Redis unreachable for more than ${Math.round(this.lossGraceMs / 1000)} s`));
          } else if (this.lostAt === null && this.reconnects !== seen && jobId) {
            seen = this.reconnects;
            this.queue(queue)
              .getJobState(jobId)
              .then((state) => {
                if (state === 'unknown') finish(new QueueLostError('Redis came back without the jobs of this work'));
              })
              .catch(() => undefined);
          }
        },
        Math.max(100, Math.min(1_000, this.lossGraceMs / 4)),
      );
      work().then(() => finish(), finish);
    });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(queueName(name), { connection: this.connection, prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async queueEvents(name: string): Promise<QueueEvents> {
    let events = this.events.get(name);
    if (!events) {
      // QueueEvents reads a stream with blocking calls: it needs a connection of its own.
      events = new QueueEvents(queueName(name), { connection: this.duplicate(), prefix: this.prefix });
      events.on('error', () => undefined);
      this.events.set(name, events);
      await events.waitUntilReady();
    }
    return events;
  }

  handle(name: string, handler: JobHandler): void {
    const worker = new Worker(queueName(name), async (job: Job) => handler(job.data as Record<string, unknown>), {
      connection: this.duplicate(),
      prefix: this.prefix,
      concurrency: this.concurrency,
    });
    // Failures reach the waiting caller through QueueEvents, and Redis outages are logged by the
    // connection's watch; the worker must not crash the process.
    worker.on('error', () => undefined);
    this.workers.push(worker);
  }

  private static readonly JOB_OPTIONS = { removeOnComplete: true, removeOnFail: { count: 100 } } as const;

  run(job: JobSpec): Promise<void> {
    return this.guard(job.name, job.id, async () => {
      const events = await this.queueEvents(job.name);
      const added = await this.queue(job.name).add(job.name, job.data, {
        ...BullJobQueue.JOB_OPTIONS,
        ...(job.id ? { jobId: job.id } : {}),
      });
      await added.waitUntilFinished(events);
    });
  }

  flow(parent: JobSpec, children: JobSpec[]): Promise<void> {
    return this.guard(parent.name, parent.id, () => this.addFlow(parent, children));
  }

  private async addFlow(parent: JobSpec, children: JobSpec[]): Promise<void> {
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
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.events.values()].map((events) => events.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.flows.close();
    await this.connection.quit().catch(() => undefined);
  }
}
