import {
  type ApplicationCount,
  type MatchingRepository,
  OPEN_APPLICATION,
  TAKEN_PLACE,
} from './matching.repository.ts';
import type { Crowding, EmployerRecord } from './types.ts';

/** Open applications and taken places per vacancy, from grouped application counts. */
export function crowdingByVacancy(rows: readonly ApplicationCount[]): Map<string, Crowding> {
  const out = new Map<string, Crowding>();
  for (const row of rows) {
    const entry = out.get(row.vacancyId) ?? { open: 0, taken: 0 };
    if (OPEN_APPLICATION.includes(row.status)) entry.open += row.count;
    else if (TAKEN_PLACE.includes(row.status)) entry.taken += row.count;
    out.set(row.vacancyId, entry);
  }
  return out;
}

/**
 * A value read again once it is older than ttlMs; meanwhile the old one keeps serving, so only the
 * very first caller waits. A ttlMs of 0 reads it every time (tests).
 */
function refreshing<T>(load: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let value: Promise<T> | undefined;
  let loadedAt = 0;
  let pending = false;
  return () => {
    if (!value || ttlMs === 0) {
      const next = load();
      value = next;
      loadedAt = Date.now();
      next.catch(() => {
        if (value === next) value = undefined;
      });
      return next;
    }
    if (!pending && Date.now() - loadedAt > ttlMs) {
      pending = true;
      const next = load();
      next
        .then(() => {
          value = next;
          loadedAt = Date.now();
        })
        .catch(() => {})
        .finally(() => (pending = false));
    }
    return value;
  };
}

/**
 * What the applications say about the market: each employer's hires and retention, and how
 * crowded each open vacancy is. Both change slowly against a ranking's needs, so they are read
 * for all employers and vacancies at once and refreshed in the background.
 */
export function createMarketSignals(repo: MatchingRepository, now: () => Date, ttlMs: number) {
  return {
    records: refreshing<Map<string, EmployerRecord>>(async () => {
      const rows = await repo.employerRecords(now());
      return new Map(rows.map(({ employerId, ...record }) => [employerId, record]));
    }, ttlMs),
    crowding: refreshing<Map<string, Crowding>>(async () => crowdingByVacancy(await repo.applicationCounts()), ttlMs),
  };
}
