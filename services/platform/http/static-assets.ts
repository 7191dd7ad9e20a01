import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Files of packages served under /static/vendor/, never from a CDN (CSP allows scripts from 'self'
 * only): ECharts draws every module's charts.
 */
export const VENDOR_FILES: ReadonlyMap<string, string> = new Map([
  ['/static/vendor/echarts.min.js', require.resolve('echarts/dist/echarts.min.js')],
]);

/** How long a browser keeps a vendor file asked for without a version. */
export const VENDOR_CACHE_CONTROL = 'public, max-age=604800';

/** How long a browser keeps a file asked for by its versioned address: a year, never asking again. */
export const VERSIONED_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Versioned addresses of the static files: a page names a file as `{{asset '/static/js/x.js'}}`,
 * which becomes `/static/js/x.js?v=` and the first 12 hex digits of the file's SHA-256. Such an
 * address is served as immutable (VERSIONED_CACHE_CONTROL), so a phone on a slow network loads the
 * 1 MB chart library and the stylesheets once, not again on every page; a changed file gets a new
 * address. In production a file's version is read once; otherwise again when the file changes.
 * VENDOR_FILES are versioned the same way.
 */
export function assetVersions(staticDir: string, options: { production: boolean }): (address: string) => string {
  const root = path.resolve(staticDir);
  const known = new Map<string, { mtimeMs: number; size: number; version: string }>();
  return (address) => {
    const file = VENDOR_FILES.get(address) ?? path.resolve(root, address.replace(/^\/static\//, ''));
    if (!address.startsWith('/static/') || !(VENDOR_FILES.has(address) || file.startsWith(`${root}${path.sep}`)))
      throw new Error(`asset ${address} is not a file under /static/`);
    const cached = known.get(file);
    if (cached && options.production) return `${address}?v=${cached.version}`;
    const stat = fs.statSync(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return `${address}?v=${cached.version}`;
    const version = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
    known.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, version });
    return `${address}?v=${version}`;
  };
}
