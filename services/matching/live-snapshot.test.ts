import { describe, expect, it } from 'vitest';
import { JobSnapshot } from './job-snapshot.search.ts';
import { LiveSnapshot } from './live-snapshot.ts';

const snapshotAt = (ms: number) => JobSnapshot.of([], new Date(ms));

describe('LiveSnapshot', () => {
  it('answers null and loads while the index version is new, then holds the jobs until it changes', async () => {
    let version = 'v1';
    let loads = 0;
    const live = new LiveSnapshot({
      version: async () => version,
      load: async () => snapshotAt(++loads),
      minIntervalMs: 0,
    });
    expect(await live.current()).toBeNull();
    await live.settled();
    expect((await live.current())?.loadedAt.getTime()).toBe(1);
    expect(await live.current()).not.toBeNull();
    expect(loads).toBe(1);
    version = 'v2';
    expect(await live.current()).toBeNull();
    await live.settled();
    expect((await live.current())?.loadedAt.getTime()).toBe(2);
  });

  it('never uses jobs read while the index was being written', async () => {
    let version = 'v1';
    const live = new LiveSnapshot({
      version: async () => version,
      load: async () => {
        version = 'v2'; // a write lands during the read
        return snapshotAt(1);
      },
      minIntervalMs: 0,
    });
    await live.current();
    await live.settled();
    expect(await live.current()).toBeNull();
  });

  it('loads at most once per interval however often the index changes', async () => {
    let version = 0;
    let loads = 0;
    const live = new LiveSnapshot({
      version: async () => `v${++version}`,
      load: async () => snapshotAt(++loads),
      minIntervalMs: 60_000,
    });
    for (let i = 0; i < 5; i++) {
      expect(await live.current()).toBeNull();
      await live.settled();
    }
    expect(loads).toBe(1);
  });

  it('searches (null) when Meilisearch does not answer or the load fails, and says so once', async () => {
    const warnings: string[] = [];
    const log = { warn: (_: unknown, msg: string) => warnings.push(msg) } as never;
    const down = new LiveSnapshot({
      version: () => Promise.reject(new Error('down')),
      load: async () => snapshotAt(1),
    });
    expect(await down.current()).toBeNull();
    const failing = new LiveSnapshot({
      version: async () => 'v1',
      load: () => Promise.reject(new Error('too slow')),
      log,
      minIntervalMs: 60_000,
    });
    expect(await failing.current()).toBeNull();
    await failing.settled();
    expect(await failing.current()).toBeNull();
    expect(warnings).toEqual(['matching: open jobs not held in memory; searching Meilisearch']);
  });
});
