import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Handlebars from 'handlebars';
import { DEFAULT_LOCALE, isLocale, translate } from '../i18n/i18n.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { assetVersions, VENDOR_CACHE_CONTROL, VENDOR_FILES, VERSIONED_CACHE_CONTROL } from './static-assets.ts';

const WEB_DIR = path.join(PROJECT_ROOT, 'web');
const VIEWS_DIR = path.join(WEB_DIR, 'views');
const STATIC_DIR = path.join(WEB_DIR, 'static');
const LOCALE_COOKIE = 'wb_lang';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page inside the main layout with the common context (user, locale, CSRF token). */
    page(template: string, data?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  }
}

function registerHelpers(hbs: typeof Handlebars) {
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const locale = (options.data?.root as { locale?: string } | undefined)?.locale ?? DEFAULT_LOCALE;
    return translate(locale, key, options.hash as Record<string, unknown>);
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
  hbs.registerHelper(
    'includesAny',
    (options: unknown, selected: unknown) =>
      Array.isArray(options) &&
      Array.isArray(selected) &&
      options.some((o: { code?: string }) => selected.includes(o.code)),
  );
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('date', (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.slice(0, 10) : '',
  );
  hbs.registerHelper('number', (value: unknown, options: Handlebars.HelperOptions) => {
    const locale = (options.data?.root as { locale?: string } | undefined)?.locale ?? DEFAULT_LOCALE;
    return typeof value === 'number' ? value.toLocaleString(locale) : '';
  });
}

function partialsIn(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of fs.readdirSync(path.join(VIEWS_DIR, dir))) {
    if (file.endsWith('.hbs')) out[file.replace(/\.hbs$/, '')] = `${dir}/${file}`;
  }
  return out;
}

export function localeOf(request: FastifyRequest): string {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query)) return query;
  const cookie = request.cookies[LOCALE_COOKIE];
  if (isLocale(cookie)) return cookie;
  return request.user?.locale && isLocale(request.user.locale) ? request.user.locale : DEFAULT_LOCALE;
}

async function viewsPlugin(app: FastifyInstance, opts: { production: boolean }) {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const asset = assetVersions(STATIC_DIR, { production: opts.production });
  // The address is the app's own (a path and a hex digest): nothing in it needs escaping.
  hbs.registerHelper('asset', (address: string) => new hbs.SafeString(asset(address)));
  const currentAsset = (address: string) => {
    try {
      return asset(address);
    } catch {
      return undefined;
    }
  };
  await app.register(fastifyView, {
    engine: { handlebars: hbs },
    root: VIEWS_DIR,
    layout: 'layouts/main.hbs',
    viewExt: 'hbs',
    production: opts.production,
    options: { partials: partialsIn('partials') },
  });
  await app.register(async (assets) => {
    // Static assets are public and carry no API contract.
    assets.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), auth: { kind: 'public' }, infrastructure: true };
    });
    await assets.register(fastifyStatic, {
      root: STATIC_DIR,
      prefix: '/static/',
      maxAge: opts.production ? '1d' : 0,
    });
    for (const [address, file] of VENDOR_FILES) {
      assets.get(address, async (_request, reply) =>
        reply
          .header('content-type', 'application/javascript; charset=utf-8')
          .header('cache-control', VENDOR_CACHE_CONTROL)
          .send(fs.createReadStream(file)),
      );
    }
    // A versioned address ({{asset}}) names one content for good: kept by the browser for a year.
    // Only the current version: an old page's address gets today's file, not to be kept as the old one.
    assets.addHook('onSend', async (request, reply, payload) => {
      const [address, query] = request.url.split('?', 2);
      if (reply.statusCode === 200 && query?.startsWith('v=') && currentAsset(address!) === request.url)
        reply.header('cache-control', VERSIONED_CACHE_CONTROL);
      return payload;
    });
    // Browsers ask for it at the root on every first visit; a 404 there fills logs and audits.
    assets.get('/favicon.ico', (_request, reply) => reply.sendFile('favicon.ico'));
  });

  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.addHook('preHandler', async (request, reply) => {
    request.locale = localeOf(request);
    const asked = (request.query as Record<string, unknown> | undefined)?.lang;
    if (isLocale(asked)) reply.setCookie(LOCALE_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  });

  app.decorateReply('page', async function (this: FastifyReply, template, data = {}, status = 200) {
    const request = this.request;
    // Every page may carry a form (sign-out, sign-in, registration), so every page gets a token.
    const csrfToken = await this.generateCsrf();
    const path = request.url.split('?')[0] ?? '/';
    const context = {
      locale: request.locale,
      isEnglish: request.locale === 'en',
      user: request.user,
      csrfToken,
      currentPath: path,
      // Names the template on <body data-view>: tests tell two pages of one URL apart by it.
      pageView: template,
      ...data,
    };
    return this.status(status).type('text/html; charset=utf-8').view(`pages/${template}`, context);
  });
}

export default fp(viewsPlugin, { name: 'views', dependencies: ['auth'] });
