import { describe, expect, it } from 'vitest';
import { TaskPool } from './task-pool.ts';

describe('TaskPool', () => {
  it('runs tasks that queue more tasks until none is left, never more at once than its workers', async () => {
    const done: number[] = [];
    let running = 0;
    let most = 0;
    const pool = new TaskPool<number>(async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(n);
      // Each task below 4 finds two more, as a page finds links.
      if (n < 4) {
        pool.add(n * 2 + 1);
        pool.add(n * 2 + 2);
      }
      running -= 1;
    });
    pool.add(0);
    await pool.drain(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(most).toBe(3);
    expect(pool.pending).toBe(0);
  });

  it('finishes at once when given nothing to do', async () => {
    const pool = new TaskPool<number>(async () => {});
    await pool.drain(2);
    expect(pool.pending).toBe(0);
  });
});
