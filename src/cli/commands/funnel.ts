// `quotient funnel [--period P] [--by dim] [--cohort] [--filter dim=v] [--as-of D] [--format table|json]`:
// per stage, entered, moved on, conversion and drop-off, and days in the stage.
import type { Command } from 'commander';
import { funnel, type FunnelResult } from '../../analysis/funnel.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';
import { checkFormat, precheck, queryOptions, toQuery, type QueryOptions } from './report.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';

const FORMATS = ['table', 'json'] as const;

export function registerFunnel(program: Command, io: Io): void {
  const cmd = program.command('funnel').description('the stage funnel: per stage, entered, moved on, conversion, drop-off and days in stage (split by one dimension, by creation-month cohort)');
  queryOptions(cmd)
    .option('--cohort', 'split by cohort: the month the opportunities were created')
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: Omit<QueryOptions, 'kpi'> & { cohort?: boolean }) => {
      const format = checkFormat(o.format, FORMATS);
      const by = (o.by ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (by.length > 1) throw new UserError('bad_argument', '--by: give at most one dimension, e.g. --by rep (add --cohort for creation months)');
      const { period, from, to, asOf, filters, scope } = toQuery({ ...o, kpi: 'stage_conversion' });
      precheck({ kpis: ['stage_conversion', 'time_in_stage'], period, from, to, asOf, filters, by: [...by, ...(o.cohort ? ['cohort_month'] : [])] });
      const options = { period, from, to, asOf, filters, scope, by: by[0], cohort: o.cohort === true };
      const r = await withStoreOrServer(program.opts().db, (store) => funnel(store, options), (api) => api.call<FunnelResult>('GET', apiPath('/api/funnel', { ...o, by: by[0] }, [...PERIOD_PARAMS, 'by'], { cohort: o.cohort ? 'true' : undefined })), io.err);
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderTable(r));
    });
}

function renderTable(r: FunnelResult): string {
  const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
  const days = (x: number | null) => (x === null ? '' : x.toFixed(1));
  const splitCols = [...(r.query.by.filter((d) => d !== 'cohort_month')), ...(r.query.cohort ? ['cohort'] : [])];
  const head = [...splitCols, 'stage', 'entered', 'moved on', 'conversion', 'drop-off', 'mean days', 'median', 'p90'];
  const rows = r.stages.map((s) => [
    ...(s.group ? Object.values(s.group).map((v) => v ?? '(none)') : []),
    ...(r.query.cohort ? [s.cohort ?? '(none)'] : []),
    s.stage, String(s.entered), String(s.moved_on), pct(s.conversion), pct(s.drop_off), days(s.days.mean), days(s.days.median), days(s.days.p90),
  ]);
  const left = splitCols.length + 1;
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [
    `Funnel, ${r.query.period} (${r.query.from} to ${r.query.to}): entries in the period; days over stays that ended in it`,
    '',
    line(head),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    'Rules:',
    ...r.rules.map((x) => `- ${x}`),
    '',
  ].join('\n');
}
