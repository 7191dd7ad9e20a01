/**
 * Paging shapes the repositories share. The query stays in the repository (its where, include and
 * order); these only place the window and walk the pages.
 */

/** The rows of one page (1-based) and the count of all that match, read side by side. */
export async function offsetPage<T>(
  page: number,
  pageSize: number,
  find: (window: { skip: number; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ items: T[]; total: number }> {
  const [items, total] = await Promise.all([find({ skip: (page - 1) * pageSize, take: pageSize }), count()]);
  return { items, total };
}

/** The window after a row: Prisma's cursor on the id, skipping the cursor row itself. */
export type IdCursorWindow = { take: number } | { take: number; cursor: { id: string }; skip: 1 };

/**
 * Every matching row, a page at a time, by id cursor (for exports): `find` must order by id. An empty
 * page is not yielded; a page shorter than `pageSize` is the last.
 */
export async function* idCursorPages<T extends { id: string }>(
  pageSize: number,
  find: (window: IdCursorWindow) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await find({ take: pageSize, ...(cursor ? { cursor: { id: cursor }, skip: 1 as const } : {}) });
    if (page.length) yield page;
    if (page.length < pageSize) return;
    cursor = page.at(-1)!.id;
  }
}
