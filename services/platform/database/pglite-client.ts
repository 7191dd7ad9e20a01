import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { messages, type Results } from '@electric-sql/pglite';
import { startModuleWorker } from '../worker-thread.ts';
import type { CheckpointSettings } from './pglite-checkpoints.ts';

/**
 * PGlite in a worker thread. PGlite runs each statement synchronously, in WebAssembly, on the
 * thread that calls it: in the app's thread a long statement (a campaign's ranking read, an
 * import's batch) held every request and timer. Here the instance lives in its own thread
 * (pglite-worker.ts) and this client, with the surface pglite-prisma-adapter uses (query, exec,
 * transaction with query/exec/rollback, close), sends it messages. The app's loop only copies the
 * results in and out.
 *
 * Limits: query options other than `rowMode` do not cross; any `parsers` given stand for the
 * adapter's own, which the worker applies. Database errors come back as PGlite's `DatabaseError`
 * (with code, detail, constraint…), so the adapter maps them to Prisma's codes (P2002…) as before.
 */

export interface WorkerOptions {
  /** A data directory on disk; else an in-memory database. */
  dataDir?: string;
  /** For an in-memory database: a dump (`PGlite.dumpDataDir`) to start from. */
  template?: ArrayBuffer;
  /** When the database checkpoints (pglite-checkpoints.ts; tests make it small). */
  checkpoints?: Partial<CheckpointSettings>;
  /** The nice value the worker's thread lowers itself to (see connect.ts); absent: unchanged. */
  nice?: number;
}

export interface SerializedError {
  message: string;
  name?: string;
  stack?: string | undefined;
  isDatabaseError: boolean;
  fields?: Record<string, string | number | boolean>;
}

interface QueryRequestOptions {
  rowMode?: 'array' | 'object';
  adapterParsers?: boolean;
}

type RequestBody =
  | ({ op: 'query'; sql: string; params: unknown[]; tx?: number | undefined } & QueryRequestOptions)
  | { op: 'exec'; sql: string; tx?: number | undefined }
  | { op: 'begin' }
  | { op: 'rollback'; tx: number }
  | { op: 'end'; tx: number; outcome: 'commit' | 'abort' }
  | { op: 'close' }
  /** Serve another thread of this process on the port that comes with it (WorkerPGlite.attach). */
  | { op: 'attach'; port: MessagePort };
export type Request = RequestBody & { id: number };

export type Reply = { id: number } & ({ ok: true; result: unknown } | { ok: false; error: SerializedError });

interface QueryOptionsIn {
  rowMode?: 'array' | 'object';
  parsers?: unknown;
}

export interface WorkerTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptionsIn): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

function rebuildError(error: SerializedError): Error {
  const rebuilt = error.isDatabaseError
    ? new messages.DatabaseError(error.message, Number(error.fields?.length ?? 0), 'error')
    : new Error(error.message);
  Object.assign(rebuilt, error.fields ?? {});
  if (error.name && !error.isDatabaseError) Object.defineProperty(rebuilt, 'name', { value: error.name });
  // The worker's stack says where the database failed; this thread's, who asked.
  rebuilt.stack = `${rebuilt.stack ?? ''}\n    --- in the database worker ---\n${error.stack ?? ''}`;
  return rebuilt;
}

/** Starts the worker (pglite-worker.ts, or its compiled .js). */
function startWorker(options: WorkerOptions): Worker {
  const init = { workerData: options, transferList: options.template ? [options.template] : [] };
  return startModuleWorker(new URL('./pglite-worker.ts', import.meta.url), import.meta.url, init);
}

/** The database's thread as this client sees it: the worker itself, or a port attached to it. */
type Endpoint = Pick<Worker | MessagePort, 'postMessage' | 'ref' | 'unref'> & {
  on(event: 'message', listener: (reply: Reply) => void): unknown;
};

export class WorkerPGlite {
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;

  /**
   * `endpoint`: where requests go. `owner`: the worker, when this client started it (closing the
   * client closes the database), or the attached port this client holds.
   */
  private constructor(
    private readonly endpoint: Endpoint,
    private readonly owner: Worker | MessagePort,
  ) {}

