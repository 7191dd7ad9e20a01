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
import authPlugin from './platform/auth/auth.plugin.ts';
import { createApiTokensRepository, createSessionsRepository } from './platform/auth/sessions.repository.ts';
import { createAttemptStore } from './platform/auth/attempt-store.ts';
import inputGuard from './platform/http/input-guard.plugin.ts';
import type { AppConfig } from './platform/config/config.ts';
import type { Db } from './platform/database/prisma.ts';
import errorHandler from './platform/errors/error-handler.ts';
import './platform/http/fastify-types.ts';
import { scrubPersonalText, serializeError, serializeRequest } from './platform/http/log-privacy.ts';
import { parseQueryString } from './platform/http/query-string.ts';
import viewsPlugin, { localeOf } from './platform/http/views.plugin.ts';
import { RequestLogController } from './platform/http/request-log.ts';
import { PiiCipher } from './platform/crypto/pii.ts';
import type { CoreDeps } from './platform/modules.ts';
import { type SetUpModules, setUpModules } from './modules.ts';
import { ReferenceNames } from './platform/reference/reference-data.ts';
import { createReferenceRepository } from './platform/reference/reference.repository.ts';
import { ProfileSections } from './platform/http/profile-sections.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: RouteOptions[];
    /** The modules as set up for this app (tests reach a module's jobs through them). */
    modules: SetUpModules;
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
    sessions: createSessionsRepository(db),
    tokens: createApiTokensRepository(db),
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

  const pii = new PiiCipher(config.piiKey);
  // Reference tables change only with a deployment: read them once per app, on first use.
  let referenceData: Promise<ReferenceNames> | undefined;
  const reference = () => (referenceData ??= ReferenceNames.load(createReferenceRepository(db)));
  const core: CoreDeps = { config, db, meili, pii, reference, attempts, log: app.log };
  app.decorate('profileSections', new ProfileSections());
  app.decorate('modules', await setUpModules(app, core));
  return app;
}
