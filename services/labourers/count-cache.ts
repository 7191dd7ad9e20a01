/**
 * Counts of the officer list, kept for a short while per filter: counting 30,000 rows on every
 * page request cost more than the page itself, and fifty officers paging the same region asked the
 * same count fifty times. A count may lag writes by up to the time it is kept (stated in the API).
 * Requests that arrive while a count runs wait for that one.
 */
export class CountCache {
  private readonly entries = new Map<string, { at: number; value: Promise<number> }>();

  constructor(
    private readonly keepMs: number,
    private readonly maxEntries = 500,
  ) {}

  get(filter: unknown, count: () => Promise<number>): Promise<number> {
    const key = JSON.stringify(filter);
    const now = Date.now();
    const kept = this.entries.get(key);
    if (kept && now - kept.at < this.keepMs) return kept.value;
    const value = count();
    // A failed count is not kept: the next request tries again.
    value.catch(() => this.entries.delete(key));
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
