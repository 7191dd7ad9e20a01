import { describe, expect, it } from 'vitest';
import { INDICATOR_BY_ID } from '../reports/indicators.ts';
import { type FigureRows, talentFigures } from './talent-figures.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const step = (toState: string, on: string) => ({ toState, on: d(on) });

/**
 * Hand-made rows for 2026, period 1 April – 30 June, province 35. Key counties: 350821 长汀, 350424 宁化.
 * The 2026 plan (targets 500 / 250), its participants:
 * - A: selected 3-01, placed 长汀 3-10 → recruited, placed in a key county.
 * - B: selected 3-01, placed 上杭 350823 3-10 (not a key county) → recruited only.
 * - C: selected 3-01, placed 宁化 7-01 (after the period) → recruited, not yet placed at 6-30.
 * - D: applied only, home 长汀 → neither.
 * Earlier plans' participants the period's service figures look at (the service lasts two years):
 * - E: 2024 plan, placed 宁化 2024-05-10, due 2026-05-10, completed 2026-05-20 with township_hire
 *   → completed and hired in the period, though not of the 2026 plan; falls due in the period.
 * - F: 2024 plan, placed 长汀 2024-03-01, due 2026-03-01, completed 2026-03-15 → before the period: neither.
 * - G: 2024 plan, placed 长汀 2024-06-01, due 2026-06-01, still serving → falls due in the period, not completed.
 * - H: 2024 plan, placed 上杭 2024-04-20, due 2026-04-20, withdrew → not due (withdrawn), not completed.
 * Trainings in the period: A twice (5-01, 6-01), E once → 2 people (A 长汀, E 宁化); B's on 3-20 is before it.
 */
