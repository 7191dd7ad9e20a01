import { scopePrefix } from '../platform/access/scope.ts';
import type { JobSnapshot, MatchingApi } from '../matching/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { AppConfig } from '../platform/config/config.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { type CampaignTuning, runChunk } from './campaign-run.ts';
import { pushCoverage } from './coverage.ts';
import { type createPushesRepository, LEASE_MS, type PushesRepository } from './pushes.repository.ts';

export interface PushesServiceDeps {
  /** Made with the same lease length as `lease.ms`. */
  repo: PushesRepository;
  matching: MatchingApi;
  notifier: Notifier;
  reference: () => Promise<ReferenceNames>;
  push: AppConfig['push'];
  queue: JobQueue;
  tuning?: CampaignTuning;
  log?: { warn(obj: object, msg: string): void };
  /** How long a running campaign holds its region without a heartbeat, and how often it renews it. */
  lease?: { ms: number; heartbeatMs: number };
}

export type CampaignRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createPushesRepository>['campaign']>>>;
export type Actor = Pick<SessionUser, 'id' | 'role' | 'regionCode'>;

const CHUNK = 'pushes.chunk';
/** How long a campaign's snapshot of the open jobs serves its chunks before they read a new one. */
const SNAPSHOT_TTL_MS = 10 * 60_000;
const FINISH = 'pushes.finish';

/** The region an actor asks for, within their scope (default: the whole scope). */
export function regionWithin(actor: Actor, regionCode?: string): string {
  const scope = scopePrefix(actor);
  const region = regionCode ?? scope;
  if (!region.startsWith(scope)) throw new ForbiddenError(`Region ${region} is outside your region`);
  return region;
}

export function campaignView(c: CampaignRow) {
  return {
    ...c,
    startedAt: c.startedAt.toISOString(),
    finishedAt: c.finishedAt?.toISOString() ?? null,
    progress: c.total ? Math.min(100, Math.round((c.considered / c.total) * 100)) : c.status === 'completed' ? 100 : 0,
  };
}
export type CampaignView = ReturnType<typeof campaignView>;

/**
 * The open jobs, read once per campaign in this process and shared by its chunks (BullMQ
 * workers in other processes read their own); dropped when the campaign finishes or grows old.
 */
function jobSnapshots(matching: MatchingApi, snapshotMax: number) {
  const snapshots = new Map<string, { at: number; snapshot: Promise<JobSnapshot | null> }>();
  return {
    of(campaignId: string): Promise<JobSnapshot | null> {
      if (snapshotMax <= 0) return Promise.resolve(null);
      const now = Date.now();
      for (const [id, held] of snapshots) if (now - held.at > SNAPSHOT_TTL_MS) snapshots.delete(id);
      let held = snapshots.get(campaignId);
      if (!held) {
        held = { at: now, snapshot: matching.jobSnapshot(snapshotMax) };
        held.snapshot.catch(() => snapshots.delete(campaignId));
        snapshots.set(campaignId, held);
      }
      return held.snapshot;
    },
    drop(campaignId: string) {
      snapshots.delete(campaignId);
    },
  };
}
type JobSnapshots = ReturnType<typeof jobSnapshots>;

/** The background jobs of a campaign: a chunk (a county) and the final one that completes it. */
function handleCampaignJobs(deps: PushesServiceDeps, snapshots: JobSnapshots) {
  const { repo, queue } = deps;
  const chunkDeps = {
    matching: deps.matching,
    repo,
    notifier: deps.notifier,
    reference: deps.reference,
    push: deps.push,
    tuning: deps.tuning,
    jobSnapshot: snapshots.of,
    onDeliveryError: (error: Error) => deps.log?.warn({ err: error }, 'push notices stored but not delivered'),
  };
  queue.handle(CHUNK, (data) => runChunk(chunkDeps, String(data.campaignId), String(data.prefix)));
  queue.handle(FINISH, async (data) => {
    snapshots.drop(String(data.campaignId));
    await repo.dropStaleGaps(String(data.regionCode));
    await repo.finishCampaign(String(data.campaignId));
  });
}

interface Starter {
  deps: PushesServiceDeps;
  lease: { ms: number; heartbeatMs: number };
  /** Marks the campaigns this instance starts, so the restart clean-up leaves them alone. */
  bootId: string;
  snapshots: JobSnapshots;
}

