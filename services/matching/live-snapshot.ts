import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';
import type { JobSnapshot } from './job-snapshot.search.ts';

/**
 * MATCHING_SNAPSHOT_MAX: open jobs up to which one person's matches are answered from the open
 * jobs held in memory (as push campaigns do) instead of a Meilisearch search per request;
 * 0 always searches. 200,000 open jobs take about 200 MB.
 */
export const liveSnapshotConfig: ConfigSection<{ max: number }> = {
  name: 'matching-snapshot',
  schema: z
    .object({ MATCHING_SNAPSHOT_MAX: wholeSetting(0, 2_000_000, 200_000) })
    .transform((env) => ({ max: env.MATCHING_SNAPSHOT_MAX })),
};

export interface LiveSnapshotDeps {
  /** The vacancy index's version: Meilisearch's `updatedAt` of the index, changed by every write. */
  version(): Promise<string>;
  /** Reads the open jobs and builds their lists (null above the limit). */
  load(): Promise<JobSnapshot | null>;
  log?: FastifyBaseLogger | undefined;
  /** Least time between two loads, so an index written all day is not read all day. */
  minIntervalMs?: number | undefined;
}

/**
 * The open jobs in memory for one person's matches, used only while they are exactly what the
 * index holds: each request asks Meilisearch for the index's version (a cheap call) and gets the
 * snapshot when it was loaded at that version, else null (the caller searches Meilisearch, as
 * before) and a new load starts in the background. So a job posted a moment ago is never missing
 * from a person's matches, and a quiet index is read once.
 */
export class LiveSnapshot {
  private held: { snapshot: JobSnapshot; version: string } | undefined;
  private loading: Promise<void> | undefined;
  private lastLoadAt = -Infinity;

  constructor(private readonly deps: LiveSnapshotDeps) {}

  async current(): Promise<JobSnapshot | null> {
    let version: string;
    try {
      version = await this.deps.version();
    } catch {
      return null;
    }
    if (this.held?.version === version) return this.held.snapshot;
    this.refresh(version);
    return null;
  }

  /** Waits for a load under way (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.loading;
  }

  private refresh(version: string): void {
    const minInterval = this.deps.minIntervalMs ?? 10_000;
    if (this.loading || performance.now() - this.lastLoadAt < minInterval) return;
    this.lastLoadAt = performance.now();
    this.loading = this.deps
      .load()
      .then((snapshot) => {
        // Loaded at `version` read before the load began: a write during the load changes the
        // index's version, so this snapshot is then never used and the next request loads again.
        this.held = snapshot ? { snapshot, version } : undefined;
      })
      .catch((error: unknown) => {
        this.deps.log?.warn({ err: error }, 'matching: open jobs not held in memory; searching Meilisearch');
      })
      .finally(() => {
        this.loading = undefined;
      });
  }
}
