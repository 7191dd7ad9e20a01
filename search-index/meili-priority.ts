import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BACKGROUND_NICE } from '../services/platform/thread-priority.ts';

/**
 * Meilisearch's threads that index (its task scheduler, the threads it starts for a batch, which
 * inherit its priority, and the indexing pool), by the names Meilisearch 1.21 gives them; the
 * threads that answer searches (actix and tokio workers) are not among them.
 */
const INDEXING_THREAD = /^(indexing-thread|scheduler|batch-operation)/;

/**
 * Lowers the CPU priority of the indexing threads of the Meilisearch process `pid` (Linux: a
 * thread's nice value is its own), so that on a small machine a search answered while 100,000
 * imported people are being indexed waits less for the indexer: the web first, the index a little
 * later. Threads already at `nice` or lower priority are left alone; a thread that ends meanwhile
 * is skipped. Elsewhere than Linux, or without /proc, it changes nothing.
 */
export function lowerIndexingPriority(pid: number, nice = BACKGROUND_NICE): void {
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const name = fs.readFileSync(path.join('/proc', String(pid), 'task', tid, 'comm'), 'utf8').trim();
      if (!INDEXING_THREAD.test(name)) continue;
      if (os.getPriority(Number(tid)) >= nice) continue;
      os.setPriority(Number(tid), nice);
    } catch {
      // The thread ended between the listing and now.
    }
  }
}

/**
 * Keeps the indexing threads of the current Meilisearch process (`pid()`: a new one after each
 * restart) at `nice`: now, whenever `now()` is called (after a start), and every 10 s in case
 * Meilisearch starts a thread later. `nice` 0 does nothing.
 */
export function keepIndexingPriority(
  pid: () => number | undefined,
  nice = BACKGROUND_NICE,
): { now(): void; stop(): void } {
  const now = () => {
    const current = pid();
    if (nice > 0 && current) lowerIndexingPriority(current, nice);
  };
  const timer = nice > 0 ? setInterval(now, 10_000).unref() : undefined;
  return { now, stop: () => clearInterval(timer) };
}
