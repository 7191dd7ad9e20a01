/**
 * Rows a background job (a push campaign, an import) writes per transaction. On PostgreSQL other
 * requests have connections of their own; the embedded database has one, and every other query —
 * a person saving their profile, a page's read — waits while a transaction is open. There a
 * job's transactions stay short (measured by `npm run bench:responsiveness`: a campaign's write step
 * for 500 people held the connection ~250 ms, an import's batch of 1,000 rows 650-1,000 ms).
 */
export function backgroundBatch(
  database: { databaseUrl?: string | undefined },
  sizes: { shared: number; embedded: number },
): number {
  return database.databaseUrl ? sizes.shared : sizes.embedded;
}
