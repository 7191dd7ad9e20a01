/**
 * Background work (campaigns, imports, recounts) shares one event loop with the web, and on the
 * embedded database one connection too: a loop that never yields held a public search for 9.4 s.
 * Background loops call `yieldToWeb()` between slices: it lets waiting I/O run, then, while web
 * requests are in flight, waits for them (up to a bound, so background work is slowed, never
 * starved).
 */
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';

/** When each request in flight started. */
const inFlight = new Map<object, number>();
/** A request open longer than this (a long poll, an upload waiting for its import) no longer holds background work back. */
const FRESH_MS = 1000;

/** Fed by the HTTP server's hooks: a request came in / was answered or dropped. */
export const webRequests = {
  started(request: object): void {
    inFlight.set(request, performance.now());
  },
  finished(request: object): void {
    inFlight.delete(request);
  },
  get inFlight(): number {
    return inFlight.size;
  },
};

function freshRequests(): boolean {
  const now = performance.now();
  for (const started of inFlight.values()) if (now - started < FRESH_MS) return true;
  return false;
}

/** How long a slice of background work may hold the loop before it yields. */
export const SLICE_MS = 8;
/** Longest a yield waits for web requests to finish. */
const MAX_WAIT_MS = 250;

/** Lets the web go first: I/O callbacks run, then requests in flight are waited for. */
export async function yieldToWeb(): Promise<void> {
  await immediate();
  const until = performance.now() + MAX_WAIT_MS;
  while (freshRequests() && performance.now() < until) await sleep(2);
}

/** A clock for one loop: `due()` says when the current slice has used its time. */
export function sliceClock(sliceMs = SLICE_MS) {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    async yield(): Promise<void> {
      await yieldToWeb();
      started = performance.now();
    },
    /** Yields only when the slice has used its time. */
    async maybeYield(): Promise<void> {
      if (performance.now() - started >= sliceMs) await this.yield();
    },
  };
}

/** Maps items in slices of at most `SLICE_MS`, yielding to the web between slices. */
export async function mapInSlices<T, R>(items: readonly T[], map: (item: T, index: number) => R): Promise<R[]> {
  const clock = sliceClock();
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(map(items[i]!, i));
    await clock.maybeYield();
  }
  return out;
}
