import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chinaDateTime } from '../platform/time/china-time.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { SmsRepository, SmsRow } from './sms.repository.ts';
import { OutboundStatus } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

const STATUSES = enumValues(OutboundStatus);
const QuerySchema = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
});
const PAGE_SIZE = 50;

/** The SMS record: what the development provider "sent", what waits for quiet hours, what failed. */
export async function adminSmsPages(app: FastifyInstance, opts: { repo: SmsRepository }) {
  app.route({
    ...page('GET', '/admin/sms', auth.roles('admin')),
    handler: async (request, reply) => {
      const query = QuerySchema.parse(request.query ?? {});
      const filter = { status: query.status };
      const t = (key: string) => translate(request.locale, `notifications.sms.${key}`);
      if (query.format) {
        await opts.repo.audit({
          actor: request.user,
          action: 'sms.export',
          entity: 'SmsMessage',
          requestId: request.id,
          details: { status: query.status ?? null, format: query.format },
        });
        return sendTable<SmsRow>(reply, query.format, {
          fileName: `sms-${new Date().toISOString().slice(0, 10)}`,
          sheetName: 'SMS',
          columns: [
            { header: 'ID', value: (r) => r.id.toString(), width: 8 },
            { header: t('createdAt'), value: (r) => chinaDateTime(r.createdAt), width: 18 },
            { header: t('phone'), value: (r) => r.phoneMasked, width: 14 },
            { header: t('template'), value: (r) => r.template, width: 18 },
            { header: t('body'), value: (r) => r.body, width: 60 },
            { header: t('provider'), value: (r) => r.provider, width: 12 },
            { header: t('status'), value: (r) => translate(request.locale, `notifications.sms.statuses.${r.status}`) },
            { header: t('sendAfter'), value: (r) => chinaDateTime(r.sendAfter), width: 18 },
            { header: t('sentAt'), value: (r) => chinaDateTime(r.sentAt), width: 18 },
            { header: t('attempts'), value: (r) => r.attempts },
            { header: t('error'), value: (r) => r.error },
          ],
          rows: opts.repo.all(filter),
        });
      }
      const { items, total } = await opts.repo.page(filter, query.page, PAGE_SIZE);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const link = (p: number) => `/admin/sms?page=${p}${query.status ? `&status=${query.status}` : ''}`;
      return reply.page('notifications/admin-sms', {
        title: t('title'),
        items: items.map((r) => ({
          ...r,
          id: r.id.toString(),
          createdText: chinaDateTime(r.createdAt),
          sendAfterText: chinaDateTime(r.sendAfter),
          kindLabel: translate(request.locale, `notifications.kinds.${r.template}`),
        })),
        statuses: STATUSES,
        status: query.status,
        total,
        page: query.page,
        pages,
        prev: query.page > 1 ? link(query.page - 1) : null,
        next: query.page < pages ? link(query.page + 1) : null,
        exportQuery: query.status ? `&status=${query.status}` : '',
      });
    },
  });
}
