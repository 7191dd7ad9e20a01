import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAppForFile, launchChromium, RESULTS_DIR } from './browser.ts';
import { coverageTable, failureLines } from './walk/report.ts';
import { DEMO_ROLES, walkRoles } from './walk/walk-roles.ts';

/**
 * Issue #14: every page of the site, as every demo role, found by following the site's own links and
 * forms from the home page (a later module's pages are walked without a line here). See
 * tests/browser/walk/ for the walker, its deny-lists and its checks.
 */
describe('a walk of every page as every demo role', () => {
  const app = demoAppForFile();
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'reaches no error page, leaked value, generic banner, English label, overflow or serious accessibility problem',
    async () => {
      browser = await launchChromium();
      const results = await walkRoles(browser, {
        baseUrl: app.running.url,
        roles: DEMO_ROLES,
        // Two walks at once keep Chromium busy while the app (in this process) renders the next page.
        concurrency: Number(process.env.WALK_CONCURRENCY ?? 2),
        perPattern: Number(process.env.WALK_PER_PATTERN ?? 2),
        maxPages: 300,
        timeout: 30_000,
        // A long walk shows its findings as it goes.
        onFailure: (f) => console.log(`✗ ${f.role} @${f.width} ${f.url}: ${f.problem} (${f.via})`),
      });
      const failures = results.flatMap((r) => r.failures);
      const lines = failureLines(failures);
      console.log(`${coverageTable(results)}\n\n${lines.length} distinct failures\n${lines.join('\n')}`);
      await fs.mkdir(RESULTS_DIR, { recursive: true });
      await fs.writeFile(
        path.join(RESULTS_DIR, 'walk.json'),
        JSON.stringify(
          results.map((r) => ({ ...r, samples: Object.fromEntries(r.samples) })),
          null,
          2,
        ),
      );

      // The walk went where each role works: a blind walk would pass for the wrong reason.
      const reached = (role: string) =>
        new Set(results.filter((r) => r.role === role).flatMap((r) => [...r.samples.keys()]));
      expect([...reached('anonymous')]).toEqual(
        expect.arrayContaining(['/', '/jobs', '/jobs/:id', '/fairs', '/register']),
      );
      expect([...reached('labourer')]).toEqual(expect.arrayContaining(['/my-jobs', '/me', '/applications']));
      expect([...reached('employer')]).toEqual(
        expect.arrayContaining(['/employer/vacancies/:id', '/employer/candidates']),
      );
      for (const officer of ['county officer', 'province officer', 'admin']) {
        expect([...reached(officer)]).toEqual(
          expect.arrayContaining(['/labourers/:id', '/fairs/:id/manage', '/cooperation', '/reports', '/dashboard']),
        );
      }
      expect(lines).toEqual([]);
    },
    60 * 60_000,
  );
});
