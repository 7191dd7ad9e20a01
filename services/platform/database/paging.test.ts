import { describe, expect, it } from 'vitest';
import { idCursorPages, type IdCursorWindow, offsetPage } from './paging.ts';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${String(i).padStart(2, '0')}` }));

/** A fake query ordered by id that honours Prisma's cursor window (skip 1 steps over the cursor row). */
function fakeFind(all: { id: string }[], windows: IdCursorWindow[]) {
  return async (window: IdCursorWindow) => {
    windows.push(window);
    const from = 'cursor' in window ? all.findIndex((r) => r.id === window.cursor.id) + window.skip : 0;
    return all.slice(from, from + window.take);
  };
}

describe('offsetPage', () => {
  it('asks for the window of the 1-based page and returns it with the count', async () => {
    const windows: { skip: number; take: number }[] = [];
    const page = await offsetPage(
      3,
      20,
      async (w) => (windows.push(w), ['a']),
      async () => 41,
    );
    // page 3 of 20 a page: rows 41-60, so skip 40.
    expect(windows).toEqual([{ skip: 40, take: 20 }]);
    expect(page).toEqual({ items: ['a'], total: 41 });
  });
});

describe('idCursorPages', () => {
  it('walks every row once, a page at a time, and stops on a short page', async () => {
    const windows: IdCursorWindow[] = [];
    const pages: string[][] = [];
    for await (const page of idCursorPages(2, fakeFind(rows(5), windows))) pages.push(page.map((r) => r.id));
    expect(pages).toEqual([['r00', 'r01'], ['r02', 'r03'], ['r04']]);
    expect(windows).toEqual([
      { take: 2 },
      { take: 2, cursor: { id: 'r01' }, skip: 1 },
      { take: 2, cursor: { id: 'r03' }, skip: 1 },
    ]);
  });

  it('yields no empty page when the rows end on a page boundary, or when there are none', async () => {
    const full: string[][] = [];
    for await (const page of idCursorPages(2, fakeFind(rows(4), []))) full.push(page.map((r) => r.id));
    expect(full).toEqual([
      ['r00', 'r01'],
      ['r02', 'r03'],
    ]);
    const none: unknown[] = [];
    for await (const page of idCursorPages(2, fakeFind([], []))) none.push(page);
    expect(none).toEqual([]);
  });
});
