import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import { createFormOptions } from '../labourers/form-options.ts';
import { createApplicationNotices } from '../notifications/application-notices.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { applicationsPages } from './applications.pages.ts';
import { createApplicationsRepository } from './applications.repository.ts';
import { applicationsRoutes } from './applications.routes.ts';
import { createApplicationsService } from './applications.service.ts';
import { createBoardRenderer, employerPortalPages } from './employer-portal.pages.ts';
import { createEmployerPortalService } from './employer-portal.service.ts';

export interface ApplicationsModuleOptions {
  db: Db;
  /** Not needed yet: applicants are shown with the stored masked ID number, never decrypted. */
  pii?: PiiCipher;
  reference: () => Promise<ReferenceNames>;
  meili: Meilisearch;
  indexPrefix: string;
  /** Tells people when their applications move (the notifications module delivers it). */
  notifier?: Notifier;
}

/**
 * Applications (求职申请) and the employer's side of them: the JSON API under
 * /api/v1/applications, the person's pages under /applications and the employer's under
 * /employer (applicants board, candidate finder, hires and retention).
 */
export async function applicationsModule(app: FastifyInstance, opts: ApplicationsModuleOptions) {
  const repo = createApplicationsRepository(opts.db);
  const notices = opts.notifier ? createApplicationNotices(opts.db, opts.notifier, app.log) : undefined;
  const applications = createApplicationsService({ repo, reference: opts.reference, notices });
  const portal = createEmployerPortalService({
    repo,
    applications,
    reference: opts.reference,
    meili: opts.meili,
    indexPrefix: opts.indexPrefix,
  });
  const board = createBoardRenderer(portal);
  await app.register(applicationsRoutes, { applications, portal });
  await app.register(applicationsPages, { applications, board });
  await app.register(employerPortalPages, { applications, portal, board, formOptions: createFormOptions(opts.db) });
}
