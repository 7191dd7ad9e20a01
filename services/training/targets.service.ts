import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { DONE, effectiveTarget, percentOf, skillsValues, TARGET_KINDS, type TargetKind } from './skills-figures.ts';
import type { DayRange, SkillsFiguresRepository } from './skills-figures.repository.ts';
import type { TargetInput, TargetsQuery, TargetsView, TargetView } from './targets.contract.ts';
import type { TargetsRepository, TrainingTarget } from './targets.repository.ts';
import { type Area, areaPrefixes } from '../platform/access/area.ts';

/** The plan is Fujian's: an admin without a region sees this province (named here: region names start at the city). */
const HOME_PROVINCE = '35';
const PROVINCE_NAME: Record<string, string> = { 'zh-CN': '福建省', en: 'Fujian Province' };
const DAY_MS = 86_400_000;
/** Today in Beijing, YYYY-MM-DD. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** Midnight (Beijing) at the start of a day. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** 1 January of the year of `to` … `to`: what a yearly target's progress counts. */
export function yearToDate(to: string): DayRange {
  const from = `${to.slice(0, 4)}-01-01`;
  return { from, to, fromInstant: chinaMidnight(from), toExclusive: new Date(chinaMidnight(to).getTime() + DAY_MS) };
}

const invalid = (field: string, code: string, message: string) =>
  new ValidationError('The target is not valid', [{ field, code, message }]);

/**
 * Yearly training targets per region (plan §3(2): 每年开展农民工技能提升培训20万人次以上) set by the
 * region's officers, and the skills figures the reports module defines (skills-indicators.ts there).
 */
export function createTargets(deps: {
  repo: TargetsRepository;
  figures: SkillsFiguresRepository;
  reference: () => Promise<ReferenceNames>;
}) {
  const { repo, figures, reference } = deps;

  async function regionName(code: string, locale: string) {
    const ref = await reference();
    if (code === HOME_PROVINCE) return PROVINCE_NAME[locale] ?? PROVINCE_NAME['zh-CN']!;
    return ref.regionNameIn(code, locale) || code;
  }

  async function view(row: TrainingTarget, locale: string): Promise<TargetView> {
    return {
      id: row.id,
      regionCode: row.regionCode,
      regionName: await regionName(row.regionCode, locale),
      year: row.year,
      kind: row.kind,
      value: row.value,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Each kind's target of the region for the year: its own row, or the sum of those under it. */
  function targetsOf(rows: TrainingTarget[], code: string) {
    return Object.fromEntries(
      TARGET_KINDS.map((kind) => {
        const ofKind = rows.filter((r) => r.kind === kind);
        return [kind, { target: effectiveTarget(ofKind, code), own: ofKind.some((r) => r.regionCode === code) }];
      }),
    ) as Record<TargetKind, { target: number | null; own: boolean }>;
  }

  /** A region the officer may set targets for: their own or one under it, known to the region table. */
  async function assertRegion(actor: SessionUser, code: string) {
    if (!code.startsWith(scopePrefix(actor))) throw new ForbiddenError('That region is outside your region');
    const ref = await reference();
    if (code !== HOME_PROVINCE && !ref.hasRegion(code))
      throw invalid('regionCode', 'unknown_region', 'is not a known region');
  }

  return {
    /** The year's targets of the region and those under it, with the region's progress to date. */
    async list(actor: SessionUser, query: TargetsQuery, locale = 'zh-CN'): Promise<TargetsView> {
      const scope = scopePrefix(actor);
      const code = query.regionCode ?? (scope || HOME_PROVINCE);
      if (!code.startsWith(scope)) throw new ForbiddenError('That region is outside your region');
      const today = chinaToday();
      const year = query.year ?? Number(today.slice(0, 4));
      const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
      const rows = await repo.ofYear(code, year);
      const targets = targetsOf(rows, code);
      const done = year <= Number(today.slice(0, 4)) ? await figures.range(code, yearToDate(asOf)) : null;
      return {
        year,
        regionCode: code,
        regionName: await regionName(code, locale),
        asOf,
        progress: TARGET_KINDS.map((kind) => {
          const count = done ? DONE[kind](done) : 0;
          return { kind, ...targets[kind], done: count, percent: percentOf(count, targets[kind].target) };
        }),
        items: await Promise.all(rows.map((r) => view(r, locale))),
      };
    },

    async set(actor: SessionUser, input: TargetInput, requestId?: string, locale = 'zh-CN') {
      await assertRegion(actor, input.regionCode);
      const row = await repo.set({ regionCode: input.regionCode, year: input.year, kind: input.kind }, input.value, {
        actor,
        action: 'training.target.set',
        ...(requestId ? { requestId } : {}),
      });
      return view(row, locale);
    },

    async remove(actor: SessionUser, id: string, requestId?: string, locale = 'zh-CN') {
      const row = await repo.byId(id);
      if (!row || !row.regionCode.startsWith(scopePrefix(actor)))
        throw new NotFoundError(`Target ${id} does not exist`);
      const removed = await repo.remove(id, {
        actor,
        action: 'training.target.remove',
        ...(requestId ? { requestId } : {}),
      });
      return view(removed, locale);
    },

    /**
     * The skills figures of an area (a region prefix or several) for a period (the reports module's
     * skills indicators). Several regions' targets add up; none set anywhere stays none.
     */
    async figures(area: Area, period: DayRange) {
      const year = Number(period.to.slice(0, 4));
      const [inPeriod, sinceJanuary, wishes, rows] = await Promise.all([
        figures.range(area, period),
        figures.range(area, yearToDate(period.to)),
        figures.wishes(area, period.toExclusive),
        repo.ofYear(area, year),
      ]);
      const each = areaPrefixes(area).map((p) => targetsOf(rows, p || HOME_PROVINCE));
      const targets = Object.fromEntries(
        TARGET_KINDS.map((k) => [
          k,
          each.reduce<number | null>((t, x) => (x[k].target === null ? t : (t ?? 0) + x[k].target), null),
        ]),
      ) as Record<TargetKind, number | null>;
      return skillsValues({ period: inPeriod, yearToDate: sinceJanuary, wishes, targets });
    },
  };
}

export type Targets = ReturnType<typeof createTargets>;
