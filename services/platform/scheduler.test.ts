import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type ScheduledJob, startScheduler } from './scheduler.ts';

function capturingLog() {
  const lines: { level: string; msg: string; job?: string }[] = [];
  const at = (level: string) => (obj: object, msg: string) => lines.push({ level, msg, ...(obj as { job?: string }) });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

const inProcess = { redisUrl: undefined, prefix: 'unused' };

describe('the scheduler without Redis (in this process)', () => {
  it('runs each job after the first-run delay, then every interval', async () => {
    const { log } = capturingLog();
    const runs: number[] = [];
    const started = Date.now();
    const scheduler = await startScheduler(
      [{ name: 'tick', everyMs: 100, run: async () => void runs.push(Date.now() - started) }],
      { ...inProcess, log, firstRunAfterMs: 150 },
    );
    expect(scheduler.kind).toBe('in-process');
    await scheduler.ready;
    while (runs.length < 4) await sleep(20);
    await scheduler.stop();
    // Not at the interval's first tick (100 ms): the interval starts with the first run.
    expect(runs[0]).toBeGreaterThanOrEqual(145);
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(95);
  });

  it('never runs a job beside itself, logs a failure and runs it again at the next tick', async () => {
    const { lines, log } = capturingLog();
    let running = 0;
    let most = 0;
    let slowRuns = 0;
    let flakyRuns = 0;
    const jobs: ScheduledJob[] = [
      {
        name: 'slow',
        everyMs: 20,
        run: async () => {
          most = Math.max(most, ++running);
          await sleep(90);
          running--;
          slowRuns++;
        },
      },
      {
        name: 'flaky',
        everyMs: 30,
        run: async () => {
          if (++flakyRuns === 1) throw new Error('the first run fails');
        },
      },
    ];
    const scheduler = await startScheduler(jobs, { ...inProcess, log });
    while (slowRuns < 3 || flakyRuns < 3) await sleep(20);
    await scheduler.stop();
    expect(most).toBe(1);
    expect(lines.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({ msg: 'scheduled job failed', job: 'flaky' }),
    ]);
  });

  it('stops taking ticks and waits for the run under way', async () => {
    const { log } = capturingLog();
    let started = 0;
    let finished = 0;
    const scheduler = await startScheduler(
      [
        {
          name: 'long',
          everyMs: 30,
          run: async () => {
            started++;
            await sleep(120);
            finished++;
          },
        },
      ],
      { ...inProcess, log },
    );
    while (started < 1) await sleep(5);
    await scheduler.stop();
    expect(finished).toBe(started);
    const after = started;
    await sleep(100);
    expect(started).toBe(after);
  });

  it('refuses job names that cannot be scheduler ids, and two jobs of one name', async () => {
    const { log } = capturingLog();
    const job = { name: 'a', everyMs: 1000, run: async () => {} };
    await expect(startScheduler([job, { ...job }], { ...inProcess, log })).rejects.toThrow('Two scheduled jobs');
    await expect(startScheduler([{ ...job, name: 'a:b' }], { ...inProcess, log })).rejects.toThrow("without ':'");
    await expect(startScheduler([{ ...job, everyMs: 0 }], { ...inProcess, log })).rejects.toThrow('everyMs');
  });
});
