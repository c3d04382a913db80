// `quotient insights [--period P | --from D --to D] [--as-of D] [--filter dim=v]… [--limit N]
//  [--format table|json]`: ranked findings a manager can act on, with evidence and records.
import type { Command } from 'commander';
import { DEFAULT_LIMIT, DEFAULT_PERIOD, insights, type Evidence, type InsightsResult } from '../../analysis/insights.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';
import { checkFormat, precheck, queryOptions, toQuery, type QueryOptions } from './report.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';

const FORMATS = ['table', 'json'] as const;

export function registerInsights(program: Command, io: Io): void {
  const cmd = program
    .command('insights')
    .description(`ranked findings a manager can act on — reps below their team, best and worst lead sources and CPA, activities that separate won from lost deals, stage drop-off, techniques, targets met — each with evidence and the records behind it (default period ${DEFAULT_PERIOD})`);
  queryOptions(cmd)
    .option('--limit <n>', 'at most this many findings', String(DEFAULT_LIMIT))
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: Omit<QueryOptions, 'kpi'> & { limit: string }) => {
      const format = checkFormat(o.format, FORMATS);
      if (o.by) throw new UserError('bad_argument', '--by: insights choose their own splits; use --filter to narrow them, e.g. --filter team=T1');
      if (o.lang !== 'en') throw new UserError('bad_argument', `--lang: insight sentences are in English for now (got "${o.lang}"); --format json carries each sentence's numbers in params for translation`);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UserError('bad_argument', `--limit: expected a whole number of at least 1, got "${o.limit}"`);
      const q = toQuery({ ...o, kpi: 'win_rate' });
      const custom = q.from !== undefined || q.to !== undefined;
      precheck({ ...q, period: custom ? q.period : (q.period ?? DEFAULT_PERIOD) });
      const r = await withStoreOrServer(
        program.opts().db,
        (store) => insights(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, scope: q.scope, limit }),
        (api) => api.call<InsightsResult>('GET', apiPath('/api/insights', o, PERIOD_PARAMS, { limit })),
        io.err,
      );
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderTable(r));
    });
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const num = (x: number) => x.toLocaleString('en-US');
const whole = (x: number) => Math.round(x).toLocaleString('en-US');

function side(e: Evidence, which: 'subject' | 'comparison', currency: string): string {
  const s = e[which];
  if (!s) return '';
  if (e.metric === 'cpa_by_channel') return `${s.label} ${s.value === null ? '–' : whole(s.value)} ${currency} per customer (${num(s.n ?? 0)} customers)`;
  if (e.metric === 'target_attainment') return which === 'subject' ? `${s.label}: ${num(s.numerator ?? 0)} of ${num(s.n ?? 0)}` : '';
  const ci = s.ci95 ? `, 95% CI ${pct(s.ci95[0])}–${pct(s.ci95[1])}` : '';
  return `${s.label} ${pct(s.value)} (${num(s.numerator ?? 0)} of ${num(s.n ?? 0)}${ci})`;
}

function evidenceLine(e: Evidence, currency: string): string {
  const parts = [[side(e, 'subject', currency), side(e, 'comparison', currency)].filter(Boolean).join(' vs ')];
  if (e.p !== null && e.q !== null) {
    const p = e.p < 0.001 ? 'p < 0.001' : `p = ${e.p.toFixed(3)}`;
    const q = e.q < 0.001 ? 'q < 0.001' : `q = ${e.q.toFixed(3)}`;
    parts.push(`${e.test === 'fisher' ? 'Fisher exact test' : 'z-test'} ${p}, ${q} (${e.family_size} tests)`);
  }
  return parts.join('; ');
}

function renderTable(r: InsightsResult): string {
  const q = r.query;
  const lines = [
    `Insights, ${q.period === `${q.from}..${q.to}` ? q.period : `${q.period} (${q.from} to ${q.to})`}, as of ${q.as_of}: ${r.insights.length === r.total ? r.total : `${r.insights.length} of ${r.total}`} finding${r.total === 1 ? '' : 's'}, ranked by money at stake (${q.currency})`,
    '',
  ];
  if (!r.insights.length) lines.push('No findings in this period: nothing differs significantly, and no target was met.', '');
  const width = String(r.insights.length).length;
  for (const i of r.insights) {
    const pad = ' '.repeat(width + 2);
    lines.push(`${String(i.rank).padStart(width)}. [${i.severity}] ${i.sentence}`);
    lines.push(`${pad}${evidenceLine(i.evidence, q.currency)}`);
    lines.push(`${pad}records: ${i.records.cli}`);
  }
  lines.push('', 'Checked:');
  for (const c of r.checks) lines.push(`- ${c.kind} (${c.metric}): ${c.tested} tested, ${c.found} found${c.note ? ` — ${c.note}` : ''}`);
  lines.push('', r.ranking, '');
  return lines.join('\n');
}
