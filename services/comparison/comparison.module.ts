import type { FastifyInstance } from 'fastify';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { Db } from '../platform/database/prisma.ts';
import { ReferenceNames } from '../platform/reference/reference-data.ts';
import { comparisonPages } from './comparison.pages.ts';
import { createComparisonRepository } from './comparison.repository.ts';
import { comparisonRoutes } from './comparison.routes.ts';
import { createComparisonService } from './comparison.service.ts';

export interface ComparisonModuleOptions {
  db: Db;
  pii: PiiCipher;
}

/**
 * Data comparison (信息共享比对): the JSON API under /api/v1/comparisons and the pages under
 * /comparisons. The upload form needs @fastify/multipart registered on the app.
 */
export async function comparisonModule(app: FastifyInstance, opts: ComparisonModuleOptions) {
  let referenceData: Promise<ReferenceNames> | undefined;
  const reference = () => (referenceData ??= ReferenceNames.load(opts.db));
  const comparison = createComparisonService({ repo: createComparisonRepository(opts.db), pii: opts.pii, reference });
  await app.register(comparisonRoutes, { comparison });
  await app.register(comparisonPages, { comparison });
}
