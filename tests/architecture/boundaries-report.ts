/**
 * `npm run lint:deps:report`: the module-boundary violations per rule, split into those the baseline
 * (.dependency-cruiser-known-violations.json) already lists and new ones, with the size of the graph
 * (files and arrows between them) that the rules were checked on.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const baseline = '.dependency-cruiser-known-violations.json';

interface CruiseResult {
  modules: { source: string; coreModule?: boolean; dependencies: { resolved: string; coreModule: boolean }[] }[];
  summary: { violations: { rule: { name: string; severity: string } }[] };
}

const args = [depcruise, 'services', 'search-index', 'prisma', '--config', '.dependency-cruiser.js', '-T', 'json'];
if (existsSync(path.join(root, baseline))) args.push('--ignore-known', baseline);
const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
const result = JSON.parse(stdout) as CruiseResult;

const ownFile = (source: string) =>
  /^(services|search-index|prisma)\//.test(source) && !source.startsWith('services/platform/database/generated/');
const files = result.modules.filter((m) => ownFile(m.source));
const arrows = files.flatMap((m) => m.dependencies.filter((d) => ownFile(d.resolved)));

const perRule = new Map<string, { known: number; fresh: number }>();
for (const violation of result.summary.violations) {
  const count = perRule.get(violation.rule.name) ?? { known: 0, fresh: 0 };
  if (violation.rule.severity === 'ignore') count.known += 1;
  else count.fresh += 1;
  perRule.set(violation.rule.name, count);
}

const rows = [...perRule].sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(4, ...rows.map(([name]) => name.length));
const line = (name: string, known: number | string, fresh: number | string) =>
  `${name.padEnd(width)}  ${String(known).padStart(6)}  ${String(fresh).padStart(6)}`;
const out = [
  `${files.length} files, ${arrows.length} arrows between them (services/, search-index/, prisma/)`,
  '',
  line('rule', 'known', 'new'),
  ...rows.map(([name, count]) => line(name, count.known, count.fresh)),
  line(
    'total',
    rows.reduce((sum, [, c]) => sum + c.known, 0),
    rows.reduce((sum, [, c]) => sum + c.fresh, 0),
  ),
];
process.stdout.write(`${out.join('\n')}\n`);
