import { describe, expect, it } from 'vitest';
import { ConfigError } from '../platform/config/config.ts';
import { loadConfig } from '../platform/config/config.ts';
import { DEFAULT_SUBSIDY_RULES, subsidyConfig } from './subsidy-settings.ts';

const loadSubsidyRules = (env: NodeJS.ProcessEnv) => loadConfig(env, [subsidyConfig]).section(subsidyConfig);

describe('subsidy rules from the configuration', () => {
  it('defaults to 6 months, 1,000 yuan and no workshop bonus (the award is its own programme)', () => {
    expect(loadSubsidyRules({})).toEqual({
      qualifyingMonths: 6,
      amountPerPerson: 1000,
      workshopBonus: 0,
      onlyRegisteredPoor: true,
    });
    expect(loadSubsidyRules({ SUBSIDY_QUALIFYING_MONTHS: '' })).toEqual(DEFAULT_SUBSIDY_RULES);
  });

  it('reads each setting', () => {
    expect(
      loadSubsidyRules({
        SUBSIDY_QUALIFYING_MONTHS: '12',
        SUBSIDY_AMOUNT_PER_PERSON: '2000',
        SUBSIDY_WORKSHOP_BONUS: '300',
      }),
    ).toEqual({ qualifyingMonths: 12, amountPerPerson: 2000, workshopBonus: 300, onlyRegisteredPoor: true });
  });

  it('refuses bad values, naming every bad variable', () => {
    try {
      loadSubsidyRules({
        SUBSIDY_QUALIFYING_MONTHS: '0',
        SUBSIDY_AMOUNT_PER_PERSON: 'many',
        SUBSIDY_WORKSHOP_BONUS: '2.5',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'SUBSIDY_AMOUNT_PER_PERSON',
        'SUBSIDY_QUALIFYING_MONTHS',
        'SUBSIDY_WORKSHOP_BONUS',
      ]);
    }
  });
});
