import { maskName } from '../platform/crypto/pii.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { Column } from '../platform/export/tabular.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { GAP_REASONS } from './pushes.contract.ts';
import type { PushesRepository } from './pushes.repository.ts';
import { type Actor, regionWithin } from './pushes.service.ts';

type GapRow = Awaited<ReturnType<PushesRepository['gapPage']>>[number];
export type GapReason = (typeof GAP_REASONS)[number];

/**
 * The people left without a suitable job, for officers to follow up: names masked, the reason in
 * plain words. Exporting them is exporting personal data, so it is audited.
 */
export function createGapsService(deps: { repo: PushesRepository; reference: () => Promise<ReferenceNames> }) {
  const { repo } = deps;

  async function present(rows: GapRow[], lang: string) {
    const [names, ref] = await Promise.all([repo.labourerNames(rows.map((r) => r.labourerId)), deps.reference()]);
    const byId = new Map(names.map((n) => [n.id, n]));
    return rows.map((row) => {
      const person = byId.get(row.labourerId);
      return {
        labourerId: row.labourerId,
        name: person ? maskName(person.name) : '',
        idNumberMasked: person?.idNumberMasked ?? '',
        regionCode: row.regionCode,
        regionName: ref.regionName(row.regionCode),
        reason: row.reason as GapReason,
        reasonText: translate(lang, `pushes.reasons.${row.reason}`),
        detail: row.detail,
        campaignId: row.campaignId,
        checkedAt: row.checkedAt.toISOString(),
      };
    });
  }

  return {
    async list(actor: Actor, query: { regionCode?: string | undefined; page: number; pageSize: number; lang: string }) {
      const region = regionWithin(actor, query.regionCode);
      const { rows, total } = await repo.gaps(region, query.page, query.pageSize);
      return {
        regionCode: region,
        items: await present(rows, query.lang),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Every gap of the region, page by page, after writing the audit record. */
    async exportRows(
      actor: Actor,
      query: { regionCode?: string | undefined; lang: string; format: string },
      requestId?: string,
    ) {
      const region = regionWithin(actor, query.regionCode);
      await repo.audit({
        actor,
        action: 'pushes.without.export',
        entity: 'PushGap',
        entityId: region || null,
        ...(requestId ? { requestId } : {}),
        details: { regionCode: region, format: query.format },
      });
      const lang = query.lang;
      async function* pages() {
        let after: string | null = null;
        for (;;) {
          const rows = await repo.gapPage(region, after, 1000);
          if (!rows.length) return;
          after = rows.at(-1)!.labourerId;
          yield await present(rows, lang);
        }
      }
      return { region, pages: pages() };
    },
  };
}

export type GapsService = ReturnType<typeof createGapsService>;
export type GapView = Awaited<ReturnType<GapsService['list']>>['items'][number];

export function gapColumns(lang: string): Column<GapView>[] {
  const t = (key: string) => translate(lang, `pushes.without.columns.${key}`);
  return [
    { header: t('name'), value: (g) => g.name, width: 10 },
    { header: t('idNumber'), value: (g) => g.idNumberMasked, width: 22 },
    { header: t('region'), value: (g) => g.regionName, width: 28 },
    { header: t('regionCode'), value: (g) => g.regionCode, width: 14 },
    { header: t('reason'), value: (g) => g.reasonText, width: 36 },
    { header: t('checkedAt'), value: (g) => g.checkedAt.slice(0, 10), width: 12 },
  ];
}
