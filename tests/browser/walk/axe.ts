import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;

/** The impacts the walk fails on; minor and moderate findings are left to people's judgement. */
export const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core in the page and returns its serious and critical violations, one line per rule with
 * where it was found. The source is evaluated rather than added as a <script>: the site's CSP
 * (script-src 'self') would refuse an inline script, and loosening it for the test would hide CSP
 * mistakes.
 */
export async function axeViolations(page: Page, options: { contrast?: boolean } = {}): Promise<string[]> {
  source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const present = await page.evaluate('typeof window.axe === "object"');
  if (!present) await page.evaluate(source);
  const rules = options.contrast === false ? ', rules: { "color-contrast": { enabled: false } }' : '';
  const results = (await page.evaluate(
    // Best practices included: landmarks and headings matter to a screen-reader user on a phone.
    `window.axe.run(document, { resultTypes: ["violations"]${rules} })`,
  )) as AxeResults;
  return summariseViolations(results.violations);
}

export function summariseViolations(violations: Result[]): string[] {
  return violations
    .filter((v) => v.impact && FAILING_IMPACTS.has(v.impact))
    .map((v) => {
      const where = v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ');
      const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
      return `axe ${v.impact} ${v.id}: ${v.help} at ${where}${more}`;
    });
}
