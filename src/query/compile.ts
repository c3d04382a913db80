// Compiles one fact query — a fact, the measures wanted from it, its group-by dimensions,
// filters and access scope, over a list of period buckets — into ONE SQL statement: a single
// scan of the fact with FILTER aggregates for every measure, grouped by bucket and dimensions.
import type { Dim } from '../metrics/types.js';
import { Params } from '../store/params.js';
import { constLiteral } from '../store/sql.js';
import type { SqlContext } from './context.js';
import type { Bucket } from './buckets.js';
import type { Filter, Scope } from './query.js';
import { ACCOUNT, FLOW_JOIN, PEOPLE, type FactDef, type MeasureDef } from './facts/types.js';

export interface FactQuery {
  fact: FactDef;
  measures: readonly string[];
  groupBy: readonly Dim[];
  filters: readonly Filter[];
  scope: Scope;
  buckets: readonly Bucket[];
}

export interface CompiledSql {
  sql: string;
  params: unknown[];
}

/** Dimensions a fact can be split by. */
export function factDims(f: FactDef): Dim[] {
  const out = new Set<Dim>(Object.keys(f.dims) as Dim[]);
  if (f.rep) PEOPLE.forEach((d) => out.add(d));
  else if (f.team) ['team', 'manager', 'region'].forEach((d) => out.add(d as Dim));
  if (f.account) ACCOUNT.forEach((d) => out.add(d));
  return [...out];
}

export type Join = 'rep' | 'team' | 'account';

export function dimExprFor(f: FactDef, dim: Dim, joins: Set<Join>): string {
  const direct = f.dims[dim];
  if (direct) return direct;
  switch (dim) {
    case 'rep':
      return f.rep!;
    case 'team':
      if (f.team) return f.team;
      joins.add('rep');
      return 'qr.team_id';
    case 'manager':
    case 'region':
      if (!f.team) joins.add('rep');
      joins.add('team');
      return dim === 'manager' ? 'qt.manager_rep_id' : 'qt.region';
    case 'segment':
    case 'industry':
      joins.add('account');
      return `qa.${dim}`;
    default:
      throw new Error(`fact ${f.id} has no dimension ${dim}`);
  }
}

export function joinsSql(f: FactDef, joins: Set<Join>): string {
  const out: string[] = [];
  if (joins.has('rep')) out.push(`LEFT JOIN reps qr ON qr.rep_id = ${f.rep}`);
  if (joins.has('team')) out.push(`LEFT JOIN teams qt ON qt.team_id = ${f.team ?? 'qr.team_id'}`);
  if (joins.has('account')) out.push(`LEFT JOIN accounts qa ON qa.account_id = ${f.account}`);
  return out.join('\n');
}

export function aggregateSql(m: MeasureDef, ctx: SqlContext): string {
  const filter = m.where ? ` FILTER (WHERE ${m.where})` : '';
  switch (m.agg) {
    case 'count':
      return `count(*)${filter}`;
    case 'sum':
      return `sum(${m.expr})${filter}`;
    case 'count_distinct':
      return `count(DISTINCT ${m.expr})${filter}`;
    case 'median':
      return `${ctx.sql.quantile(m.expr!, 0.5)}${filter}`;
    case 'p90':
      return `${ctx.sql.quantile(m.expr!, 0.9)}${filter}`;
  }
}

/** The WITH clause defining the buckets `b(k, s, e, rd, si, ei)`. */
export function bucketsCte(buckets: readonly Bucket[], ctx: SqlContext, p: Params): string {
  const rows = buckets
    .map((b) => `(${p.add(b.key)}, ${ctx.sql.date(p.add(b.period.start))}, ${ctx.sql.date(p.add(b.period.end))}, ${ctx.sql.date(p.add(b.rateDay))})`)
    .join(', ');
  const inst = (d: string) => ctx.sql.instantOfLocal(ctx.tz, `CAST(${d} AS TIMESTAMP)`);
  return `b AS (SELECT k, s, e, rd, ${inst('s')} AS si, ${inst('e')} AS ei FROM (VALUES ${rows}) v(k, s, e, rd))`;
}

