export interface Pairing {
  homeRegionCode: string;
  partnerRegionCode: string;
}

/** The home-side regions paired with a partner-area origin (a region code under the partner area). */
export function pairedHomeRegions(pairings: readonly Pairing[], regionCode: string): string[] {
  const out = new Set<string>();
  for (const p of pairings) if (regionCode.startsWith(p.partnerRegionCode)) out.add(p.homeRegionCode);
  return [...out];
}

/**
 * Matching asks for partner regions synchronously, once per person ranked, so the active pairings
 * are held in memory: loaded at start, reloaded after every agreement write on this process and
 * periodically (cooperation.jobs.ts) for writes made by other replicas.
 */
export class PairingCache {
  private pairings: Pairing[] = [];

  constructor(private readonly active: (year: number) => Promise<Pairing[]>) {}

  /** Agreements of this year, and of earlier years while a transfer of theirs is still under way. */
  async refresh(now = new Date()): Promise<void> {
    this.pairings = await this.active(now.getUTCFullYear());
  }

  lookup(regionCode: string): string[] {
    return pairedHomeRegions(this.pairings, regionCode);
  }
}
