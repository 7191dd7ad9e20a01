import { describe, expect, it } from 'vitest';
import { crowdingByVacancy } from './market-signals.ts';

describe('market signals', () => {
  it('counts open applications and taken places per vacancy', () => {
    const crowding = crowdingByVacancy([
      { vacancyId: 'v', status: 'applied', count: 4 },
      { vacancyId: 'v', status: 'interview', count: 1 },
      { vacancyId: 'v', status: 'hired', count: 2 },
      { vacancyId: 'w', status: 'started', count: 1 },
    ]);
    expect(crowding.get('v')).toEqual({ open: 5, taken: 2 });
    expect(crowding.get('w')).toEqual({ open: 0, taken: 1 });
  });
});
