import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapInSlices, webRequests, yieldToWeb } from './background.ts';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('background work yields to the web', () => {
  it('lets a timer run while CPU-heavy items are mapped, instead of after all of them', async () => {
    let firedAfter = -1;
    let done = 0;
    setTimeout(() => (firedAfter = done), 0);
    await mapInSlices(Array.from({ length: 40 }), () => {
      busy(2);
      done++;
    });
    expect(done).toBe(40);
    expect(firedAfter).toBeGreaterThanOrEqual(0);
    expect(firedAfter).toBeLessThan(40);
  });

  it('waits while a fresh request is in flight and goes on once it is answered', async () => {
    const request = {};
    webRequests.started(request);
    let resumed = false;
    const waiting = yieldToWeb().then(() => (resumed = true));
    await sleep(30);
    expect(resumed).toBe(false);
    webRequests.finished(request);
    await waiting;
    expect(resumed).toBe(true);
  });
});
