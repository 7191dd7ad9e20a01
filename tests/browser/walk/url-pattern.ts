/**
 * URLs as the walk counts them. Two pages that differ only in a record's id or in a query value are
 * one pattern (`/labourers/:id`, `/jobs?page&q`), so the walk visits a few of each and not all
 * 2,400 labourers; the pattern is also what an axe run and a desktop visit are made once for.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path segment naming a record: a UUID, a number, a region code or any code with a digit in it. */
export function isIdSegment(segment: string): boolean {
  return UUID.test(segment) || /\d/.test(segment);
}

/** The URL the walk keys visits on: no fragment, query parameters in a stable order. */
export function canonicalUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  copy.searchParams.sort();
  return copy.href;
}

/** `/labourers/3f…/matches?page=2&q=张` → `/labourers/:id/matches?page&q`. */
export function urlPattern(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment) => (segment !== '' && isIdSegment(decodeURIComponent(segment)) ? ':id' : segment))
    .join('/');
  const names = [...new Set(url.searchParams.keys())].sort();
  return names.length > 0 ? `${path}?${names.join('&')}` : path;
}
