import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAppForFile, launchChromium, RESULTS_DIR } from './browser.ts';
import { coverageTable, failureLines } from './walk/report.ts';
import { DEMO_ROLES } from './walk/walk-roles.ts';
import { walkSite } from './walk/walker.ts';

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
      const report = await walkSite(browser, {
        baseUrl: app.running.url,
        roles: DEMO_ROLES,
        // Three pages at once keep both cores busy: the app (in this process) renders one page
        // while Chromium lays out and checks the others.
        workers: Number(process.env.WALK_WORKERS ?? 3),
        perPattern: Number(process.env.WALK_PER_PATTERN ?? 1),
        maxPagesPerRole: 250,
        timeout: 30_000,
        today: new Date(),
        // Findings show as they come, so a slow walk is not a silent one.
        onFailure: (f) => console.log(`✗ ${f.role} @${f.width} ${f.url}: ${f.problem} (${f.via})`),
      });
      const failures = report.roles.flatMap((r) => r.failures);
      const lines = failureLines(failures);
      console.log(`${coverageTable(report)}\n\n${lines.length} distinct failures\n${lines.join('\n')}`);
      await fs.mkdir(RESULTS_DIR, { recursive: true });
      await fs.writeFile(
        path.join(RESULTS_DIR, 'walk.json'),
        JSON.stringify(
          { ...report, roles: report.roles.map((r) => ({ ...r, samples: Object.fromEntries(r.samples) })) },
          null,
          2,
        ),
      );

      // The walk went where each role works: a blind walk would pass for the wrong reason.
      const reached = (role: string) => [...(report.roles.find((r) => r.role === role)?.samples.keys() ?? [])];
      expect(reached('anonymous')).toEqual(expect.arrayContaining(['/', '/jobs', '/jobs/:id', '/fairs', '/register']));
      expect(reached('labourer')).toEqual(expect.arrayContaining(['/my-jobs', '/me', '/applications']));
      expect(reached('employer')).toEqual(expect.arrayContaining(['/employer/vacancies/:id', '/employer/candidates']));
      for (const officer of ['county officer', 'province officer', 'admin']) {
        expect(reached(officer)).toEqual(
          expect.arrayContaining(['/labourers/:id', '/fairs/:id/manage', '/cooperation', '/reports', '/dashboard']),
        );
      }
      // Training (issue #19): the course catalogue, its form, a course's people, technical-school places, the
      // certificate import, and 我的培训.
      expect(reached('labourer')).toEqual(expect.arrayContaining(['/my-training']));
      // Self-service subsidy claims (issue #20): a person's and an employer's own claims, and an
      // officer's claim on someone's behalf.
      expect(reached('labourer')).toEqual(expect.arrayContaining(['/my-subsidies', '/my-subsidies/new']));
      expect(reached('employer')).toEqual(expect.arrayContaining(['/employer/subsidies', '/employer/subsidies/new']));
      expect(reached('county officer')).toEqual(expect.arrayContaining(['/subsidies/claims/new']));
      expect(reached('county officer')).toEqual(
        expect.arrayContaining([
          '/training/courses',
          '/training/courses/new',
          '/training/courses/:id',
          '/training/sessions/:id',
          '/technical-schools',
          '/technical-schools/applicants',
          '/technical-schools/students/:id',
          '/technical-schools/aid-check',
          '/training/certificates/import',
          '/training/providers',
        ]),
      );
      // A training provider's account (issue #19) reaches its home and its course's sheet, nothing of the officers'.
      expect(reached('training provider')).toEqual(
        expect.arrayContaining(['/provider', '/training/courses/:id', '/training/sessions/:id']),
      );
      expect(reached('training provider')).not.toContain('/training/courses');
      expect(reached('training provider')).not.toContain('/labourers');
      // Graduates (issue #21): the list, import, a graduate, 我的红娘对象 and a pairing with its ranked jobs.
      expect(reached('county officer')).toEqual(
        expect.arrayContaining([
          '/graduates',
          '/graduates/import',
          '/graduates/:id',
          '/matchmaker/pairings',
          '/matchmaker/pairings/:id',
          '/matchmaker/volunteers',
        ]),
      );
      // A 就业红娘 volunteer (issue #21) reaches its own pairings and nothing of the officers'.
      expect(reached('volunteer')).toEqual(
        expect.arrayContaining(['/matchmaker/pairings', '/matchmaker/pairings/:id']),
      );
      expect(reached('volunteer')).not.toContain('/graduates');
      // Social insurance (issue #20): worklists, cases, a case with its form, coverage — by the officers.
      const officers = ['county officer', 'province officer', 'admin'].flatMap((role) => reached(role));
      expect(officers).toEqual(
        expect.arrayContaining(['/insurance', '/insurance/cases', '/insurance/cases/:id', '/insurance/coverage']),
      );
      // Talent and linked counties (issue #21): the hub, 三支一扶, a participant, the catalogue, the linked counties.
      for (const officer of ['county officer', 'province officer']) {
        expect(reached(officer)).toEqual(
          expect.arrayContaining([
            '/talent',
            '/sanzhiyifu',
            '/sanzhiyifu/participants/:id',
            '/talent/catalogue',
            '/talent/campaigns',
            '/linked-counties',
          ]),
        );
      }
      expect(lines).toEqual([]);
    },
    20 * 60_000,
  );
});
