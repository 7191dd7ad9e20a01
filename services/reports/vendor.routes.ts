import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const ECHARTS = require.resolve('echarts/dist/echarts.min.js');

/**
 * ECharts from node_modules, never a CDN (CSP allows scripts from 'self' only). Every module's
 * charts load it from /static/vendor/echarts.min.js. The URL does not carry the version, so the
 * cache is a day, not immutable: an upgrade reaches browsers by the next day.
 */
export async function vendorRoutes(app: FastifyInstance) {
  await app.register(async (assets) => {
    // Like the static assets: public, no API contract.
    assets.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), auth: { kind: 'public' }, infrastructure: true };
    });
    assets.get('/static/vendor/echarts.min.js', async (_request, reply) =>
      reply
        .header('content-type', 'application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=604800')
        .send(fs.createReadStream(ECHARTS)),
    );
  });
}
