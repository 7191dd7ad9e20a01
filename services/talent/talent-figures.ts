/**
 * The talent and linked-county figures for an area (a region prefix or several) and a period (plan §5(1), §5(4), §6(1)).
 * The definitions, with their plan clauses, are the reports module's (talent-indicators.ts there);
 * the counting is here, on small rows, so it can be worked out by hand in a test.
 */
import { PLACED_STATES, RECRUITED_STATES, type SzyfState } from './sanzhiyifu-states.ts';
import { filledOf } from './catalogue.service.ts';
import { meanProgress } from './linked.service.ts';
import { type Area, inArea, singlePrefix } from '../platform/access/area.ts';

export interface FigureRows {
  /** The period-end year's 三支一扶 plan: targets, posts, participants with their dated steps (recruited, placed); null without a plan. */
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
  /**
   * The period's service figures over every plan (a two-year service: who finishes now was placed by
   * a plan two years back): participants who completed within the period or fall due within it, and
   * the 能力提升示范培训 attendances within it.
   */
  service: {
    people: Array<{
      state: string;
      countyCode: string | null;
      homeRegionCode: string;
      outcome: string | null;
      serviceDueOn: Date | null;
      completedOn: Date | null;
    }>;
    trainings: Array<{ participantId: string; countyCode: string | null; homeRegionCode: string }>;
  };
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

export function talentFigures(rows: FigureRows, area: Area, period: { from: string; to: string }) {
  const { to, from } = period;
  const people = (rows.plan?.participants ?? []).filter((p) => inArea(area, p.countyCode ?? p.homeRegionCode));
  const posts = (rows.plan?.posts ?? []).filter((p) => inArea(area, p.countyCode));
  const placedKey = people.filter(
    (p) => p.countyCode && rows.keyCounties.has(p.countyCode) && reached(p.transitions, PLACED_STATES, to),
  );
  const inPeriod = (d: Date | null) => d !== null && iso(d) >= from && iso(d) <= to;
  const inRegion = (p: { countyCode: string | null; homeRegionCode: string }) =>
    inArea(area, p.countyCode ?? p.homeRegionCode);
  const served = rows.service.people.filter(inRegion);
  const completed = served.filter((p) => inPeriod(p.completedOn));
  const trained = new Set(rows.service.trainings.filter(inRegion).map((t) => t.participantId));
  // The plan's targets are the province's; a city or county has the plan's posts in it as its share.
  const province = (singlePrefix(area)?.length ?? 99) <= 2;
  const keyPosts = posts.filter((p) => rows.keyCounties.has(p.countyCode)).reduce((t, p) => t + p.count, 0);
  const catalogue = rows.catalogue
    .filter((e) => inArea(area, e.countyCode))
    .map((e) => ({ ...e, recruits: e.recruits.filter((r) => iso(r.recruitedOn) <= to) }));
  // Campaigns count in key counties only (plan §5(1): 重点县…乡镇事业单位), recruits by the period end.
  const campaigns = rows.campaigns
    .filter((c) => inArea(area, c.countyCode) && rows.keyCounties.has(c.countyCode))
    .map((c) => ({ ...c, recruits: c.recruits.filter((r) => iso(r.recruitedOn) <= to) }));
  const linked = rows.linked.filter((l) => inArea(area, l.countyCode));
  const items = linked.flatMap((l) => l.meetings.flatMap((m) => m.items));
  const pairings = linked.flatMap((l) => l.pairings).filter((p) => iso(p.givenOn) >= from && iso(p.givenOn) <= to);
  return {
    szyf_target_total: province ? (rows.plan?.targetTotal ?? 0) : posts.reduce((t, p) => t + p.count, 0),
    szyf_target_key_county: province ? (rows.plan?.targetKeyCounty ?? 0) : keyPosts,
    szyf_posts: posts.reduce((t, p) => t + p.count, 0),
    szyf_key_county_posts: keyPosts,
    szyf_recruited: people.filter((p) => reached(p.transitions, RECRUITED_STATES, to)).length,
    szyf_placed_key_county: placedKey.length,
    szyf_service_due: served.filter((p) => inPeriod(p.serviceDueOn) && p.state !== 'withdrawn').length,
    szyf_completed: completed.length,
    szyf_township_hire: completed.filter((p) => p.outcome === 'township_hire').length,
    szyf_trained: trained.size,
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
