// What every kind of insight shares: the finding's shape, the context the finders read (the
// query, the period, the money one success is worth), statistics helpers (Wilson intervals,
// Newcombe's interval of a difference, Benjamini–Hochberg), the records link, and wording.
import type { Store } from '../../store/store.js';
import type { KpiResult } from '../../query/engine.js';
import type { KpiQuery, Scope } from '../../query/query.js';
import type { KpiRow } from '../../query/rows.js';
import { findKpi } from '../../metrics/catalog.js';
import { wilson } from '../../query/stats.js';

export type InsightKind =
  | 'rep_below_team'
  | 'source_best_conversion'
  | 'source_worst_conversion'
  | 'source_cpa'
  | 'activity_separates_outcomes'
  | 'stage_dropoff_worse'
  | 'stage_bottleneck'
  | 'technique_wins_more'
  | 'target_met';

/** The kinds in the order they are looked for; also the last tie-break of the ranking. */
export const INSIGHT_KINDS: readonly InsightKind[] = [
  'rep_below_team',
  'source_worst_conversion',
  'source_best_conversion',
  'source_cpa',
  'stage_dropoff_worse',
  'stage_bottleneck',
  'activity_separates_outcomes',
  'technique_wins_more',
  'target_met',
];

export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };

/** One side of a comparison: a rate (or other value) with its counts and interval. */
export interface Side {
  label: string;
  value: number | null;
  numerator: number | null;
  n: number | null;
  ci95: [number, number] | null;
}

export interface Evidence {
  /** What was measured: a KPI id, or a measure named in words (e.g. decided_stage_conversion). */
  metric: string;
  subject: Side;
  comparison: Side | null;
  /** subject − comparison, and its 95% interval (Newcombe's hybrid score method). */
  difference: number | null;
  difference_ci95: [number, number] | null;
  test: 'z' | 'fisher' | null;
  p: number | null;
  /** Benjamini–Hochberg q-value within the family of tests this one belongs to. */
  q: number | null;
  /** How many tests the family had (the reps of a metric, the sources, the stages, …). */
  family_size: number | null;
  /** Further numbers the finding rests on (means, days, spend, …). */
  details?: Record<string, ParamValue>;
}

/** The records behind a finding: the parameters of `quotient records` / GET /api/records. */
export interface RecordsLink {
  query: { kpi: string; period?: string; from?: string; to?: string; as_of: string; by?: string; filter: string[] };
  cli: string;
}

export interface Insight {
  rank: number;
  /** Stable across runs on the same data: kind and what it is about. */
  id: string;
  kind: InsightKind;
  tone: 'negative' | 'positive';
  severity: 'high' | 'medium' | 'low';
  /** The ranking key: money at stake, in the reporting currency (see RANKING). */
  score: number;
  /** The numbers the sentence uses, for translations. */
  params: Record<string, ParamValue>;
  sentence: string;
  evidence: Evidence;
  records: RecordsLink;
}

/** A finding before it is ranked. */
export type Finding = Omit<Insight, 'rank' | 'severity' | 'score'> & { at_stake: number };

/** What a family of checks looked at, found or why it was skipped. */
export interface Check {
  kind: InsightKind;
  metric: string;
  tested: number;
  found: number;
  note?: string;
}

/** Money one success is worth in the period, from the period's revenue, wins and closed deals. */
export interface Money {
  currency: string;
  revenue: number | null;
  won: number;
  closed: number;
  /** revenue ÷ won: what one more win is worth. */
  per_win: number | null;
  /** revenue ÷ closed: what one more opportunity (a converted lead) is worth on average. */
  per_opportunity: number | null;
}

export interface InsightContext {
  store: Store;
  /** The query every finder starts from: period, filters, as-of and scope (no KPIs). */
  base: Pick<KpiQuery, 'period' | 'from' | 'to' | 'asOf' | 'filters'> & { scope: Scope };
  /** The period as resolved. */
  period: { label: string; from: string; to: string; as_of: string };
  money: Money;
  checks: Check[];
  warnings: string[];
  /** Names of reps and teams, by id (only those in scope are ever asked for). */
  names: Names;
}

export interface Names {
  rep(id: string): string;
  team(id: string): string;
  load(reps: readonly string[], teams: readonly string[]): Promise<void>;
}

