// `quotient targets add|list|remove`: targets on any KPI for the company, a team or a rep, with
// their attainment and pacing. While `quotient serve` holds the store these work through its API.
//
//   targets add --kpi revenue --scope team:T01 --period 2026-Q4 --value 150000 [--split even|weights:R1=2,R2=1]
//   targets list [--kpi K] [--scope S] [--period P | --from D --to D | --all] [--as-of D] [--rollup] [--format json]
//   targets remove ID [--with-split]
import type { Command } from 'commander';
import { findKpi } from '../../metrics/catalog.js';
import { formatIn, STATUS_WORDS, type TargetView } from '../../targets/pacing.js';
import { targetsList, type ListOptions, type TargetsList } from '../../targets/list.js';
import { addTarget, parseScope, parseScopeFilter, parseSplit, removeTarget, scopeText, type AddResult, type RemoveResult, type Target } from '../../targets/targets.js';
import { UserError } from '../../util/errors.js';
import { renderText } from '../format/table.js';
import type { Io } from '../context.js';
import { withStoreOrServer } from '../server-client.js';
import { checkFormat } from './report.js';

const FORMATS = ['table', 'json'] as const;

interface AddFlags {
  kpi: string;
  scope: string;
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  value: string;
  split?: string;
  id?: string;
  replace?: boolean;
  format: string;
}

/** The list's options as commander gives them (--no-forecast makes forecast a boolean), and the output's. */
type ListFlags = ListOptions & { forecast: boolean; explain?: boolean; format: string };

function parseValue(s: string): number {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new UserError('bad_argument', `--value: expected a number, e.g. 50000 or 0.35; got "${s}"`);
  return v;
}

const query = (params: Record<string, string | boolean | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export function registerTargets(program: Command, io: Io): void {
  const targets = program.command('targets').description('targets on any KPI for the company, a team or a rep (quotas are targets on revenue), with attainment and pacing');
  const db = () => program.opts().db as string | undefined;
  const note = (t: string) => io.err(t);

  targets
    .command('add')
    .requiredOption('--kpi <id>', 'the KPI, e.g. revenue (a quota), win_rate, opportunities_created')
    .requiredOption('--scope <scope>', 'company, team:TEAM_ID or rep:REP_ID')
    .option('--period <period>', 'the period: 2026-Q4, 2026-03, 2026, 2026-W10, this_quarter, … (or --from/--to)')
    .option('--from <date>', 'first day of a custom period (with --to)')
    .option('--to <date>', 'last day of a custom period (with --from)')
    .option('--as-of <date>', '"today" for relative periods like this_quarter')
    .requiredOption('--value <number>', 'the target in the KPI’s unit: money in the reporting currency, rates as shares (0.35 = 35%)')
    .option('--split <how>', 'team targets: also write one target per rep of the team, "even" or "weights:R1=2,R2=1" (parts add up exactly)')
    .option('--id <id>', 'the target’s id (default T-<random>)')
    .option('--replace', 'replace targets of the same KPI, scope and length that overlap it')
    .option('--format <format>', 'table or json', 'table')
    .description('add a target (and with --split its reps’ parts)')
    .action(async (o: AddFlags) => {
      const format = checkFormat(o.format, FORMATS);
      const scope = parseScope(o.scope);
      const split = o.split === undefined ? undefined : parseSplit(o.split);
      const value = parseValue(o.value);
      const input = { id: o.id, kpi: o.kpi, scope, period: o.period, from: o.from, to: o.to, asOf: o.asOf, value, split, replace: o.replace };
      const r = await withStoreOrServer(
        db(),
        (store) => addTarget(store, input),
        (api) => api.call<AddResult>('POST', '/api/targets', { id: o.id, kpi: o.kpi, scope: o.scope, period: o.period, from: o.from, to: o.to, as_of: o.asOf, value, split: o.split, replace: o.replace }),
        note,
      );
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderAdded(r));
    });

  targets
    .command('list')
    .option('--kpi <id>', 'only targets on this KPI')
    .option('--scope <scope>', 'only company, team, rep, team:TEAM_ID or rep:REP_ID targets')
    .option('--period <period>', 'targets overlapping this period (default: those running on the as-of date)')
    .option('--from <date>', 'targets overlapping from this day (with --to)')
    .option('--to <date>', 'targets overlapping up to this day (with --from)')
    .option('--all', 'every target, whatever its period')
    .option('--as-of <date>', 'the date to judge attainment and pacing on (default: today in the organisation’s time zone)')
    .option('--rollup', 'beside each team (company) target, the sum of its reps’ (teams’) targets, flagging a mismatch')
    .option('--no-forecast', 'do not blend revenue projections with the forecast')
    .option('--explain', 'print how each target’s projection and status came about')
    .option('--format <format>', 'table or json', 'table')
    .description('list targets with their value so far, attainment, projected value and status (on_track, at_risk, off_track)')
    .action(async (o: ListFlags) => {
      const format = checkFormat(o.format, FORMATS);
      if (o.scope !== undefined) parseScopeFilter(o.scope);
      if (o.kpi !== undefined) findKpiOrThrow(o.kpi);
      const options: ListOptions = { kpi: o.kpi, scope: o.scope, period: o.period, from: o.from, to: o.to, all: o.all, asOf: o.asOf, rollup: o.rollup, forecast: o.forecast };
      const r = await withStoreOrServer(
        db(),
        (store) => targetsList(store, options),
        (api) =>
          api.call<TargetsList>('GET', `/api/targets${query({ kpi: o.kpi, scope: o.scope, period: o.period, from: o.from, to: o.to, all: o.all ? 'true' : undefined, as_of: o.asOf, rollup: o.rollup ? 'true' : undefined, forecast: o.forecast ? undefined : 'false' })}`),
        note,
      );
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderList(r, Boolean(o.rollup), Boolean(o.explain)));
    });

  targets
    .command('remove')
    .argument('<id>', 'the target’s id (from `quotient targets list`)')
    .option('--with-split', 'also remove the reps’ targets its --split wrote')
    .description('remove a target')
    .action(async (id: string, o: { withSplit?: boolean }) => {
      const r = await withStoreOrServer(
        db(),
        (store) => removeTarget(store, id, Boolean(o.withSplit)),
        (api) => api.call<RemoveResult>('DELETE', `/api/targets/${encodeURIComponent(id)}${query({ with_split: o.withSplit ? 'true' : undefined })}`),
        note,
      );
      io.out(r.removed.map((t) => `Removed ${describe(t)}.\n`).join(''));
    });
}

