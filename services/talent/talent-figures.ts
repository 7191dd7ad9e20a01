/**
 * The talent and linked-county figures for a region prefix and a period (plan §5(1), §5(4), §6(1)).
 * The definitions, with their plan clauses, are the reports module's (talent-indicators.ts there);
 * the counting is here, on small rows, so it can be worked out by hand in a test.
 */
import { PLACED_STATES, RECRUITED_STATES, type SzyfState } from './sanzhiyifu-states.ts';
import { filledOf } from './catalogue.service.ts';
import { meanProgress } from './linked.service.ts';

export interface FigureRows {
  /** The period-end year's 三支一扶 plan: posts and participants with their dated steps; null without a plan. */
  plan: {
    targetTotal: number;
    targetKeyCounty: number;
    posts: Array<{ countyCode: string; count: number }>;
    participants: Array<{
      countyCode: string | null;
      homeRegionCode: string;
      outcome: string | null;
      transitions: Array<{ toState: string; on: Date }>;
    }>;
  } | null;
  catalogue: Array<{
    countyCode: string;
    posts: number;
    reservedPoor: number;
    recruits: Array<{ poorFamily: boolean; recruitedOn: Date }>;
  }>;
  /** The year's special recruitment campaigns of township institutions, with their recruits. */
  campaigns: Array<{
    countyCode: string;
    posts: number;
    reservedPoor: number;
    recruits: Array<{ poorFamily: boolean; recruitedOn: Date }>;
  }>;
  linked: Array<{
    countyCode: string;
    meetings: Array<{ items: Array<{ state: string; doneOn: Date | null }> }>;
    projects: Array<{ percent: number }>;
    pairings: Array<{ givenOn: Date; amount: number }>;
  }>;
  keyCounties: ReadonlySet<string>;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** Reached one of `states` by the day (a step dated on or before it). */
const reached = (steps: Array<{ toState: string; on: Date }>, states: readonly SzyfState[], to: string) =>
  steps.some((s) => (states as readonly string[]).includes(s.toState) && iso(s.on) <= to);

export function talentFigures(rows: FigureRows, prefix: string, period: { from: string; to: string }) {
  const { to, from } = period;
  const people = (rows.plan?.participants ?? []).filter((p) => (p.countyCode ?? p.homeRegionCode).startsWith(prefix));
  const posts = (rows.plan?.posts ?? []).filter((p) => p.countyCode.startsWith(prefix));
  const placedKey = people.filter(
    (p) => p.countyCode && rows.keyCounties.has(p.countyCode) && reached(p.transitions, PLACED_STATES, to),
  );
  const completed = people.filter((p) =>
    p.transitions.some((s) => s.toState === 'completed' && iso(s.on) >= from && iso(s.on) <= to),
  );
  const catalogue = rows.catalogue
    .filter((e) => e.countyCode.startsWith(prefix))
    .map((e) => ({ ...e, recruits: e.recruits.filter((r) => iso(r.recruitedOn) <= to) }));
  // Campaigns count in key counties only (plan §5(1): 重点县…乡镇事业单位), recruits by the period end.
  const campaigns = rows.campaigns
    .filter((c) => c.countyCode.startsWith(prefix) && rows.keyCounties.has(c.countyCode))
    .map((c) => ({ ...c, recruits: c.recruits.filter((r) => iso(r.recruitedOn) <= to) }));
  const linked = rows.linked.filter((l) => l.countyCode.startsWith(prefix));
  const items = linked.flatMap((l) => l.meetings.flatMap((m) => m.items));
  const pairings = linked.flatMap((l) => l.pairings).filter((p) => iso(p.givenOn) >= from && iso(p.givenOn) <= to);
  return {
    szyf_posts: posts.reduce((t, p) => t + p.count, 0),
    szyf_key_county_posts: posts.filter((p) => rows.keyCounties.has(p.countyCode)).reduce((t, p) => t + p.count, 0),
    szyf_recruited: people.filter((p) => reached(p.transitions, RECRUITED_STATES, to)).length,
    szyf_placed_key_county: placedKey.length,
    szyf_completed: completed.length,
    szyf_township_hire: completed.filter((p) => p.outcome === 'township_hire').length,
    catalogue_posts: catalogue.reduce((t, e) => t + e.posts, 0),
    catalogue_filled: catalogue.reduce((t, e) => t + filledOf(e).filled, 0),
    catalogue_reserved: catalogue.reduce((t, e) => t + e.reservedPoor, 0),
    catalogue_reserved_filled: catalogue.reduce((t, e) => t + filledOf(e).reservedFilled, 0),
    campaign_posts: campaigns.reduce((t, c) => t + c.posts, 0),
    campaign_filled: campaigns.reduce((t, c) => t + filledOf(c).filled, 0),
    campaign_reserved: campaigns.reduce((t, c) => t + c.reservedPoor, 0),
    campaign_reserved_filled: campaigns.reduce((t, c) => t + filledOf(c).reservedFilled, 0),
    linked_items: items.length,
    linked_items_done: items.filter((i) => i.state === 'done' && i.doneOn && iso(i.doneOn) <= to).length,
    linked_projects_progress: meanProgress(linked.flatMap((l) => l.projects.map((p) => p.percent))),
    linked_pairings: pairings.length,
    linked_pairing_amount: pairings.reduce((t, p) => t + p.amount, 0),
  };
}

export type TalentFigures = ReturnType<typeof talentFigures>;
