import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import { webRequests } from './platform/background.ts';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Meilisearch } from 'meilisearch';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { createRedisProbe, healthRoutes } from './health/health.routes.ts';
import metricsPlugin from './health/metrics.plugin.ts';
import { homePages } from './home/home.pages.ts';
import { identityPages } from './identity/identity.pages.ts';
import { createIdentityRepository } from './identity/identity.repository.ts';
import { identityRoutes } from './identity/identity.routes.ts';
import { createIdentityService } from './identity/identity.service.ts';
import { hashPassword } from './identity/password.ts';
import authPlugin from './platform/auth/auth.plugin.ts';
import { createAttemptStore } from './platform/auth/attempt-store.ts';
import { createLoginThrottle } from './identity/login-throttle.ts';
import inputGuard from './platform/http/input-guard.plugin.ts';
import type { AppConfig } from './platform/config/config.ts';
import type { Db } from './platform/database/prisma.ts';
import errorHandler from './platform/errors/error-handler.ts';
import './platform/http/fastify-types.ts';
import { scrubPersonalText, serializeError, serializeRequest } from './platform/http/log-privacy.ts';
import { parseQueryString } from './platform/http/query-string.ts';
import viewsPlugin, { localeOf } from './platform/http/views.plugin.ts';
import { RequestLogController } from './platform/http/request-log.ts';
import { regionsRoutes } from './regions/regions.routes.ts';
import { createEmployersRepository } from './employers/employers.repository.ts';
import { employersRoutes } from './employers/employers.routes.ts';
import { employersPages } from './employers/employers.pages.ts';
import { createEmployersService } from './employers/employers.service.ts';
import { createVacanciesRepository } from './vacancies/vacancies.repository.ts';
import { vacanciesRoutes } from './vacancies/vacancies.routes.ts';
import { createVacanciesService } from './vacancies/vacancies.service.ts';
import { createVacancySearch } from './vacancies/vacancy-search.ts';
import { vacanciesPages } from './vacancies/vacancies.pages.ts';
import { comparisonModule } from './comparison/comparison.module.ts';
import { matchingModule } from './matching/matching.module.ts';
import { importsModule } from './imports/imports.module.ts';
import { applicationsModule } from './applications/applications.module.ts';
import { subsidiesModule } from './subsidies/subsidies.module.ts';
import { subsidyConfig } from './subsidies/subsidy-settings.ts';
import { createLabourersRepository } from './labourers/labourers.repository.ts';
import { labourersRoutes } from './labourers/labourers.routes.ts';
import { labourersPages } from './labourers/labourers.pages.ts';
import { createLabourersService } from './labourers/labourers.service.ts';
import { PiiCipher } from './platform/crypto/pii.ts';
import { ReferenceNames } from './platform/reference/reference-data.ts';
import { createMatchingRepository } from './matching/matching.repository.ts';
import { createMatchingService } from './matching/matching.service.ts';
import { createNotifier, type NotificationDelivery } from './notifications/notifier.ts';
import { notificationsModule } from './notifications/notifications.module.ts';
import { pushesModule } from './pushes/pushes.module.ts';
import { fairsModule } from './fairs/fairs.module.ts';
import { cooperationModule } from './cooperation/cooperation.module.ts';
import { reportsModule } from './reports/reports.module.ts';
import { createPartnerRegions } from './cooperation/partner-regions.ts';
import type { ModuleDeps } from './platform/modules.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: RouteOptions[];
    moduleDeps: ModuleDeps;
    /** Where modules send notices; its live delivery is set by the notifications module. */
    notifier: ReturnType<typeof createNotifier>;
    notificationDelivery: NotificationDelivery | undefined;
  }
}

const PAGE_ERROR_STATUSES = new Set([400, 401, 403, 404, 409, 422, 429, 500, 503]);

export interface AppDeps {
  config: AppConfig;
  db: Db;
  meili: Meilisearch;
  /** The process's logger (default: a new one from the configuration). */
  logger?: Logger;
  /** Where a new logger writes (standard output unless given; tests read it). */
  logStream?: DestinationStream;
}

export function loggerOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    // Personal data and credentials stay out of logs: URLs and errors are redacted when serialized,
    // and every line is scrubbed of ID and mobile numbers before it is written.
    serializers: { req: serializeRequest, err: serializeError },
    hooks: { streamWrite: scrubPersonalText },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.idNumber',
        '*.phone',
      ],
      censor: '[redacted]',
    },
  };
}

/**
 * The one log stream of the process (pino, JSON lines): the app's requests, start-up, scheduler,
 * outbox drain and seed all write to it. Tests pass a destination to read what was logged.
 */
