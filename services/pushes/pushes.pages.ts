import { RUN_STATUS_CLASS, timeLabel } from '../platform/http/run-labels.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ForbiddenError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { GapsService } from './gaps.ts';
import { INTERRUPTED_BY_RESTART } from './pushes.repository.ts';
import type { CampaignView, PushesService } from './pushes.service.ts';

const officers = auth.roles('officer', 'admin');
const Uuid = z.uuid();
const PAGE_SIZE = 20;
const GAPS_PER_PAGE = 50;
const RegionQuery = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function pager(current: number, total: number, size: number, base: string) {
  const pages = Math.max(1, Math.ceil(total / size));
  const join = base.includes('?') ? '&' : '?';
  return {
    page: current,
    pages,
    prev: current > 1 ? `${base}${join}page=${current - 1}` : null,
    next: current < pages ? `${base}${join}page=${current + 1}` : null,
  };
}

/** The regions an officer may run a campaign over: their scope and the cities and counties in it. */
async function regionOptions(pushes: PushesService, request: FastifyRequest) {
  const scope = scopePrefix(request.user!);
  const rows = await pushes.regionChoices(request.user!);
  const indent = { province: '', city: '　', county: '　　' } as const;
  const options = rows.map((r) => ({
    code: r.code,
    label: `${indent[r.level as keyof typeof indent] ?? ''}${r.name}`,
  }));
  if (!rows.some((r) => r.code === scope)) {
    options.unshift({
      code: scope,
      label: translate(request.locale, scope ? 'pushes.run.myRegion' : 'pushes.run.all'),
    });
  }
  return options;
}

const campaignForPage = (c: CampaignView, locale: string) => ({
  ...c,
  statusClass: RUN_STATUS_CLASS[c.status],
  startedLabel: timeLabel(c.startedAt, locale),
  finishedLabel: timeLabel(c.finishedAt, locale),
  running: c.status === 'pending' || c.status === 'running',
  // The stored reason is for the log: a reader gets it in their language, never a raw exception.
  errorText: c.error
    ? translate(locale, c.error === INTERRUPTED_BY_RESTART ? 'pushes.campaign.interrupted' : 'pushes.campaign.retry')
    : undefined,
});

async function renderList(
  pushes: PushesService,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { errors?: Record<string, string>; form?: { regionCode?: string } } = {},
  status = 200,
) {
  const { page: current } = RegionQuery.parse(request.query ?? {});
  const [campaigns, regions, coverage] = await Promise.all([
    pushes.campaigns(request.user!, current, PAGE_SIZE),
    regionOptions(pushes, request),
    pushes.coverage(request.user!),
  ]);
  return reply.page(
    'pushes/list',
    {
      title: translate(request.locale, 'pushes.title'),
      campaigns: campaigns.items.map((c) => campaignForPage(c, request.locale)),
      pager: pager(current, campaigns.total, PAGE_SIZE, '/pushes'),
      regions,
      coverage: { ...coverage, percent: percent(coverage.share), without: coverage.willing - coverage.covered },
      form: { regionCode: scopePrefix(request.user!), ...extra.form },
      errors: extra.errors,
    },
    status,
  );
}

/** The campaign list and its form to run one. */
function campaignListRoutes(app: FastifyInstance, pushes: PushesService) {
  app.route({ ...page('GET', '/pushes', officers), handler: (request, reply) => renderList(pushes, request, reply) });

  app.route({
    ...page('POST', '/pushes/run', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const regionCode = String((request.body as { regionCode?: unknown } | undefined)?.regionCode ?? '').trim();
      const allowed = (await regionOptions(pushes, request)).some((o) => o.code === regionCode);
      const refuse = (key: string) =>
        renderList(
          pushes,
          request,
          reply,
          { errors: { regionCode: translate(request.locale, `pushes.run.errors.${key}`) }, form: { regionCode } },
          422,
        );
      if (!allowed) return refuse('region');
      try {
        const campaign = await pushes.startInBackground(request.user!, regionCode);
        return reply.redirect(`/pushes/${campaign.id}`, 303);
      } catch (error) {
        if (error instanceof ConflictError) return refuse('running');
        if (error instanceof ForbiddenError) return refuse('region');
        throw error;
      }
    },
  });
}

/** Coverage by county and the people still without a pushed job. */
function coverageRoutes(app: FastifyInstance, pushes: PushesService, gaps: GapsService) {
  app.route({
    ...page('GET', '/pushes/coverage', officers),
    handler: async (request, reply) => {
      const { regionCode } = RegionQuery.parse(request.query ?? {});
      const coverage = await pushes.coverage(request.user!, regionCode);
      const rows = coverage.byCounty.map((c) => ({ ...c, percent: percent(c.share), without: c.willing - c.covered }));
      return reply.page('pushes/coverage', {
        title: translate(request.locale, 'pushes.coverage.title'),
        coverage: { ...coverage, percent: percent(coverage.share), without: coverage.willing - coverage.covered },
        rows,
        regions: await regionOptions(pushes, request),
        chart: JSON.stringify({
          labels: rows.map((r) => r.name ?? r.regionCode),
          shares: rows.map((r) => Math.round(r.share * 1000) / 10),
          title: translate(request.locale, 'pushes.coverage.chartTitle'),
        }),
      });
    },
  });

  app.route({
    ...page('GET', '/pushes/without', officers),
    handler: async (request, reply) => {
      const { regionCode, page: current } = RegionQuery.parse(request.query ?? {});
      const list = await gaps.list(request.user!, {
        regionCode,
        page: current,
        pageSize: GAPS_PER_PAGE,
        lang: request.locale,
      });
      return reply.page('pushes/without', {
        title: translate(request.locale, 'pushes.without.title'),
        items: list.items.map((g) => ({ ...g, checkedLabel: g.checkedAt.slice(0, 10) })),
        total: list.total,
        regionCode: list.regionCode,
        regions: await regionOptions(pushes, request),
        pager: pager(current, list.total, GAPS_PER_PAGE, `/pushes/without?regionCode=${list.regionCode}`),
      });
    },
  });
}

/** One campaign: its progress, then the people it left without a job. */
function campaignRoute(app: FastifyInstance, pushes: PushesService, gaps: GapsService) {
  app.route({
    ...page('GET', '/pushes/:id', officers),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!Uuid.safeParse(id).success) return reply.callNotFound();
      const campaign = campaignForPage(await pushes.campaign(request.user!, id), request.locale);
      const list = campaign.running
        ? null
        : await gaps.list(request.user!, {
            regionCode: campaign.regionCode,
            page: 1,
            pageSize: GAPS_PER_PAGE,
            lang: request.locale,
          });
      return reply.page('pushes/campaign', {
        title: translate(request.locale, 'pushes.campaign.title'),
        campaign,
        gaps: list?.items ?? [],
        gapTotal: list?.total ?? 0,
        more: (list?.total ?? 0) > GAPS_PER_PAGE,
      });
    },
  });
}

export async function pushesPages(app: FastifyInstance, opts: { pushes: PushesService; gaps: GapsService }) {
  const { pushes, gaps } = opts;
  campaignListRoutes(app, pushes);
  coverageRoutes(app, pushes, gaps);
  campaignRoute(app, pushes, gaps);
}
