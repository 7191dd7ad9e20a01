import type { Db } from '../platform/database/prisma.ts';
import type { PartnerRegions } from '../matching/matcher.ts';

/** The home-side regions paired with a person's partner-area origin (filled by the cooperation module). */
export function createPartnerRegions(db: Db): PartnerRegions {
  void db;
  return () => [];
}
