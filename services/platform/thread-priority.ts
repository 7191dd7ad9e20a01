import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * The nice value of background CPU work (a campaign's ranking, an import's row checking,
 * Meilisearch's indexing): below the web's threads and the database's.
 */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread only, so that
 * background CPU work in a worker thread (a push campaign's ranking) gives way to the web: the app's
 * own thread, its database thread and Meilisearch's search threads. On a 2-core county server a
 * campaign keeps three threads busy; at the same priority they took turns with the searches.
 *
 * Linux only: a thread is a task with its own id (`/proc/thread-self` → `<pid>/task/<tid>`) and
 * setpriority(PRIO_PROCESS, tid) sets that task's nice value alone. Elsewhere, or when refused,
 * nothing changes and false is returned.
 */
export function lowerThreadPriority(nice = BACKGROUND_NICE): boolean {
  const tid = threadId();
  if (tid === null) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

/** The calling thread's id (Linux), else null. */
function threadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/** The nice value of the calling thread (Linux), for tests and logs; null elsewhere. */
export function threadNice(): number | null {
  const tid = threadId();
  return tid === null ? null : getPriority(tid);
}
