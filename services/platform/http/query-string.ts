import { z } from 'zod';

/**
 * The site's query-string parser. A browser submits every field of a GET form, empty ones
 * included (`?q=缝纫&regionCode=&sort=`), and an empty value means "no filter" everywhere: leaving
 * it out here, before any schema or handler reads the query, keeps every route (API or page, with
 * a schema or without) from refusing or misreading a search that has blank filters.
 * A repeated name (ticked checkboxes) gives a list, as Fastify's own parser does.
 */
export function parseQueryString(raw: string): Record<string, string | string[]> {
  // No prototype, so a parameter named `__proto__` or `constructor` is only a parameter.
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(raw)) {
    if (value.trim() === '') continue;
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/**
 * A list in a query: ticked checkboxes repeat the name (`ids=a&ids=b`), a link may join the
 * values with commas (`ids=a,b`); both read as one list of items.
 */
export function queryList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      [value]
        .flat()
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
}