const rows: FigureRows = {
  plan: {
    targetTotal: 500,
    targetKeyCounty: 250,
    posts: [
      { countyCode: '350821', count: 4 },
      { countyCode: '350424', count: 2 },
      { countyCode: '350823', count: 3 },
    ],
    participants: [
      {
        countyCode: '350821',
        homeRegionCode: '350821',
        outcome: null,
        transitions: [step('applied', '2026-02-01'), step('selected', '2026-03-01'), step('placed', '2026-03-10')],
      },
      {
        countyCode: '350823',
        homeRegionCode: '350823',
        outcome: null,
        transitions: [step('selected', '2026-03-01'), step('placed', '2026-03-10')],
      },
      {
        countyCode: '350424',
        homeRegionCode: '350424',
        outcome: null,
        transitions: [step('selected', '2026-03-01'), step('placed', '2026-07-01')],
      },
      { countyCode: null, homeRegionCode: '350821', outcome: null, transitions: [step('applied', '2026-02-01')] },
    ],
  },
  service: {
    people: [
      {
        state: 'completed',
        countyCode: '350424',
        homeRegionCode: '350424',
        outcome: 'township_hire',
        serviceDueOn: d('2026-05-10'),
        completedOn: d('2026-05-20'),
      },
      {
        state: 'completed',
        countyCode: '350821',
        homeRegionCode: '350821',
        outcome: 'further_study',
        serviceDueOn: d('2026-03-01'),
        completedOn: d('2026-03-15'),
      },
      {
        state: 'serving',
        countyCode: '350821',
        homeRegionCode: '350821',
        outcome: null,
        serviceDueOn: d('2026-06-01'),
        completedOn: null,
      },
      {
        state: 'withdrawn',
        countyCode: '350823',
        homeRegionCode: '350823',
        outcome: null,
        serviceDueOn: d('2026-04-20'),
        completedOn: null,
      },
    ],
    trainings: [
      { participantId: 'A', countyCode: '350821', homeRegionCode: '350821' },
      { participantId: 'A', countyCode: '350821', homeRegionCode: '350821' },
      { participantId: 'E', countyCode: '350424', homeRegionCode: '350424' },
    ],
  },
  // 长汀: 3 posts, 1 reserved; recruits: 2 poor-family by 6-30, one more 7-02 → filled 2, reserved filled min(1,2)=1.
  // 宁化: 1 post, recruits 2 (over the posts) → filled 1; no reserve.
  catalogue: [
    {
      countyCode: '350821',
      posts: 3,
      reservedPoor: 1,
      recruits: [
        { poorFamily: true, recruitedOn: d('2026-04-01') },
        { poorFamily: true, recruitedOn: d('2026-05-01') },
        { poorFamily: false, recruitedOn: d('2026-07-02') },
      ],
    },
    {
      countyCode: '350424',
      posts: 1,
      reservedPoor: 0,
      recruits: [
        { poorFamily: false, recruitedOn: d('2026-04-01') },
        { poorFamily: false, recruitedOn: d('2026-04-02') },
      ],
    },
  ],
  // Special recruitment campaigns of township institutions (key counties only):
  // K1 长汀 3 posts, 2 reserved: poor 4-10, poor 5-15, not poor 6-20 → filled 3, reserved filled min(2,2)=2.
  // K2 宁化 2 posts, 1 reserved: not poor 5-01, poor 7-03 (after the period) → filled 1, reserved filled 0.
  // K3 上杭 350823 (not a key county) 4 posts, 1 reserved, a poor recruit 5-05 → not counted at all.
  // Province: posts 3+2 = 5, filled 3+1 = 4, reserved 2+1 = 3, reserved filled 2+0 = 2.
  campaigns: [
    {
      countyCode: '350821',
      posts: 3,
      reservedPoor: 2,
      recruits: [
        { poorFamily: true, recruitedOn: d('2026-04-10') },
        { poorFamily: true, recruitedOn: d('2026-05-15') },
        { poorFamily: false, recruitedOn: d('2026-06-20') },
      ],
    },
    {
      countyCode: '350424',
      posts: 2,
      reservedPoor: 1,
      recruits: [
        { poorFamily: false, recruitedOn: d('2026-05-01') },
        { poorFamily: true, recruitedOn: d('2026-07-03') },
      ],
    },
    {
      countyCode: '350823',
      posts: 4,
      reservedPoor: 1,
      recruits: [{ poorFamily: true, recruitedOn: d('2026-05-05') }],
    },
  ],
  // 长汀: 3 items, one done 6-01, one done 7-05 (after), one open; projects 40 % and 70 % → mean 55.
  // Pairings: 5-01 (800 yuan) in the period, 3-01 (500) before it.
  linked: [
    {
      countyCode: '350821',
      meetings: [
        {
          items: [
            { state: 'done', doneOn: d('2026-06-01') },
            { state: 'done', doneOn: d('2026-07-05') },
            { state: 'open', doneOn: null },
          ],
        },
      ],
      projects: [{ percent: 40 }, { percent: 70 }],
      pairings: [
        { givenOn: d('2026-05-01'), amount: 800 },
        { givenOn: d('2026-03-01'), amount: 500 },
      ],
    },
  ],
  keyCounties: new Set(['350821', '350424']),
};

