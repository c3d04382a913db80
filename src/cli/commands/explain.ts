// `quotient explain --kpi revenue --period this_month --vs previous_period`: what drove a change.
import type { Command } from 'commander';
import { explainRevenue, type ExplainResult } from '../../analysis/explain.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';
import { checkFormat, precheck, queryOptions, toQuery, type QueryOptions } from './report.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';

const FORMATS = ['table', 'json'] as const;

export function registerExplain(program: Command, io: Io): void {
  const cmd = program.command('explain').description('split a change in revenue into opportunities, win rate and deal size, and the segments that moved most');
  queryOptions(cmd)
    .option('--kpi <id>', 'the KPI to explain (revenue)', 'revenue')
    .option('--vs <comparison>', 'previous_period or previous_year', 'previous_period')
    .option('--top <n>', 'segments per dimension', '5')
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: QueryOptions & { vs: string; top: string }) => {
      const format = checkFormat(o.format, FORMATS);
      if (o.kpi !== 'revenue') throw new UserError('bad_argument', `explain splits changes in revenue (closed opportunities × win rate × average deal size); --kpi ${o.kpi} is not supported`);
      if (o.vs !== 'previous_period' && o.vs !== 'previous_year') throw new UserError('bad_argument', `--vs: expected previous_period or previous_year, got "${o.vs}"`);
      const top = Number(o.top);
      if (!Number.isInteger(top) || top < 1) throw new UserError('bad_argument', `--top: expected a whole number of at least 1, got "${o.top}"`);
      const q = toQuery(o);
      precheck(q);
      const r = await withStoreOrServer(
        program.opts().db,
        (store) => explainRevenue(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, vs: o.vs as 'previous_period', top }),
        (api) => api.call<ExplainResult>('GET', apiPath('/api/explain', o, PERIOD_PARAMS, { vs: o.vs, top })),
        io.err,
      );
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderTable(r));
    });
}

function renderTable(r: ExplainResult): string {
  const m = (x: number) => `${x < 0 ? '-' : '+'}${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const lines = [
    `Revenue ${r.period.label} (${r.period.from}..${r.period.to}) against ${r.vs.label}: ${r.before.toFixed(2)} → ${r.after.toFixed(2)}, ${m(r.total_change)}`,
    '',
    'driver                contribution',
    ...r.drivers.map((d) => `${d.driver.padEnd(20)}  ${m(d.contribution).padStart(14)}`),
    `${'total'.padEnd(20)}  ${m(r.total_change).padStart(14)}`,
    '',
    'segment                         change   opportunities      win rate     deal size',
    ...r.segments.map((s) => `${`${s.dimension} ${s.value ?? '(none)'}`.padEnd(24)}  ${m(s.change).padStart(12)}  ${s.drivers.map((d) => m(d.contribution).padStart(12)).join('  ')}`),
    '',
    ...r.summary,
    '',
  ];
  return lines.join('\n');
}
