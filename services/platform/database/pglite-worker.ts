/**
 * The embedded database's own thread: it owns the PGlite instance (PostgreSQL in WebAssembly, whose
 * every statement runs synchronously on the thread that calls it) and answers the requests of
 * `WorkerPGlite` (pglite-client.ts) in the app's thread, so a long statement no longer holds the
 * app's event loop. Not imported by the app: started with `new Worker(...)`.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { lowerThreadPriority } from '../thread-priority.ts';
import { DEFAULT_CHECKPOINTS, keepCheckpointing, startParams } from './pglite-checkpoints.ts';
import type { Reply, Request, SerializedError, WorkerOptions } from './pglite-client.ts';

const port = parentPort!;
const options = workerData as WorkerOptions;
// Below the app's thread and Meilisearch's searches, above the background threads (nice 10): see
// PGLITE_NICE in the README.
if (options.nice) lowerThreadPriority(options.nice);

/**
 * The value parsers pglite-prisma-adapter passes with every query (functions, which cannot cross
 * threads). Taken from the adapter itself, by running one query against a stand-in client, so they
 * stay the adapter's own when it is upgraded.
 */
async function adapterParsers(): Promise<QueryOptions['parsers']> {
  let captured: QueryOptions['parsers'];
  const standIn = {
    query: (_sql: string, _values: unknown[], queryOptions: QueryOptions) => {
      captured = queryOptions.parsers;
      return Promise.resolve({ fields: [], rows: [] });
    },
  };
  const adapter = await new PrismaPGlite(standIn as never).connect();
  await adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
  if (!captured) throw new Error('pglite-prisma-adapter passed no parsers: the worker cannot mirror them');
  return captured;
}

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error), isDatabaseError: false };
  // Only plain fields cross: PGlite hangs the query options (functions) on its errors.
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(error)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value as string | number | boolean;
  }
  return {
    message: error.message,
    name: error.name,
    stack: error.stack,
    isDatabaseError: error instanceof messages.DatabaseError,
    fields,
  };
}

interface OpenTransaction {
  tx: Transaction;
  /** The transaction's requests run one after another, in the order they were sent. */
  chain: Promise<unknown>;
  finish(outcome: 'commit' | 'abort'): void;
  done: Promise<unknown>;
}

const parsers = await adapterParsers();
const checkpointSettings = { ...DEFAULT_CHECKPOINTS, ...options.checkpoints };
const pg = await PGlite.create({
  ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  ...(!options.dataDir && options.template ? { loadDataDir: new Blob([options.template]) } : {}),
  startParams: startParams(PGlite.defaultStartParams, checkpointSettings),
});
// Between requests: the log never reaches the size at which PGlite's backend hangs (pglite-checkpoints.ts).
const checkpoints = keepCheckpointing(pg, checkpointSettings, (error) =>
  console.error('embedded database: checkpoint failed', error),
);

function queryOptions(request: { rowMode?: 'array' | 'object'; adapterParsers?: boolean }): QueryOptions {
  return {
    ...(request.rowMode ? { rowMode: request.rowMode } : {}),
    ...(request.adapterParsers ? { parsers } : {}),
  };
}

/** The open transactions of one caller (the app's thread, or a thread attached on a port), by id. */
type Transactions = Map<number, OpenTransaction>;
/** Callers whose port has closed: a transaction of theirs that was still waiting to begin ends at once. */
const gone = new WeakSet<Transactions>();

/** Starts a transaction; resolves with its id once BEGIN has run (it waits while another is open). */
function begin(transactions: Transactions, id: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = pg
      .transaction(
        (tx) =>
          new Promise((finished, aborted) => {
            const finish = (outcome: 'commit' | 'abort') =>
              outcome === 'commit' ? finished(undefined) : aborted(new Error('abort'));
            if (gone.has(transactions)) return finish('abort');
            transactions.set(id, { tx, chain: Promise.resolve(), done, finish });
            resolve(id);
          }),
      )
      .finally(() => transactions.delete(id));
    done.catch(reject);
  });
}

function inTransaction(
  transactions: Transactions,
  id: number,
  work: (open: OpenTransaction) => Promise<unknown>,
): Promise<unknown> {
  const open = transactions.get(id);
  if (!open) return Promise.reject(new Error('Transaction is closed'));
  const next = open.chain.then(() => work(open));
  open.chain = next.catch(() => undefined);
  return next;
}

async function handle(request: Exclude<Request, { op: 'attach' }>, transactions: Transactions): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      const run = (client: PGlite | Transaction) => client.query(request.sql, request.params, queryOptions(request));
      return request.tx === undefined ? run(pg) : inTransaction(transactions, request.tx, ({ tx }) => run(tx));
    }
    case 'exec':
      return request.tx === undefined
        ? pg.exec(request.sql)
        : inTransaction(transactions, request.tx, ({ tx }) => tx.exec(request.sql));
    case 'begin':
      return begin(transactions, request.id);
    case 'rollback':
      return inTransaction(transactions, request.tx, ({ tx }) => tx.rollback());
    case 'end':
      return inTransaction(transactions, request.tx, async (open) => {
        open.finish(request.outcome);
        // An abandoned transaction's rejection is the caller's own error, already known there.
        await open.done.catch((error: unknown) => {
          if (request.outcome === 'commit') throw error;
        });
      });
    case 'close':
      await checkpoints.stop();
      await pg.close();
      return undefined;
  }
}

/**
 * Answers one caller's requests. An attached caller (another thread of the app) may only query and
 * run transactions; when its port closes (its thread ended), its open transactions roll back, so a
 * writer that died mid-batch never leaves the database held.
 */
function serve(endpoint: MessagePort, attached: boolean): void {
  const transactions: Transactions = new Map();
  endpoint.on('message', (request: Request) => {
    // The app's thread attaches a port and waits for no answer (WorkerPGlite.attach).
    if (request.op === 'attach' && !attached) return serve(request.port, true);
    (request.op === 'attach' || (attached && request.op === 'close')
      ? Promise.reject(new Error(`${request.op} is not for an attached client`))
      : handle(request, transactions)
    ).then(
      (result) => endpoint.postMessage({ id: request.id, ok: true, result } satisfies Reply),
      (error: unknown) =>
        endpoint.postMessage({ id: request.id, ok: false, error: serializeError(error) } satisfies Reply),
    );
  });
  if (attached) {
    endpoint.on('close', () => {
      gone.add(transactions);
      for (const open of transactions.values()) open.finish('abort');
    });
  }
}

serve(port, false);
port.postMessage({ id: 0, ok: true, result: 'ready' } satisfies Reply);
