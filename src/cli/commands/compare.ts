// `quotient compare --kpi win_rate --by technique|source|rep [--period P]`: which groups differ
// significantly from the rest, after correcting for many comparisons.
import type { Command } from 'commander';
import { compareGroups, type CompareResult } from '../../analysis/compare.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';
import { checkFormat, precheck, queryOptions, toQuery, type QueryOptions } from './report.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';

const FORMATS = ['table', 'json'] as const;

export function registerCompare(program: Command, io: Io): void {
  const cmd = program.command('compare').description('test each group of a rate KPI against the rest (z-test or Fisher exact test, Benjamini–Hochberg corrected)');
  queryOptions(cmd)
    .option('--kpi <id>', 'a rate KPI, e.g. win_rate or lead_conversion_rate', 'win_rate')
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: QueryOptions) => {
      const format = checkFormat(o.format, FORMATS);
      const by = (o.by ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (by.length !== 1) throw new UserError('bad_argument', '--by: give one dimension to compare, e.g. --by technique, --by source or --by rep');
      const q = { ...toQuery(o), by: [] as string[] };
      precheck({ ...q, by });
      const r = await withStoreOrServer(program.opts().db, (store) => compareGroups(store, { ...q, by: by[0] }), (api) => api.call<CompareResult>('GET', apiPath('/api/compare', { ...o, by: by[0] }, [...PERIOD_PARAMS, 'kpi', 'by'])), io.err);
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderTable(r));
    });
}

function renderTable(r: CompareResult): string {
  const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
  const head = [r.by, r.kpi, 'n', '95% CI', 'rest', 'difference', 'test', 'q', 'verdict'];
  const rows = r.groups.map((g) => [
    String(Object.values(g.group)[0] ?? '(none)'), pct(g.value), String(g.denominator), g.ci95 ? `${pct(g.ci95[0])}–${pct(g.ci95[1])}` : '', pct(g.rest.value),
    g.difference === null ? '' : `${g.difference >= 0 ? '+' : ''}${(g.difference * 100).toFixed(1)} pp`, g.test ?? '', g.q === null ? '' : g.q < 0.001 ? '< 0.001' : g.q.toFixed(3),
    g.status === 'too_small' ? 'too small to judge' : g.significant ? `significantly ${g.direction}` : 'not significant',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [
    `${r.kpi} by ${r.by}, ${r.query.period}: overall ${pct(r.overall.value)} (n = ${r.overall.denominator})`,
    '',
    line(head),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    ...r.summary,
    '',
  ].join('\n');
}