describe('talent and linked-county figures, worked by hand', () => {
  const period = { from: '2026-04-01', to: '2026-06-30' };

  it('§5(4) 三支一扶: 3 recruited against the 500 target, 1 placed in a key county (A 长汀) against 250, 6 key-county posts of 9', () => {
    expect(INDICATOR_BY_ID.get('szyf_placed_key_county')?.clause).toMatch(/^§5\(4\).*约250名到重点县/);
    expect(INDICATOR_BY_ID.get('szyf_target_key_county')?.clause).toMatch(/^§5\(4\).*每年招募约500名.*约250名到重点县/);
    const v = talentFigures(rows, '35', period);
    expect(v).toMatchObject({
      szyf_target_total: 500,
      szyf_target_key_county: 250,
      szyf_posts: 9,
      szyf_key_county_posts: 6,
      szyf_recruited: 3,
      szyf_placed_key_county: 1,
    });
  });

  it('§5(4) two-year service: E of the 2024 plan completes in 2026 and is hired; E and G fall due in the period', () => {
    expect(INDICATOR_BY_ID.get('szyf_completed')?.clause).toMatch(/^§5\(4\) 实施省级高校毕业生“三支一扶”计划/);
    expect(INDICATOR_BY_ID.get('szyf_township_hire')?.clause).toMatch(/^§5\(1\).*直接考核聘用/);
    const v = talentFigures(rows, '35', period);
    // Completed 4-01…6-30: E (5-20); F completed 3-15, before. Hired: E (township_hire).
    // Due 4-01…6-30: E (5-10), G (6-01); H (4-20) withdrew; F (3-01) before.
    expect(v).toMatchObject({ szyf_completed: 1, szyf_township_hire: 1, szyf_service_due: 2 });
    // A whole year: E and F completed, F's outcome further study; due E, F, G (H withdrawn).
    expect(talentFigures(rows, '35', { from: '2026-01-01', to: '2026-12-31' })).toMatchObject({
      szyf_completed: 2,
      szyf_township_hire: 1,
      szyf_service_due: 3,
    });
  });

  it('§5(4) 能力提升示范培训: 2 people trained in the period (A twice, E once)', () => {
    expect(INDICATOR_BY_ID.get('szyf_trained')?.clause).toMatch(/^§5\(4\).*能力提升示范培训/);
    expect(talentFigures(rows, '35', period).szyf_trained).toBe(2);
    expect(talentFigures(rows, '350821', period).szyf_trained).toBe(1);
  });

  it('§5(1) catalogue: 3 of 4 posts filled (2 长汀 + 1 宁化 capped), the 1 reserved post filled by a poor-family recruit', () => {
    expect(INDICATOR_BY_ID.get('catalogue_filled')?.clause).toMatch(/^§5\(1\) 单列发布重点县紧缺急需人才引进指导目录/);
    const v = talentFigures(rows, '35', period);
    expect(v).toMatchObject({
      catalogue_posts: 4,
      catalogue_filled: 3,
      catalogue_reserved: 1,
      catalogue_reserved_filled: 1,
    });
  });

  it('§5(1) special recruitment: 4 of 5 key-county posts filled by 30 June, 2 of 3 reserved posts by poor-family recruits', () => {
    expect(INDICATOR_BY_ID.get('campaign_reserved_filled')?.clause).toMatch(/^§5\(1\) .*专项招聘.*乡镇事业单位/);
    expect(INDICATOR_BY_ID.get('campaign_reserved_filled')?.group).toBe('talent');
    const v = talentFigures(rows, '35', period);
    expect(v).toMatchObject({
      campaign_posts: 5,
      campaign_filled: 4,
      campaign_reserved: 3,
      campaign_reserved_filled: 2,
    });
    // 上杭 is no key county: its campaign counts nowhere, not even under its own prefix.
    expect(talentFigures(rows, '350823', period)).toMatchObject({ campaign_posts: 0, campaign_filled: 0 });
  });

  it('§6(1) linked counties: 1 of 3 items done by 30 June, projects at 55 %, 1 pairing of 800 yuan in the period', () => {
    expect(INDICATOR_BY_ID.get('linked_items_done')?.clause).toMatch(/^§6\(1\) 每年组织1—2次帮扶挂钩重点县推进会/);
    const v = talentFigures(rows, '35', period);
    expect(v).toMatchObject({
      linked_items: 3,
      linked_items_done: 1,
      linked_projects_progress: 55,
      linked_pairings: 1,
      linked_pairing_amount: 800,
    });
  });

  it('counts a county by its own prefix: 宁化 has C recruited (placed after the period), E completed and hired, no linked work', () => {
    const v = talentFigures(rows, '350424', period);
    expect(v).toMatchObject({
      // Below the province the targets are the plan's posts there: 宁化 2, all in a key county.
      szyf_target_total: 2,
      szyf_target_key_county: 2,
      szyf_recruited: 1,
      szyf_placed_key_county: 0,
      szyf_completed: 1,
      szyf_township_hire: 1,
      szyf_service_due: 1,
      szyf_posts: 2,
      catalogue_filled: 1,
      campaign_posts: 2,
      campaign_filled: 1,
      campaign_reserved: 1,
      campaign_reserved_filled: 0,
      linked_items: 0,
    });
  });
});