export function createLogger(config: AppConfig, destination?: DestinationStream): Logger {
  return pino(loggerOptions(config), destination);
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, meili } = deps;
  const app = Fastify({
    loggerInstance: (deps.logger ?? createLogger(config, deps.logStream)) as FastifyBaseLogger,
    logController: new RequestLogController(),
    // Only configured proxies may name the client: a forged X-Forwarded-For must not buy a fresh budget.
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { querystringParser: parseQueryString },
  });
  // Every route as registered, for the architecture test that checks each declares auth and schema.
  const routeCatalogue: RouteOptions[] = [];
  app.decorate('routeCatalogue', routeCatalogue);
  app.addHook('onRoute', (route) => {
    routeCatalogue.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Background work yields to requests in flight (platform/background.ts).
  app.addHook('onRequest', async (request) => webRequests.started(request));
  app.addHook('onResponse', async (request) => webRequests.finished(request));
  app.addHook('onRequestAbort', async (request) => webRequests.finished(request));

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
    hsts: config.env === 'production',
  });
  // Pages, scripts and JSON go out brotli or gzip (ECharts alone is 1.1 MB raw, ~0.35 MB brotli),
  // compressed in libuv's thread pool; socket.io is outside Fastify's routes and compresses itself.
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(fastifyFormbody);
  // File uploads from pages (imports, comparisons): one file per form, read as a stream.
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifyCookie);
  // Throttling state lives in Redis when there is one, so every replica counts the same attempts.
  const attempts = createAttemptStore({
    redisUrl: config.redisUrl,
    prefix: `wb-attempts${config.meili.indexPrefix ? `-${config.meili.indexPrefix}` : ''}:`,
    onError: (error) => app.log.warn({ err: error }, 'attempt store: redis unavailable, counting in this process'),
  });
  app.addHook('onClose', () => attempts.close());
  await app.register(fastifyRateLimit, {
    global: false,
    redis: attempts.redis,
    nameSpace: `wb-rate${config.meili.indexPrefix ? `-${config.meili.indexPrefix}` : ''}-`,
    skipOnError: true,
  });
  await app.register(errorHandler, {
    // Pages explain errors in the reader's language; the developer's message stays in the log.
    renderPage: (request, reply, body) => {
      request.locale = localeOf(request);
      const status = PAGE_ERROR_STATUSES.has(body.statusCode) ? body.statusCode : body.statusCode >= 500 ? 500 : 400;
      return reply.page('error', { status, reference: status >= 500 ? request.id : undefined }, body.statusCode);
    },
  });
  await app.register(inputGuard);
  await app.register(authPlugin, {
    db,
    sessionSecret: config.sessionSecret,
    secureCookies: config.env === 'production',
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/secure-session',
    // Forms send the token as a field; file-upload forms (multipart, read as a stream after the
    // check) carry it in the action URL instead.
    getToken: (request) =>
      (request.body as { _csrf?: string } | undefined)?._csrf ??
      (request.query as { _csrf?: string } | undefined)?._csrf ??
      (request.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(viewsPlugin, { production: config.env === 'production' });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'WorkBridge API', description: '就业桥 public employment platform', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    // The API documentation is public and has no contract of its own.
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), auth: { kind: 'public' }, infrastructure: true };
    });
    await docs.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  });

  const identity = createIdentityService(createIdentityRepository(db), createLoginThrottle(attempts));
  const pii = new PiiCipher(config.piiKey);
  // Reference tables change only with a deployment: read them once, on first use.
  let referenceData: Promise<ReferenceNames> | undefined;
  const reference = () => (referenceData ??= ReferenceNames.load(db));
  app.decorate('notificationDelivery', undefined);
  const notifier = createNotifier(db, () => app.notificationDelivery);
  app.decorate('notifier', notifier);
  const labourers = createLabourersService({ repo: createLabourersRepository(db), pii, reference, hashPassword });
  const redisProbe = config.redisUrl ? createRedisProbe(config.redisUrl, app.log) : undefined;
  if (redisProbe) app.addHook('onClose', async () => redisProbe.disconnect());
  await app.register(healthRoutes, { db, meili, redis: redisProbe });
  await app.register(metricsPlugin, { db, meili, token: config.metricsToken, redis: redisProbe });
  await app.register(identityRoutes, { identity });
  await app.register(identityPages, { identity });
  await app.register(regionsRoutes, { db });
  const employers = createEmployersService({ repo: createEmployersRepository(db), reference, hashPassword });
  const vacancies = createVacanciesService({ repo: createVacanciesRepository(db), reference });
  const search = createVacancySearch(meili, config.meili.indexPrefix);
  await app.register(employersRoutes, { employers });
  await app.register(vacanciesRoutes, { vacancies, search });
  await app.register(labourersRoutes, { labourers });
  await app.register(labourersPages, { labourers, db });
  await app.register(vacanciesPages, { vacancies, search, db });
  await app.register(employersPages, { employers, db });
  await app.register(comparisonModule, { db, pii });
  const matching = createMatchingService({
    repo: createMatchingRepository(db),
    meili,
    indexPrefix: config.meili.indexPrefix,
    reference,
    partnerRegions: createPartnerRegions(db),
  });
  await app.register(matchingModule, { db, meili, indexPrefix: config.meili.indexPrefix, reference, matching });
  // On PGlite one process owns the database, so jobs it left running died with it.
  await app.register(importsModule, {
    db,
    pii,
    reference,
    log: app.log,
    failInterruptedJobsOnStart: !config.databaseUrl,
  });
  await app.register(applicationsModule, {
    db,
    pii,
    reference,
    meili,
    indexPrefix: config.meili.indexPrefix,
    notifier,
  });
  await app.register(subsidiesModule, { db, config: config.section(subsidyConfig) });
  const moduleDeps: ModuleDeps = { config, db, meili, pii, reference, notifier, matching, log: app.log };
  app.decorate('moduleDeps', moduleDeps);
  await app.register(notificationsModule, moduleDeps);
  await app.register(pushesModule, moduleDeps);
  await app.register(fairsModule, moduleDeps);
  await app.register(cooperationModule, moduleDeps);
  await app.register(reportsModule, moduleDeps);
  await app.register(homePages, { db });
  return app;
}
