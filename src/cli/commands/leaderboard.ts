// `quotient leaderboard --kpi win_rate [--by rep|team|manager|region] [--period P] [--min-n 20]
//  [--filter dim=v]… [--format table|json]`: groups ranked on a KPI, ties sharing a rank, small
// samples listed apart, targets met marked.
import type { Command } from 'commander';
import { checkBy, checkLeaderboardKpi, checkMinN, leaderboard, type LeaderboardResult, type LeaderRow } from '../../analysis/leaderboard.js';
import { formatIn } from '../../targets/pacing.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';
import { renderText } from '../format/table.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';
import { checkFormat, precheck, queryOptions, toQuery, type QueryOptions } from './report.js';

const FORMATS = ['table', 'json'] as const;

function parseMinN(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(s)) throw new UserError('bad_argument', `--min-n: expected a whole number of records, e.g. 20; got "${s}"`);
  return Number(s);
}

export function registerLeaderboard(program: Command, io: Io): void {
  const cmd = program.command('leaderboard').description('rank reps (or teams, managers, regions) on a KPI: ties share a rank, small samples are listed apart, targets met are marked');
  queryOptions(cmd)
    .option('--kpi <id>', 'the KPI to rank on, e.g. revenue, win_rate, quota_attainment', 'revenue')
    .option('--min-n <n>', 'rates and averages: records a group needs to be ranked (default 20 for rates)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: QueryOptions & { minN?: string }) => {
      const format = checkFormat(o.format, FORMATS);
      const k = checkLeaderboardKpi(o.kpi);
      const by = checkBy(o.by?.trim() || undefined);
      const minN = parseMinN(o.minN);
      checkMinN(k, minN);
      const q = toQuery({ ...o, by: undefined });
      precheck({ ...q, by: [by] });
      const r = await withStoreOrServer(
        program.opts().db,
        (store) => leaderboard(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, kpi: k.id, by, minN }),
        (api) => api.call<LeaderboardResult>('GET', apiPath('/api/leaderboard', { ...o, by }, [...PERIOD_PARAMS, 'kpi', 'by'], { min_n: minN })),
        io.err,
      );
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderLeaderboard(r));
    });
}

const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

export function renderLeaderboard(r: LeaderboardResult): string {
  const cur = r.query.currency;
  const v = (x: number | null, unit = r.unit) => (x === null ? '' : formatIn(unit, x, cur).replace(` ${cur}`, ''));
  const all = [...r.ranked, ...r.not_ranked];
  const sample = all.some((x) => x.n !== null);
  const targets = all.some((x) => x.target !== null);
  const row = (x: LeaderRow, rank: string) => [
    rank, x.id ?? `(no ${r.by})`, x.name ?? '', v(x.value), ...(sample ? [x.n === null ? '' : String(x.n)] : []),
    ...(targets ? [v(x.target, r.target_unit), pct(x.attainment), x.target_met ? '★' : ''] : []),
  ];
  const headers = ['#', r.by, 'name', r.kpi, ...(sample ? ['n'] : []), ...(targets ? ['target', 'attained', 'met'] : [])];
  const right = new Set([0, 3, ...(sample ? [4, 5, 6] : [4, 5])]);
  const lines = [
    `${r.kpi} by ${r.by}, ${r.query.period} (${r.direction === 'lower' ? 'lower' : 'higher'} is better${r.unit === 'money' || r.target_unit === 'money' ? `; money in ${cur}` : ''}${r.min_n !== null ? `; at least ${r.min_n} records to be ranked` : ''})`,
    '',
  ];
  if (r.ranked.length) {
    const ties = new Map<number, number>();
    for (const x of r.ranked) ties.set(x.rank!, (ties.get(x.rank!) ?? 0) + 1);
    lines.push(renderText({ headers, rows: r.ranked.map((x) => row(x, `${(ties.get(x.rank!) ?? 0) > 1 ? '=' : ''}${x.rank}`)), right }).trimEnd());
  }
  if (r.not_ranked.length) {
    lines.push('', 'Not ranked:');
    for (const x of r.not_ranked) lines.push(`  ${x.id ?? `(no ${r.by})`}${x.name ? ` ${x.name}` : ''}: ${x.value === null ? '' : `${v(x.value)}, `}${x.reason ?? ''}`);
  }
  lines.push('', ...r.summary);
  return lines.join('\n') + '\n';
}