/** A fact's FROM clause for these buckets, with its flow joins resolved (see flowJoin). */
export function fromSql(f: FactDef, buckets: readonly Bucket[], ctx: SqlContext, p: Params): string {
  const sorted = [...buckets].sort((a, b) => (a.period.start < b.period.start ? -1 : a.period.start > b.period.start ? 1 : 0));
  const disjoint = sorted.every((b, i) => i === 0 || sorted[i - 1].period.end <= b.period.start);
  const inst = (d: string) => ctx.sql.instantOfLocal(ctx.tz, `CAST(${ctx.sql.date(dateLiteral(d))} AS TIMESTAMP)`);
  return f.from(ctx).replace(FLOW_JOIN, (_, instant: string) => {
    if (!disjoint) return `JOIN b ON ${instant} >= b.si AND ${instant} < b.ei`;
    const whens = sorted.map((b) => `WHEN ${instant} >= ${inst(b.period.start)} AND ${instant} < ${inst(b.period.end)} THEN ${p.add(b.key)}`);
    return `JOIN b ON b.k = (CASE ${whens.join(' ')} END)`;
  });
}

/** The WHERE conditions every use of a fact shares: range, access scope and filters. */
export function whereSql(f: FactDef, q: Pick<FactQuery, 'filters' | 'scope' | 'buckets'>, ctx: SqlContext, p: Params, joins: Set<Join>): string[] {
  const where: string[] = [];
  if (f.range) {
    const starts = q.buckets.map((b) => b.period.start).sort();
    const ends = q.buckets.map((b) => b.period.end).sort();
    // Bucket dates come from periods.ts (validated YYYY-MM-DD), so they may be literals here.
    const inst = (d: string) => ctx.sql.instantOfLocal(ctx.tz, `CAST(${ctx.sql.date(dateLiteral(d))} AS TIMESTAMP)`);
    where.push(f.range(inst(starts[0]), inst(ends[ends.length - 1])));
  }
  if (q.scope.reps !== 'all') {
    if (!f.rep || q.scope.reps.length === 0) where.push('FALSE');
    else where.push(`${f.rep} IN (${q.scope.reps.map((r) => p.add(r)).join(', ')})`);
  }
  const dims = factDims(f);
  for (const flt of q.filters) {
    if (!dims.includes(flt.dim)) continue; // a fact without the dimension is not split by it (e.g. the denominator of a per-type rate)
    where.push(`${dimExprFor(f, flt.dim, joins)} IN (${flt.values.map((v) => p.add(v)).join(', ')})`);
  }
  return where;
}

export function compileFactQuery(q: FactQuery, ctx: SqlContext): CompiledSql {
  const p = new Params();
  const f = q.fact;
  const joins = new Set<Join>();
  const dimCols = q.groupBy.map((d) => `${dimExprFor(f, d, joins)} AS ${quoteDim(d)}`);
  const aggs: string[] = [];
  for (const name of q.measures) {
    const m = f.measures[name];
    if (!m) throw new Error(`fact ${f.id} has no measure ${name}`);
    aggs.push(`${aggregateSql(m, ctx)} AS ${quoteMeasure(name)}`);
    if (m.money && f.fx) {
      const cond = m.where ? `(${m.where}) AND (${f.fx.missing})` : f.fx.missing;
      aggs.push(`min(${f.fx.note}) FILTER (WHERE ${cond}) AS ${quoteMeasure(name + '__fx')}`);
    }
  }
  const cte = bucketsCte(q.buckets, ctx, p);
  const where = whereSql(f, q, ctx, p, joins);
  const groups = ['b.k', ...q.groupBy.map((_, i) => String(i + 2))];
  const sql = `WITH ${cte}
SELECT b.k AS k${dimCols.map((c) => ', ' + c).join('')}, ${aggs.join(', ')}
FROM ${fromSql(f, q.buckets, ctx, p)}
${joinsSql(f, joins)}
${where.length ? 'WHERE ' + where.join('\n  AND ') : ''}
GROUP BY ${groups.join(', ')}`;
  return { sql, params: p.values };
}

function dateLiteral(d: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not a date: ${d}`);
  return constLiteral(d);
}

export const quoteDim = (d: string): string => `"d_${d}"`;
export const quoteMeasure = (m: string): string => `"m_${m}"`;
