import type { Failure } from './types.ts';
import type { WalkReport } from './walker.ts';

/** The coverage the walk prints: pages and forms per role, totals, and where the time went. */
export function coverageTable(report: WalkReport): string {
  const header = ['role', 'pages 390px', 'pages 1366px', 'patterns', 'forms met', 'forms sent', 'axe runs', 'failures'];
  const rows = report.roles.map((r) => [
    r.role,
    String(r.pages),
    String(r.desktopPages),
    String(r.samples.size),
    String(r.forms),
    String(r.submissions),
    String(r.axeRuns),
    String(r.failures.length),
  ]);
  const sum = (pick: (r: WalkReport['roles'][number]) => number) =>
    String(report.roles.reduce((total, r) => total + pick(r), 0));
  const patterns = new Set(report.roles.flatMap((r) => [...r.samples.keys()]));
  const total = [
    `all ${report.roles.length} roles`,
    sum((r) => r.pages),
    sum((r) => r.desktopPages),
    `${patterns.size} distinct`,
    sum((r) => r.forms),
    sum((r) => r.submissions),
    sum((r) => r.axeRuns),
    sum((r) => r.failures.length),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...[...rows, total].map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const cut = report.roles
    .filter((r) => r.cutShort > 0)
    .map((r) => `${r.role} left ${r.cutShort} URLs unvisited (page budget spent)`);
  const phases = Object.entries(report.phases)
    .map(([phase, { count, ms }]) => `${phase} ${count}× ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  const skipped = [...new Set(report.roles.flatMap((r) => r.skippedForms))];
  return [
    line(header),
    ...rows.map(line),
    line(total),
    ...cut,
    `forms not sent: ${skipped.length}${skipped.map((s) => `\n  ${s}`).join('')}`,
    `walked in ${(report.ms / 1000).toFixed(1)} s, event loop of the app and driver ${Math.round(report.busy * 100)}% busy (summed over workers: ${phases})`,
    `slowest: ${report.slowest
      .map((s) => `${s.phase} ${s.what} ${(s.ms / 1000).toFixed(1)} s (at ${(s.at / 1000).toFixed(0)} s)`)
      .join('; ')}`,
  ].join('\n');
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