/** Starts a campaign; `done` settles when it has completed (or failed, marked so). */
async function startCampaign(
  { deps, lease, bootId, snapshots }: Starter,
  regionCode: string,
  trigger: 'manual' | 'scheduled',
  startedById: string | null,
) {
  const { repo, queue } = deps;
  const total = await repo.countWilling(regionCode);
  const { campaign, busyId } = await repo.startCampaign({ regionCode, trigger, startedById, total, bootId });
  if (!campaign) {
    throw new ConflictError('A push campaign over an overlapping region is running', { campaignId: busyId });
  }
  // The lease is renewed while this process waits on the campaign's jobs; when it dies, or its
  // queue is lost (the flow then fails), renewals stop and the region is free within minutes.
  const heartbeat = setInterval(() => {
    repo.heartbeat(campaign.id).catch((error: unknown) => deps.log?.warn({ err: error }, 'campaign heartbeat failed'));
  }, lease.heartbeatMs);
  heartbeat.unref();
  const chunks = regionCode.length >= 6 ? [regionCode] : await repo.counties(regionCode);
  const done = queue
    .flow(
      // Overlapping campaigns are refused by the database; a job id per campaign lets a new one
      // start even when a lost campaign's jobs linger in a Redis that came back with them.
      { name: FINISH, data: { campaignId: campaign.id, regionCode }, id: `${campaign.id}-finish` },
      chunks.map((prefix) => ({
        name: CHUNK,
        data: { campaignId: campaign.id, prefix },
        id: `${campaign.id}-${prefix}`,
      })),
    )
    .then(async () => campaignView((await repo.campaign(campaign.id))!))
    .catch(async (error: unknown) => {
      snapshots.drop(campaign.id);
      await repo.failCampaign(campaign.id, (error as Error).message);
      throw error;
    })
    .finally(() => clearInterval(heartbeat));
  return { campaign: campaignView(campaign), done };
}

async function campaignInScope(repo: PushesRepository, actor: Actor, id: string) {
  const campaign = await repo.campaign(id);
  if (!campaign) throw new NotFoundError(`Push campaign ${id} does not exist`);
  if (!campaign.regionCode.startsWith(scopePrefix(actor))) {
    throw new ForbiddenError('The campaign is outside your region');
  }
  return campaignView(campaign);
}

/**
 * Push campaigns: "push at least one suitable job to every labourer who wants to move for work".
 * A campaign is split into chunks by county, run as background jobs (in this process, or on the
 * BullMQ workers of every app process), and completed by a final job once every chunk is done.
 */
export function createPushesService(deps: PushesServiceDeps) {
  const { repo } = deps;
  const lease = deps.lease ?? { ms: LEASE_MS, heartbeatMs: LEASE_MS / 4 };
  const bootId = crypto.randomUUID();
  const snapshots = jobSnapshots(deps.matching, deps.tuning?.snapshotMax ?? 200_000);
  handleCampaignJobs(deps, snapshots);
  const starter: Starter = { deps, lease, bootId, snapshots };
  const start = (regionCode: string, trigger: 'manual' | 'scheduled', startedById: string | null) =>
    startCampaign(starter, regionCode, trigger, startedById);

  return {
    repo,

    /** Runs a campaign and waits for it (the API). */
    async run(actor: Actor, regionCode?: string) {
      const { done } = await start(regionWithin(actor, regionCode), 'manual', actor.id);
      const finished = await done;
      return {
        campaignId: finished.id,
        considered: finished.considered,
        pushed: finished.pushed,
        withoutMatch: finished.withoutMatch,
      };
    },

    /** Starts a campaign and answers at once (the officer page follows its progress). */
    async startInBackground(actor: Actor, regionCode?: string) {
      const { campaign, done } = await start(regionWithin(actor, regionCode), 'manual', actor.id);
      done.catch((error: unknown) => deps.log?.warn({ err: error, campaignId: campaign.id }, 'push campaign failed'));
      return campaign;
    },

    /** The scheduled run: one campaign per province that has people who want work. */
    async runScheduled() {
      const provinces = [...new Set((await repo.counties('')).map((c) => c.slice(0, 2)))];
      const results = [];
      for (const province of provinces) {
        try {
          results.push(await (await start(province, 'scheduled', null)).done);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
      return results;
    },

    failInterrupted: () => repo.failInterrupted(bootId),
    failExpired: () => repo.failExpired(),

    async campaigns(actor: Actor, page: number, pageSize: number) {
      const { items, total } = await repo.campaigns(scopePrefix(actor), page, pageSize);
      return { items: items.map(campaignView), total, page, pageSize };
    },

    campaign: (actor: Actor, id: string) => campaignInScope(repo, actor, id),

    async coverage(actor: Actor, regionCode?: string) {
      const region = regionWithin(actor, regionCode);
      return { regionCode: region, ...(await pushCoverage(repo, region)) };
    },

    /** The regions an officer may run a campaign over: their scope's province, cities and counties. */
    regionChoices: (actor: Actor) => repo.regionsUnder(scopePrefix(actor)),
  };
}

export type PushesService = ReturnType<typeof createPushesService>;