  /**
   * A client for another thread of this process (an import's writer): the port comes from
   * `attach()` on the owner's client. Its transactions take turns with everyone else's in the
   * database's thread; closing it closes the port only, and a port closed with a transaction open
   * (its thread ended) rolls that transaction back.
   */
  static overPort(port: MessagePort): WorkerPGlite {
    const client = new WorkerPGlite(port, port);
    port.on('message', (reply: Reply) => client.settle(reply));
    port.on('close', () => client.fail(new Error('embedded database port closed')));
    port.unref();
    return client;
  }

  /** A new port to the database's thread, for `overPort` in another thread (transfer it there). */
  attach(): MessagePort {
    if (this.stopped) throw this.stopped;
    const { port1, port2 } = new MessageChannel();
    this.endpoint.postMessage({ op: 'attach', port: port2, id: -1 }, [port2]);
    return port1;
  }

  /** Starts the worker and opens the database in it (about as long as opening PGlite here). */
  static async create(options: WorkerOptions): Promise<WorkerPGlite> {
    const worker = startWorker(options);
    const client = new WorkerPGlite(worker, worker);
    const ready = new Promise<unknown>((resolve, reject) => client.pending.set(0, { resolve, reject }));
    worker.on('message', (reply: Reply) => client.settle(reply));
    worker.on('error', (error) =>
      client.fail(new Error(`embedded database worker failed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) => client.fail(new Error(`embedded database worker stopped (exit code ${code})`)));
    try {
      await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    worker.unref();
    return client;
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.endpoint.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(rebuildError(reply.error));
  }

  private fail(error: Error): void {
    this.stopped ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /**
   * Sends one request. The worker holds the process open only while a request is outstanding,
   * as an in-thread PGlite would; an idle one does not keep a finished program alive.
   */
  private send<T>(request: RequestBody): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (this.closing && request.op !== 'close') return Promise.reject(new Error('embedded database is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) this.endpoint.ref();
      this.endpoint.postMessage({ ...request, id });
    });
  }

  query<T>(sql: string, params: unknown[] = [], options: QueryOptionsIn = {}, tx?: number): Promise<Results<T>> {
    return this.send({
      op: 'query',
      sql,
      params,
      tx,
      ...(options.rowMode ? { rowMode: options.rowMode } : {}),
      adapterParsers: options.parsers !== undefined,
    });
  }

  exec(sql: string, tx?: number): Promise<Results[]> {
    return this.send({ op: 'exec', sql, tx });
  }

  /**
   * Runs `work` in one transaction: its statements go to the transaction in the worker, other
   * queries wait there until it ends (PGlite has one connection). Commits when `work` resolves
   * (unless it rolled back), rolls back when it throws.
   */
  async transaction<T>(work: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
    const txId = await this.send<number>({ op: 'begin' });
    let closed = false;
    const tx: WorkerTransaction = {
      query: (sql, params, options) => this.query(sql, params, options, txId),
      exec: (sql) => this.exec(sql, txId),
      rollback: () => {
        closed = true;
        const done = this.send<void>({ op: 'rollback', tx: txId });
        // pglite-prisma-adapter does not await it; its failure shows in the transaction's end.
        done.catch(() => undefined);
        return done;
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await this.send({ op: 'end', tx: txId, outcome: 'abort' }).catch(() => undefined);
      throw error;
    }
    await this.send({ op: 'end', tx: txId, outcome: 'commit' });
    return result;
  }

  /**
   * Closes the database and stops the worker; waits at most `timeoutMs` for a clean close. On a
   * client over an attached port: closes the port only.
   */
  close(timeoutMs = 30_000): Promise<void> {
    const owner = this.owner;
    if (!('terminate' in owner)) {
      this.closing ??= Promise.resolve().then(() => {
        this.fail(new Error('embedded database port closed'));
        owner.close();
      });
      return this.closing;
    }
    this.closing ??= (async () => {
      let failure: unknown;
      if (!this.stopped) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        });
        try {
          await Promise.race([this.send({ op: 'close' }), timeout]);
        } catch (error) {
          failure = error;
        } finally {
          clearTimeout(timer);
        }
      }
      this.fail(new Error('embedded database is closed'));
      if ('terminate' in this.owner) await this.owner.terminate();
      if (failure) throw failure;
    })();
    return this.closing;
  }
}
