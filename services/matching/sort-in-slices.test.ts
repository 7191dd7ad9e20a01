import { describe, expect, it } from 'vitest';
import { sortInSlices } from './job-snapshot.search.ts';

describe('sortInSlices', () => {
  it('gives the order of a stable sort, ties in input order, across many runs', async () => {
    const items = Array.from({ length: 10_007 }, (_, i) => ({ pay: (i * 7919) % 37, at: i }));
    const byPay = (a: { pay: number }, b: { pay: number }) => b.pay - a.pay;
    expect(await sortInSlices([...items], byPay, 100)).toEqual([...items].sort(byPay));
    expect(await sortInSlices([], byPay)).toEqual([]);
  });
});
