import { canonicalUrl, urlPattern } from './url-pattern.ts';

/**
 * Which URLs one role's walk visits: each URL once, at most `perPattern` URLs of one pattern (one
 * labourer's profile stands for all 2,400), at most `maxPages` in all.
 */
export class Frontier {
  private readonly seen = new Set<string>();
  private readonly perPatternCount = new Map<string, number>();
  private taken = 0;
  /** URLs refused because `maxPages` was reached: the report says the walk was cut short. */
  cutShort = 0;

  constructor(
    private readonly perPattern: number,
    private readonly maxPages: number,
  ) {}

  /** The URL to visit (canonical form), or undefined when it was seen, its pattern is full or the budget is spent. */
  admit(url: URL): string | undefined {
    const key = canonicalUrl(url);
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    const pattern = urlPattern(url);
    const count = this.perPatternCount.get(pattern) ?? 0;
    if (count >= this.perPattern) return undefined;
    if (this.taken >= this.maxPages) {
      this.cutShort += 1;
      return undefined;
    }
    this.perPatternCount.set(pattern, count + 1);
    this.taken += 1;
    return key;
  }

  /**
   * A page the walk already saw another way (where a form landed): it counts as visited, so the
   * walk does not load it again for its pattern.
   */
  visited(url: URL): void {
    const key = canonicalUrl(url);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const pattern = urlPattern(url);
    this.perPatternCount.set(pattern, (this.perPatternCount.get(pattern) ?? 0) + 1);
  }
}
