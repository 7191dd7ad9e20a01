import type { WalkResult } from './walker.ts';
import type { Failure } from './types.ts';

/** The coverage table the walk prints: pages and forms per role and width, and how long each took. */
export function coverageTable(results: WalkResult[]): string {
  const header = ['role', 'width', 'walk', 'pages', 'patterns', 'forms sent', 'axe runs', 'failures', 'seconds'];
  const rows = results.map((r) => [
    r.role,
    String(r.width),
    r.mode,
    String(r.pages),
    String(r.samples.size),
    String(r.submissions),
    String(r.axeRuns),
    String(r.failures.length),
    (r.ms / 1000).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const cut = results
    .filter((r) => r.cutShort > 0)
    .map((r) => `${r.role} at ${r.width}px left ${r.cutShort} URLs unvisited`);
  return [line(header), ...rows.map(line), ...cut].join('\n');
}

/** One line per failure, grouped by problem so one defect seen by six roles reads as one. */
export function failureLines(failures: Failure[]): string[] {
  const byProblem = new Map<string, Failure[]>();
  for (const failure of failures) {
    const key = `${failure.url} — ${failure.problem}`;
    byProblem.set(key, [...(byProblem.get(key) ?? []), failure]);
  }
  return [...byProblem].map(([key, group]) => {
    const who = [...new Set(group.map((f) => `${f.role}@${f.width}`))].join(', ');
    return `${key} [${who}; via ${group[0]!.via}]`;
  });
}
