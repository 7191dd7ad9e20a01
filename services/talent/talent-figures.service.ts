import type { CountiesOf } from '../regions/index.ts';
import type { CampaignRepository } from './campaign.repository.ts';
import type { CatalogueRepository } from './catalogue.repository.ts';
import type { LinkedRepository } from './linked.repository.ts';
import type { SanzhiyifuRepository } from './sanzhiyifu.repository.ts';
import { talentFigures } from './talent-figures.ts';
import type { Area } from '../platform/access/area.ts';

/**
 * The figures of an area (a region prefix or several) and period: the period-end year's plan (recruited, placed) and
 * catalogue lines, the linked counties' meetings of that year; completions, service falling due and
 * trainings dated within the period over every plan. Key counties as an administrator marks them now.
 */
export function createTalentFigures(deps: {
  szyf: SanzhiyifuRepository;
  catalogue: CatalogueRepository;
  campaigns: CampaignRepository;
  linked: LinkedRepository;
  counties: CountiesOf;
}) {
  const { szyf, catalogue, campaigns, linked, counties } = deps;
  return async (area: Area, period: { from: string; to: string }) => {
    const year = Number(period.to.slice(0, 4));
    const [plan, service, entries, drives, links, all] = await Promise.all([
      szyf.figureRows(year),
      szyf.servicePeriodRows(period.from, period.to),
      catalogue.figureRows(year),
      campaigns.figureRows(year),
      linked.figureRows(year),
      counties('35'),
    ]);
    const keyCounties = new Set(all.filter((c) => c.keyCounty).map((c) => c.code));
    return {
      plan,
      values: talentFigures(
        { plan, service, catalogue: entries, campaigns: drives, linked: links, keyCounties },
        area,
        period,
      ),
    };
  };
}

export type TalentFiguresSource = ReturnType<typeof createTalentFigures>;
