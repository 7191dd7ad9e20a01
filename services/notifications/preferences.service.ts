import type { AppConfig } from '../platform/config/config.ts';
import type { Preferences } from './notifications.contract.ts';
import { clockToMinutes, minutesToClock } from './quiet-hours.ts';
import type { Preference, SmsRepository } from './sms.repository.ts';

/** A person's SMS choices; no stored row means SMS on, nothing muted, the platform's quiet hours. */
export function createPreferencesService(repo: SmsRepository, config: AppConfig['sms']) {
  const defaultQuietHours = {
    start: minutesToClock(config.quietHours.start),
    end: minutesToClock(config.quietHours.end),
  };
  const view = (row: Omit<Preference, 'userId'> | null) => ({
    smsEnabled: row?.smsEnabled ?? true,
    smsMuted: row?.smsMuted ?? [],
    quietStart: row?.quietStart == null ? null : minutesToClock(row.quietStart),
    quietEnd: row?.quietEnd == null ? null : minutesToClock(row.quietEnd),
    defaultQuietHours,
  });
  return {
    async get(userId: string) {
      return view(await repo.preference(userId));
    },
    async save(userId: string, input: Preferences) {
      const saved = await repo.savePreference(userId, {
        smsEnabled: input.smsEnabled,
        smsMuted: [...new Set(input.smsMuted)],
        quietStart: input.quietStart === null ? null : clockToMinutes(input.quietStart),
        quietEnd: input.quietEnd === null ? null : clockToMinutes(input.quietEnd),
      });
      return view(saved);
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
