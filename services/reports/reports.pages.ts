import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fieldErrors, zodIssues } from '../platform/http/form-errors.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { areaName } from './dashboard.view-model.ts';
import type { IndicatorsRepository } from './indicators.repository.ts';
import { HOME_PROVINCE } from './indicators.service.ts';
import { REPORT_GROUPS } from './indicators.ts';
import { reportModel } from './report.view-model.ts';
import { filingStateModel } from './filings.view-model.ts';
import type { FilingsService } from './filings.service.ts';
import { ReportCreateSchema } from './reports.contract.ts';
import type { ReportsService } from './reports.service.ts';

type Form = Record<string, string>;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The reports list with its generate form (no JavaScript needed), and the printable report page. */
export async function reportsPages(
  app: FastifyInstance,
  opts: { reports: ReportsService; repo: IndicatorsRepository; filings: FilingsService },
) {
  const { reports, repo, filings } = opts;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Form,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const user = request.user!;
    const scope = scopePrefix(user) || HOME_PROVINCE;
    const regions = (await repo.regionsUnder(scope)).map((r) => ({
      code: r.code,
      name: `${'\u3000'.repeat((r.code.length - scope.length) / 2)}${areaName(request.locale, r)}`,
    }));
    const year = new Date().getUTCFullYear();
    return reply.page(
      'reports/list',
      {
        title: translate(request.locale, 'reports.list.title'),
        reports: await reports.list(user),
        regions,
        groups: REPORT_GROUPS,
        years: Array.from({ length: 5 }, (_, i) => year - i),
        form: { kind: 'quarterly', group: 'employment', year: String(year), quarter: '1', regionCode: scope, ...form },
        errors,
        hasErrors: Object.keys(errors).length > 0,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/reports', auth.roles('officer', 'admin')),
    handler: (request, reply) => renderList(request, reply, {}),
  });

  app.route({
    ...page('POST', '/reports', auth.roles('officer', 'admin')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form: Form = Object.fromEntries(
        ['kind', 'group', 'year', 'quarter', 'regionCode'].map((key) => [key, text(body[key])]),
      );
      const parsed = ReportCreateSchema.safeParse({
        kind: form.kind,
        group: form.kind === 'quarterly' ? form.group || undefined : undefined,
        year: form.year,
        quarter: form.kind === 'quarterly' ? form.quarter || undefined : undefined,
        regionCode: form.regionCode || undefined,
      });
      if (!parsed.success) {
        return renderList(request, reply, form, fieldErrors(request.locale, zodIssues(parsed.error)), 422);
      }
      try {
        const report = await reports.generate(request.user!, parsed.data);
        return reply.redirect(`/reports/${report.id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderList(request, reply, form, fieldErrors(request.locale, error.issues), 422);
      }
    },
  });

  async function renderReport(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const report = await reports.get(request.user!, id);
    const filing = await filings.state(request.user!, id);
    return reply.page(
      'reports/report',
      {
        title: report.title,
        ...reportModel(request.locale, report),
        filing,
        filingView: filingStateModel(request.locale, filing),
        form: { reason: text((request.body as Record<string, unknown> | undefined)?.reason) },
        errors,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/reports/:id', auth.roles('officer', 'admin')),
    handler: async (request, reply) => {
      const id = reportId(request);
      if (!id.success) return reply.callNotFound();
      return renderReport(request, reply, id.data);
    },
  });

  stepRoutes(app, filings, renderReport);
}

type RenderReport = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  errors?: Record<string, string>,
  status?: number,
) => Promise<unknown>;

const reportId = (request: FastifyRequest) => z.uuid().safeParse((request.params as { id: string }).id);

function stepRoutes(app: FastifyInstance, filings: FilingsService, renderReport: RenderReport) {
  // The cycle's steps from the report page (no JavaScript): submit, accept, return with a reason.
  for (const action of ['submit', 'accept', 'return'] as const) {
    app.route({
      ...page('POST', `/reports/:id/${action}`, auth.roles('officer', 'admin')),
      preValidation: app.csrfProtection,
      handler: async (request, reply) => {
        const id = reportId(request);
        if (!id.success) return reply.callNotFound();
        try {
          if (action === 'submit') await filings.submit(request.user!, id.data, request.id);
          else {
            const reason = text((request.body as Record<string, unknown> | undefined)?.reason);
            await filings.decide(request.user!, id.data, action, reason, request.id);
          }
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return renderReport(request, reply, id.data, fieldErrors(request.locale, error.issues), 422);
        }
        return reply.redirect(`/reports/${id.data}`, 303);
      },
    });
  }
}