/** Reps and teams by name, looked up only for the ids a finding names. */
export function nameBook(store: Store): Names {
  const reps = new Map<string, string>();
  const teams = new Map<string, string>();
  const label = (map: Map<string, string>, id: string) => {
    const name = map.get(id);
    return name && name !== id ? `${name} (${id})` : id;
  };
  return {
    rep: (id) => label(reps, id),
    team: (id) => label(teams, id),
    async load(repIds, teamIds) {
      const want = async (table: 'reps' | 'teams', key: string, ids: readonly string[], into: Map<string, string>) => {
        const missing = [...new Set(ids)].filter((id) => !into.has(id));
        if (!missing.length) return;
        // Table and column names are constants; ids travel as parameters.
        const found = await store.query<{ id: string; name: string | null }>(`SELECT ${key} AS id, name FROM ${table} WHERE ${key} IN (${missing.map(() => '?').join(', ')})`, missing);
        for (const r of found) into.set(String(r.id), r.name ? String(r.name) : String(r.id));
      };
      await want('reps', 'rep_id', repIds, reps);
      await want('teams', 'team_id', teamIds, teams);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6 || 0;
export const cents = (x: number): number => Math.round(x * 100) / 100 || 0;

export function rateSide(label: string, k: number, n: number): Side {
  const ci = wilson(k, n);
  return { label, value: n > 0 ? round6(k / n) : null, numerator: k, n, ci95: ci ? [round6(ci[0]), round6(ci[1])] : null };
}

/**
 * Newcombe's hybrid score interval (method 10) of p1 − p2 from the two Wilson intervals: good
 * coverage for small samples and rates near 0 or 1, and never wider than [−1, 1].
 */
export function differenceInterval(k1: number, n1: number, k2: number, n2: number): [number, number] | null {
  const w1 = wilson(k1, n1);
  const w2 = wilson(k2, n2);
  if (!w1 || !w2) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const d = p1 - p2;
  const lo = d - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2);
  const hi = d + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2);
  return [round6(Math.max(-1, lo)), round6(Math.min(1, hi))];
}

/** The part of a difference the 95% interval is sure of: its end nearer to zero (0 when it spans zero). */
export function conservativeGap(ci: [number, number] | null): number {
  if (!ci) return 0;
  if (ci[0] > 0) return ci[0];
  if (ci[1] < 0) return -ci[1];
  return 0;
}

/** Evidence of one rate against another, with the test and q filled in by the family. */
export function rateEvidence(metric: string, subject: Side, comparison: Side): Evidence {
  const ci = differenceInterval(subject.numerator ?? 0, subject.n ?? 0, comparison.numerator ?? 0, comparison.n ?? 0);
  const difference = subject.value !== null && comparison.value !== null ? round6(subject.value - comparison.value) : null;
  return { metric, subject, comparison, difference, difference_ci95: ci, test: null, p: null, q: null, family_size: null };
}

// ---------------------------------------------------------------------------------------------
// KPI rows

/** The rows of one KPI that can be used: computed, with a denominator. */
export function usable(r: KpiResult, kpi: string): KpiRow[] {
  return r.rows.filter((x) => x.kpi === kpi && x.status === 'ok');
}

/**
 * Whether a KPI can take the query's filters (and the splits a finder needs); if not, the
 * family is skipped with a note rather than failing the whole list.
 */
export function supports(ctx: InsightContext, kind: InsightKind, kpi: string, by: readonly string[] = []): boolean {
  const def = findKpi(kpi);
  if (!def) return false;
  const dims = [...Object.keys(ctx.base.filters ?? {}), ...by];
  const missing = dims.filter((d) => !(def.dimensions as readonly string[]).includes(d));
  if (!missing.length) return true;
  ctx.checks.push({ kind, metric: kpi, tested: 0, found: 0, note: `skipped: ${kpi} cannot be split or filtered by ${[...new Set(missing)].join(', ')}` });
  return false;
}

/** Notes a family that could not run because its KPI has no data (needs_…, out_of_scope, …). */
export function blocked(ctx: InsightContext, kind: InsightKind, kpi: string, r: KpiResult): boolean {
  const rows = r.rows.filter((x) => x.kpi === kpi);
  const bad = rows.find((x) => x.status.startsWith('needs_') || x.status === 'out_of_scope' || x.status === 'missing_fx_rate');
  if (!bad) return false;
  ctx.checks.push({ kind, metric: kpi, tested: 0, found: 0, note: `skipped: ${bad.message ?? bad.status}` });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Records links

const SAFE = /^[A-Za-z0-9_.,:=@/+-]+$/;
export const shellQuote = (s: string): string => (SAFE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The records query behind a finding: the KPI, the period as asked, the query's filters and the finding's own. */
export function recordsLink(ctx: InsightContext, kpi: string, filters: Record<string, readonly string[]> = {}, by?: string): RecordsLink {
  const merged: Record<string, readonly string[]> = { ...(ctx.base.filters ?? {}), ...filters };
  const filter = Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([d, v]) => `${d}=${v.join(',')}`);
  const when = ctx.base.from !== undefined ? { from: ctx.period.from, to: ctx.period.to } : { period: ctx.base.period ?? ctx.period.label };
  const query: RecordsLink['query'] = { kpi, ...when, as_of: ctx.period.as_of, ...(by ? { by } : {}), filter };
  const args = ['quotient', 'records', '--kpi', kpi];
  if (query.period !== undefined) args.push('--period', query.period);
  else args.push('--from', query.from!, '--to', query.to!);
  args.push('--as-of', query.as_of);
  if (by) args.push('--by', by);
  for (const f of filter) args.push('--filter', f);
  return { query, cli: args.map(shellQuote).join(' ') };
}

// ---------------------------------------------------------------------------------------------
// Words

export const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
export const count = (x: number): string => x.toLocaleString('en-US');
export const money = (x: number, currency: string): string => `${Math.round(x).toLocaleString('en-US')} ${currency}`;
export const times = (x: number): string => `${x < 1 ? x.toFixed(2) : x.toFixed(1)}×`;

/** A q-value as people read it. */
export function qText(q: number | null): string {
  if (q === null) return '';
  return q < 0.001 ? 'q < 0.001' : `q = ${q.toFixed(3)}`;
}

/** ", about 123,456 USD of revenue" — the money a finding is worth, when there is any. */
export function worth(ctx: InsightContext, amount: number, what: string): string {
  return amount >= 0.5 ? `; worth about ${money(amount, ctx.money.currency)} ${what}` : '';
}
