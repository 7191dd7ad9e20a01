import { DEFINITIONS_VERSION, INDICATORS } from './indicators.ts';

const AS_OF: Record<string, string> = {
  period_end: 'end of period',
  period: 'within period',
  current: 'current record',
  year: "the period's year(s) (agreements; plans, catalogues, meetings of the period-end year), to period end",
};

/**
 * The indicator table of services/reports/README.md, generated from the definitions so the README
 * can not drift from the code (a unit test compares them). Print it with
 * `npx tsx services/reports/definitions-table.ts`.
 */
export function definitionsTable(): string {
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    `Definitions version \`${DEFINITIONS_VERSION}\`. The plan clause names the section and item of 扶贫攻坚战三年行动方案`,
    '(§2(3) = 二、(三)) and the words the indicator counts.',
    '',
    '| id | 名称 | name | group | plan clause | counts | sources | as of | unit |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...INDICATORS.map(
      (d) =>
        `| \`${d.id}\` | ${d.nameZh} | ${d.nameEn} | ${d.group} | ${escape(d.clause)} | ${escape(d.counts)} | ${d.sources.join(', ')} | ${AS_OF[d.asOf]} | ${d.unit} |`,
    ),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(definitionsTable());
