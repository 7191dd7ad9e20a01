import { type FairOutcome, TargetGroup } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const TARGET_GROUPS = enumValues(TargetGroup);
/** People registered in none of the fair's target groups are still counted, under this key. */
export const NO_GROUP = 'none';

export interface ResultRegistration {
  id: string;
  labourerId: string;
  regionCode: string;
  targetGroups: readonly TargetGroup[];
  checkedInAt: Date | null;
}

export interface ResultInteraction {
  registrationId: string;
  outcome: FairOutcome;
}

/** A hire of a person by an employer that took part in the fair (from applications). */
export interface ResultHire {
  labourerId: string;
  hiredAt: Date;
}

export interface ResultInput {
  startsAt: Date;
  employers: number;
  vacancies: number;
  registrations: readonly ResultRegistration[];
  interactions: readonly ResultInteraction[];
  hires: readonly ResultHire[];
}

/** People counted once per row: a person interviewed twice counts as one interviewed person. */
export interface ResultRow {
  key: string;
  registered: number;
  attended: number;
  interviewed: number;
  intentions: number;
  offers: number;
  hired30: number;
  hired90: number;
}

export interface FairResults {
  employers: number;
  vacancies: number;
  total: ResultRow;
  byCounty: ResultRow[];
  byGroup: ResultRow[];
}

const DAY_MS = 86_400_000;

function emptyRow(key: string): ResultRow {
  return { key, registered: 0, attended: 0, interviewed: 0, intentions: 0, offers: 0, hired30: 0, hired90: 0 };
}

/**
 * A fair's results from its rows. Only attendees can count as interviewed or hired, so every row
 * holds registered ≥ attended ≥ hired90 ≥ hired30. Hires count from the fair's first day to 30
 * (90) days after it; an earlier hire was not the fair's doing.
 */
export function computeFairResults(input: ResultInput): FairResults {
  const start = input.startsAt.getTime();
  const firstHire = new Map<string, number>();
  for (const hire of input.hires) {
    const at = hire.hiredAt.getTime();
    if (at < start || at >= start + 90 * DAY_MS) continue;
    const seen = firstHire.get(hire.labourerId);
    if (seen === undefined || at < seen) firstHire.set(hire.labourerId, at);
  }
  const outcomes = new Map<string, Set<FairOutcome>>();
  for (const interaction of input.interactions) {
    const set = outcomes.get(interaction.registrationId) ?? new Set<FairOutcome>();
    set.add(interaction.outcome);
    outcomes.set(interaction.registrationId, set);
  }

  const total = emptyRow('total');
  const counties = new Map<string, ResultRow>();
  const groups = new Map<string, ResultRow>(TARGET_GROUPS.map((g) => [g, emptyRow(g)]));

  for (const reg of input.registrations) {
    const rows = [total];
    const county = reg.regionCode.slice(0, 6);
    if (!counties.has(county)) counties.set(county, emptyRow(county));
    rows.push(counties.get(county)!);
    const keys = reg.targetGroups.length ? [...new Set(reg.targetGroups)] : [NO_GROUP];
    for (const key of keys) {
      if (!groups.has(key)) groups.set(key, emptyRow(key));
      rows.push(groups.get(key)!);
    }
    const attended = reg.checkedInAt !== null;
    const done = attended ? (outcomes.get(reg.id) ?? new Set()) : new Set<FairOutcome>();
    const hiredAt = attended ? firstHire.get(reg.labourerId) : undefined;
    for (const row of rows) {
      row.registered += 1;
      if (!attended) continue;
      row.attended += 1;
      if (done.has('interview')) row.interviewed += 1;
      if (done.has('intention')) row.intentions += 1;
      if (done.has('offer')) row.offers += 1;
      if (hiredAt !== undefined) {
        row.hired90 += 1;
        if (hiredAt < start + 30 * DAY_MS) row.hired30 += 1;
      }
    }
  }

  return {
    employers: input.employers,
    vacancies: input.vacancies,
    total,
    byCounty: [...counties.values()].sort((a, b) => a.key.localeCompare(b.key)),
    byGroup: [...groups.values()],
  };
}
