// `quotient report --kpi revenue,win_rate [--period P | --from D --to D] [--grain G] [--by dims]
//  [--filter dim=v1,v2]… [--compare previous_period,previous_year,target] [--as-of D]
//  [--format table|json|csv|md] [--lang en|de|nl|tr]`.
import type { Command } from 'commander';
import { lang as checkLang } from '../../metrics/catalog.js';
import type { Lang } from '../../metrics/types.js';
import { runKpiQuery } from '../../query/engine.js';
import type { Grain } from '../../query/periods.js';
import { resolveQuery, type KpiQuery } from '../../query/query.js';
import { todayIn } from '../../util/dates.js';
import { UserError } from '../../util/errors.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../format/report.js';
import type { Io } from '../context.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';
import type { KpiResult } from '../../query/engine.js';

export interface QueryOptions {
  kpi: string;
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  grain?: string;
  by?: string;
  filter: string[];
  compare?: string;
  format: string;
  lang: string;
}

const list = (s: string | undefined): string[] => (s ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0);

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --filter team=T1,T2 (repeatable) → { team: ['T1', 'T2'] }. */
export function parseFilters(specs: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UserError('bad_argument', `--filter: expected DIMENSION=VALUE[,VALUE…], e.g. team=T1; got "${spec}"`);
    const dim = spec.slice(0, eq).trim();
    out[dim] = [...(out[dim] ?? []), ...list(spec.slice(eq + 1))];
  }
  return out;
}

export function toQuery(o: QueryOptions): KpiQuery {
  return {
    kpis: list(o.kpi),
    period: o.period,
    from: o.from,
    to: o.to,
    asOf: o.asOf,
    grain: o.grain as Grain | undefined,
    by: list(o.by),
    filters: parseFilters(o.filter),
    compare: list(o.compare),
    scope: { reps: 'all' },
  };
}

/** Checks names and the period's form before the store is opened (settings refine the period later). */
export function precheck(q: KpiQuery): void {
  resolveQuery(q, 1, todayIn('UTC'));
}

/** What a sales leader looks at first, when no --kpi is given. */
export const HEADLINE_KPIS = ['revenue', 'win_rate', 'average_deal_size', 'sales_cycle_length', 'opportunities_created', 'open_pipeline_value', 'quota_attainment', 'nps'];

export function checkFormat<T extends string>(format: string, valid: readonly T[]): T {
  if (!(valid as readonly string[]).includes(format)) throw new UserError('bad_argument', `--format: expected one of ${valid.join(', ')}, got "${format}"`);
  return format as T;
}

/** Options shared by report and records. */
export function queryOptions(cmd: Command): Command {
  return cmd
    .option('--period <period>', 'today, this_week, this_month, last_month, this_quarter, ytd, last_30_days, 2026-Q3, 2026-10, 2026-W10, 2026-10-05, 2026-01-01..2026-03-31 (default this_month)')
    .option('--from <date>', 'first day of a custom period (with --to)')
    .option('--to <date>', 'last day of a custom period (with --from)')
    .option('--as-of <date>', '"today" for relative periods (default: today in the organisation’s time zone)')
    .option('--by <dims>', 'split by dimensions, comma-separated (rep, team, manager, region, product, product_line, source, channel, segment, industry, technique, currency, stage, activity_type, cohort_month)')
    .option('--filter <dim=values>', 'keep records whose dimension has one of the values (repeatable)', collect, [])
    .option('--lang <lang>', 'en, de, nl or tr', 'en');
}

export function registerReport(program: Command, io: Io): void {
  const cmd = program.command('report').description('compute KPIs for a period, split, filtered and compared');
  queryOptions(cmd)
    .option('--kpi <ids>', 'KPI ids, comma-separated (see `quotient kpis`); default: the headline KPIs', HEADLINE_KPIS.join(','))
    .option('--grain <grain>', 'one row per day, week, month, quarter or year of the period')
    .option('--compare <comparisons>', 'previous_period, previous_year, target (comma-separated)')
    .option('--format <format>', 'table, json, csv or md', 'table')
    .action(async (o: QueryOptions) => {
      const format = checkFormat<ReportFormat>(o.format, REPORT_FORMATS);
      const lang: Lang = checkLang(o.lang);
      precheck(toQuery(o));
      const result = await withStoreOrServer(program.opts().db, (store) => runKpiQuery(store, toQuery(o)), (api) => api.call<KpiResult>('GET', apiPath('/api/report', o, [...PERIOD_PARAMS, 'kpi', 'grain', 'by', 'compare', 'lang'])), io.err);
      for (const w of result.warnings) io.err(`warning: ${w}\n`);
      io.out(renderReport(result, format, lang));
    });
}
