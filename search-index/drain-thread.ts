import type { Worker } from 'node:worker_threads';
import type { DbLink } from '../services/platform/database-link.ts';
import { BACKGROUND_NICE } from '../services/platform/thread-priority.ts';
import { startModuleWorker } from '../services/platform/worker-thread.ts';
import type { DrainOptions } from './outbox.ts';

/** What the drain's thread is started with. */
export interface DrainThreadData {
  link: DbLink;
  meiliUrl: string;
  meiliKey: string;
  indexPrefix: string;
  options: Omit<DrainOptions, 'log'>;
  nice: number;
}

/** From the drain's thread: a log line of its drain. */
export type FromDrainThread = { kind: 'log'; level: 'warn' | 'info'; detail: object; msg: string };

export type ToDrainThread = { kind: 'stop' };

type Log = {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export interface DrainThreadOptions extends Omit<DrainThreadData, 'link' | 'nice'> {
  /** A new link to the app's database for each thread started (database/prisma.ts `databaseLink`). */
  link: () => DbLink;
  log: Log;
  nice?: number;
  /** Wait before starting a thread again after it ended unasked: doubles per failure up to a minute. */
  restartBackoffMs?: number;
}

export interface DrainThread {
  /** Threads started again after one ended unasked (a crash). */
  readonly restarts: number;
  /** The thread now draining (none between a crash and its restart). */
  readonly worker: Worker | undefined;
  /** Ends the drain's thread after the step under way (its transactions end with it). */
  stop(): Promise<void>;
}

/**
 * Runs the background outbox drain (OutboxDrain.start) in a worker thread of its own, at the
 * background priority, over a link to the app's database: loading each batch's rows and building
 * their documents (Prisma's joins, the search texts) and sending them to Meilisearch no longer take
 * turns with web requests on the app's thread. A thread that ends unasked is started again, with
 * back-off, and logged; the outbox keeps every row meanwhile.
 */
export function startDrainThread(options: DrainThreadOptions): DrainThread {
  const { link, log, nice = BACKGROUND_NICE, restartBackoffMs = 1_000, ...data } = options;
  let worker: Worker | undefined;
  let stopping = false;
  let restarts = 0;
  let failuresInARow = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const start = () => {
    const threadData: DrainThreadData = { ...data, link: link(), nice };
    const transfer = threadData.link.kind === 'pglite' ? [threadData.link.port] : [];
    const w = startModuleWorker(new URL('./drain-worker.ts', import.meta.url), import.meta.url, {
      workerData: threadData,
      transferList: transfer,
    });
    worker = w;
    const startedAt = Date.now();
    w.on('message', (message: FromDrainThread) => {
      if (message.kind === 'log') log[message.level](message.detail, message.msg);
    });
    w.on('error', (error) => log.error({ error: error.message }, 'search: the outbox drain thread failed'));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      if (!stopping) restartLater({ code }, Date.now() - startedAt);
    });
  };
  // A thread that ran a while before it ended starts again at once; one that keeps failing waits longer.
  const restartLater = (detail: object, ranMs: number) => {
    failuresInARow = ranMs > 60_000 ? 1 : failuresInARow + 1;
    const wait = Math.min(restartBackoffMs * 2 ** (failuresInARow - 1), 60_000);
    log.error({ ...detail, restartInMs: wait }, 'search: the outbox drain thread ended; starting it again');
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      restarts += 1;
      try {
        start();
      } catch (error) {
        // No link could be made (the database's thread is gone): try again later, never crash the app.
        restartLater({ error: (error as Error).message }, 0);
      }
    }, wait);
  };
  start();

  return {
    get restarts() {
      return restarts;
    },
    get worker() {
      return worker;
    },
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ kind: 'stop' } satisfies ToDrainThread);
      // The drain ends its step and closes its link; a thread that does not answer is ended.
      const timer = setTimeout(() => void w.terminate(), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