function findKpiOrThrow(id: string): void {
  if (!findKpi(id)) throw new UserError('bad_argument', `unknown KPI "${id}"; \`quotient kpis\` lists them`);
}

const valueText = (t: Target) => formatIn(findKpi(t.kpi)?.unit ?? null, t.value, '').trim();

function describe(t: Target): string {
  return `${t.target_id}: ${t.kpi} ${valueText(t)} for ${scopeText(t)}, ${t.period_start}..${t.period_end}`;
}

export function renderAdded(r: AddResult): string {
  const [main, ...parts] = r.targets;
  const lines = [`Added ${describe(main)}.`];
  if (parts.length) {
    lines.push(`Split across ${parts.length} rep${parts.length === 1 ? '' : 's'}:`);
    for (const p of parts) lines.push(`  ${describe(p)}`);
  }
  for (const x of r.replaced) lines.push(`Replaced ${describe(x)}.`);
  for (const n of r.notes) lines.push(`Note: ${n}.`);
  return lines.join('\n') + '\n';
}

const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

export function renderList(r: TargetsList, rollup: boolean, explain: boolean): string {
  const range = r.filter.from === null ? 'all periods' : r.filter.from === r.filter.to ? `running on ${r.filter.from}` : `overlapping ${r.filter.from}..${r.filter.to}`;
  const head = `Targets ${range}, as of ${r.as_of} (on track ≥ ${pct(r.thresholds.on_track)}, at risk ≥ ${pct(r.thresholds.at_risk)} of the target projected)`;
  if (!r.targets.length) return `${head}\n\nNo targets. Add one: quotient targets add --kpi revenue --scope company --period this_quarter --value 100000\n`;
  const v = (t: TargetView, x: number | null) => (x === null ? '' : formatIn(t.unit, x, r.currency).replace(` ${r.currency}`, ''));
  const headers = ['id', 'kpi', 'scope', 'name', 'period', 'target', 'so far', 'attained', 'due by now', 'projected', 'proj. att.', 'status'];
  if (rollup) headers.push('sum of parts', 'roll-up');
  const rows = r.targets.map((t) => {
    const p = t.pacing;
    const row = [
      t.target_id, t.kpi, scopeText(t), t.name ?? '', t.period, v(t, t.value), v(t, p.so_far), pct(p.attainment),
      p.state === 'in_progress' ? v(t, p.expected_by_now) : '', v(t, p.projected), pct(p.projected_attainment),
      p.status ? (p.state === 'ended' ? (p.status === 'on_track' ? 'met' : `missed (${STATUS_WORDS[p.status]})`) : STATUS_WORDS[p.status]) : p.state === 'not_started' ? 'not started' : '–',
    ];
    if (rollup) {
      const u = t.rollup;
      row.push(u ? (u.sum === null ? '' : v(t, u.sum)) : '', u ? (u.mismatch === null ? (u.note ?? '') : u.mismatch ? `MISMATCH ${u.difference! > 0 ? '+' : ''}${v(t, u.difference)} (${u.of})` : `ok (${u.of})`) : '');
    }
    return row;
  });
  const lines = [head, '', renderText({ headers, rows, right: new Set([5, 6, 7, 8, 9, 10, ...(rollup ? [12] : [])]) }).trimEnd()];
  lines.push('', `Money in ${r.currency}. Projected: the run rate, scaled by how much of earlier periods was in by the same day, blended with the forecast for revenue; --explain says how.`);
  if (explain) {
    lines.push('');
    for (const t of r.targets) lines.push(`${t.target_id}: ${t.pacing.explanation}`);
  }
  return lines.join('\n') + '\n';
}
