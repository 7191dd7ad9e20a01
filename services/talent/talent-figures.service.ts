import type { CountiesOf } from '../regions/index.ts';
import type { CampaignRepository } from './campaign.repository.ts';
import type { CatalogueRepository } from './catalogue.repository.ts';
import type { LinkedRepository } from './linked.repository.ts';
import type { SanzhiyifuRepository } from './sanzhiyifu.repository.ts';
import { talentFigures } from './talent-figures.ts';

/**
 * The figures of a region prefix and period: the period-end year's plan (recruited, placed) and
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
  return async (prefix: string, period: { from: string; to: string }) => {
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
        prefix,
        period,
      ),
    };
  };
}

export type TalentFiguresSource = ReturnType<typeof createTalentFigures>;
