import { canonicalUrl, urlPattern } from './url-pattern.ts';

export interface Visit {
  url: string;
  /** Where the walk found the link: the page it was on, for the report. */
  from: string;
}

/**
 * The walk's queue: each URL once, at most `perPattern` URLs of one pattern (a few labourers'
 * profiles, not all of them), at most `maxPages` in all, breadth first so every module's first
 * pages come before the tenth page of one list.
 */
export class Frontier {
  private readonly queue: Visit[] = [];
  private readonly seen = new Set<string>();
  private readonly perPatternCount = new Map<string, number>();
  private taken = 0;

  constructor(
    private readonly perPattern: number,
    private readonly maxPages: number,
  ) {}

  /** Queues the URL unless it was seen or its pattern is full; says whether it was queued. */
  add(url: URL, from: string): boolean {
    const key = canonicalUrl(url);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const pattern = urlPattern(url);
    const count = this.perPatternCount.get(pattern) ?? 0;
    if (count >= this.perPattern) return false;
    this.perPatternCount.set(pattern, count + 1);
    this.queue.push({ url: key, from });
    return true;
  }

  next(): Visit | undefined {
    if (this.taken >= this.maxPages) return undefined;
    const visit = this.queue.shift();
    if (visit) this.taken += 1;
    return visit;
  }

  /** URLs still queued when `maxPages` stopped the walk: the report says the walk was cut short. */
  get left(): number {
    return this.queue.length;
  }
}
