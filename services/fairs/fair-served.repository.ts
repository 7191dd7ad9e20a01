import type { Db } from '../platform/database/prisma.ts';
import { registeredPoorWhere } from '../labourers/index.ts';

/** What a fair did for registered poor labourers: the employment-service subsidy counts these. */
export interface FairServed {
  id: string;
  name: string;
  organiser: string;
  regionCode: string;
  status: string;
  startsAt: Date;
  /** Registered poor labourers who came to the fair (checked in). */
  poorAttendees: number;
}

/** A fair's results for the poor, or null when no fair has this id. */
export async function fairServed(db: Db, fairId: string): Promise<FairServed | null> {
  const fair = await db.fair.findUnique({
    where: { id: fairId },
    select: {
      id: true,
      name: true,
      organiser: true,
      regionCode: true,
      homeRegionCode: true,
      status: true,
      startsAt: true,
    },
  });
  if (!fair) return null;
  const poorAttendees = await db.fairRegistration.count({
    where: { fairId, checkedInAt: { not: null }, labourerId: { in: await poorIds(db, fairId) } },
  });
  return {
    id: fair.id,
    name: fair.name,
    organiser: fair.organiser,
    regionCode: fair.homeRegionCode ?? fair.regionCode,
    status: fair.status,
    startsAt: fair.startsAt,
    poorAttendees,
  };
}

async function poorIds(db: Db, fairId: string) {
  const registered = await db.fairRegistration.findMany({ where: { fairId }, select: { labourerId: true } });
  const poor = await db.labourer.findMany({
    where: { id: { in: registered.map((r) => r.labourerId) }, ...registeredPoorWhere() },
    select: { id: true },
  });
  return poor.map((p) => p.id);
}
