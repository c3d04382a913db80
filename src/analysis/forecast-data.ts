// What the forecast reads from the store, as a few aggregate queries (the rows never come
// to JavaScript one by one): the snapshot table the win model learns from, the pipeline open at
// the as-of moment by stage and age bucket, and the new business won in past windows.
//
// Every query reads opportunities through the query layer's `opps` relation (value = line items
// where present, else amount) and applies the access scope and filters the way KPI queries do
// (compile.ts `whereSql`), so a forecast never sees a record its KPI figures would not.
// The as-of moment T is the local midnight that starts the `cut` date in the organisation's
// time zone; only facts dated before T are used (stage changes at or before T; an outcome counts
// when the close is before T, otherwise the opportunity is still open at T).
import type { Dim } from '../metrics/types.js';
import type { SqlContext } from '../query/context.js';
import { dimExprFor, joinsSql, whereSql, type Join } from '../query/compile.js';
import type { FactDef } from '../query/facts/types.js';
import type { Filter, Scope } from '../query/query.js';
import { Params } from '../store/params.js';
import type { Store } from '../store/store.js';
import { AGE_BUCKETS, type CellSize, type HazardRow } from './forecast-model.js';

/** Which opportunities a forecast reads, and what it groups them by. */
export interface Selection {
  scope: Scope;
  filters: readonly Filter[];
  by: Dim | null;
}

/** The opportunities as a fact for scope, filters and group-by (the dimensions revenue has). */
const oppFact: FactDef = {
  id: 'forecast_opportunities',
  doc: 'opportunities as the forecast reads them',
  from: () => '',
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { source: 'x.source', channel: 'x.source', technique: 'x.technique', currency: 'x.currency' },
  measures: {},
  record: { id: 'x.opportunity_id', columns: {} },
};

/** Scoped, filtered opportunities `x` with their group (`grp`), the closing instant only for won/lost ones. */
function scoped(ctx: SqlContext, sel: Selection, p: Params, extraWhere: string[] = []): string {
  const joins = new Set<Join>();
  const grp = sel.by ? `CAST(${dimExprFor(oppFact, sel.by, joins)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
  const where = [...whereSql(oppFact, { filters: sel.filters, scope: sel.scope, buckets: [] }, ctx, p, joins), ...extraWhere];
  return `SELECT x.opportunity_id, x.created_at, x.status, x.stage AS record_stage, x.currency, x.value, x.value_rc,
    CASE WHEN x.status IN ('won', 'lost') THEN x.closed_at END AS closed_at, ${grp} AS grp
  FROM ${ctx.rel('opps')} x
  ${joinsSql(oppFact, joins)}
  ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
}

/** The instant a local date starts, for a date parameter. */
function instant(ctx: SqlContext, dateSql: string): string {
  return ctx.sql.instantOfLocal(ctx.tz, `CAST(${dateSql} AS TIMESTAMP)`);
}

function bucketSql(ageDays: string): string {
  return `CASE ${AGE_BUCKETS.map((b, i) => `WHEN ${ageDays} < ${b} THEN ${i}`).join(' ')} ELSE ${AGE_BUCKETS.length} END`;
}

/** Stays in a stage: from a stage change to the next one of the same opportunity (the stage at t is the stay with entered_at ≤ t < next_at). */
const STAYS = `SELECT opportunity_id, stage, entered_at,
  coalesce(lead(entered_at) OVER (PARTITION BY opportunity_id ORDER BY entered_at, stage), CAST('infinity' AS TIMESTAMPTZ)) AS next_at
  FROM stage_changes`;

/** A sum that does not depend on the order DuckDB adds in (parallel double sums can differ in the last bits), so results repeat exactly. */
const exactSum = (expr: string, where?: string) => `CAST(sum(CAST(${expr} AS DECIMAL(38, 6)))${where ? ` FILTER (WHERE ${where})` : ''} AS DOUBLE PRECISION)`;


export interface HazardTable {
  rows: HazardRow[];
  sizes: CellSize[];
}

/** Value of an opportunity `x` in reporting currency at the rates `r` (null without a rate). */
const valueAtRate = (ctx: SqlContext) => `x.value * CASE WHEN x.currency = ${ctx.cur} THEN 1.0 ELSE r.rate END`;

/** The latest rate of each currency on or before a day. */
const ratesCte = (rd: string) =>
  `rates AS (SELECT f.currency, max(f.rate) AS rate FROM fx_rates f JOIN (SELECT currency, max(date) AS date FROM fx_rates WHERE date <= ${rd} GROUP BY currency) l ON l.currency = f.currency AND l.date = f.date GROUP BY f.currency)`;

/**
 * Weekly snapshots at T − 7k days (k = 1 … weeks): each opportunity open at a snapshot, its stage
 * then (the last stage change at or before it) and age bucket, and how it ended relative to T. An
 * observation weighs the opportunity's value in reporting currency at the latest rate before T.
 */
export async function hazardTable(store: Store, ctx: SqlContext, sel: Selection, cut: string, weeks: number): Promise<HazardTable> {
  const p = new Params();
  const cutDate = `CAST(${p.add(cut)} AS DATE)`;
  const sql = `WITH t AS (SELECT ${instant(ctx, cutDate)} AS t),
${ratesCte(`${cutDate} - 1`)},
snaps AS (SELECT ${instant(ctx, `(${cutDate} - CAST(r.k * 7 AS INTEGER))`)} AS ts FROM generate_series(1, ${Math.max(1, Math.floor(weeks))}) r(k)),
x AS (SELECT x.*, ${valueAtRate(ctx)} AS v FROM (${scoped(ctx, sel, p, [`x.created_at < (SELECT t FROM t)`])}) x LEFT JOIN rates r ON r.currency = x.currency),
pairs AS (
  SELECT x.opportunity_id, s.ts, ${ctx.sql.daysBetweenInstants('x.created_at', 's.ts')} AS age, coalesce(x.v, 0) AS w,
    CASE WHEN x.closed_at < t.t THEN x.status ELSE 'open' END AS outcome,
    CAST(floor(${ctx.sql.daysBetweenInstants('s.ts', 'CASE WHEN x.closed_at < t.t THEN x.closed_at ELSE t.t END')}) AS INTEGER) AS day
  FROM x CROSS JOIN t JOIN snaps s ON x.created_at < s.ts AND (x.closed_at IS NULL OR x.closed_at >= s.ts)
),
obs AS (
  SELECT coalesce(sc.stage, '') AS stage, ${bucketSql('pairs.age')} AS age, pairs.day, pairs.outcome, pairs.opportunity_id, pairs.w
  FROM pairs LEFT JOIN (${STAYS}) sc ON sc.opportunity_id = pairs.opportunity_id AND sc.entered_at <= pairs.ts AND sc.next_at > pairs.ts
)
SELECT stage, age, day, outcome, ${exactSum('w')} AS n, count(DISTINCT opportunity_id) AS opps, grouping(stage, age, day, outcome) AS g
FROM obs GROUP BY GROUPING SETS ((stage, age, day, outcome), (stage, age), (stage), ())`;
  const raw = await store.query(sql, p.values);
  const rows: HazardRow[] = [];
  const sizes: CellSize[] = [];
  const num = (v: unknown) => (v === null ? null : Number(v));
  for (const r of raw) {
    const g = Number(r.g);
    if (g === 0) rows.push({ stage: String(r.stage), age: Number(r.age), day: Number(r.day), outcome: r.outcome as HazardRow['outcome'], n: Number(r.n) });
    else sizes.push({ stage: r.stage === null ? null : String(r.stage), age: num(r.age), opportunities: Number(r.opps) });
  }
  // A fixed order, so sums in JavaScript come out the same on every run.
  rows.sort((a, b) => (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : a.age - b.age || a.day - b.day || (a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0)));
  return { rows, sizes };
}

export interface PipelineCell {
  group: string | null;
  stage: string;
  age: number;
  count: number;
  /** Σ value and Σ value² in reporting currency at the latest rate before T. */
  value: number;
  valueSq: number;
  /** The stage's CRM probability (pipeline_stages.probability), when it has one. */
  crmProbability: number | null;
  /** Opportunities left out for lack of an exchange rate, and the first such currency. */
  fxMissing: number;
  fxNote: string | null;
}

/** The opportunities open at T (created before it, not closed before it), by group, stage and age bucket. */
export async function openPipeline(store: Store, ctx: SqlContext, sel: Selection, cut: string, live: boolean): Promise<PipelineCell[]> {
  const p = new Params();
  const cutDate = `CAST(${p.add(cut)} AS DATE)`;
  // Live, an opportunity without any stage history that is still open takes the stage on its record.
  const fallback = live ? `CASE WHEN x.closed_at IS NULL THEN x.record_stage END` : 'NULL';
  const sql = `WITH t AS (SELECT ${instant(ctx, cutDate)} AS t),
${ratesCte(`${cutDate} - 1`)},
x AS (SELECT y.*, t.t AS cut FROM (${scoped(ctx, sel, p)}) y CROSS JOIN t
      WHERE y.created_at < t.t AND (y.closed_at IS NULL OR y.closed_at >= t.t)),
o AS (
  SELECT x.grp, coalesce(sc.stage, ${fallback}, '') AS stage, ${bucketSql(ctx.sql.daysBetweenInstants('x.created_at', 'x.cut'))} AS age, x.currency,
    ${valueAtRate(ctx)} AS v
  FROM x LEFT JOIN (${STAYS}) sc ON sc.opportunity_id = x.opportunity_id AND sc.entered_at <= x.cut AND sc.next_at > x.cut
  LEFT JOIN rates r ON r.currency = x.currency
)
SELECT o.grp, o.stage, o.age, count(*) AS n, ${exactSum('o.v')} AS value, ${exactSum('o.v * o.v')} AS value_sq,
  any_value(st.probability) AS crm, count(*) FILTER (WHERE o.v IS NULL) AS fx_missing, min(o.currency) FILTER (WHERE o.v IS NULL) AS fx_note
FROM o LEFT JOIN ${ctx.rel('stages')} st ON st.stage = o.stage
GROUP BY o.grp, o.stage, o.age
ORDER BY o.grp NULLS FIRST, o.stage, o.age`;
  const raw = await store.query(sql, p.values);
  return raw.map((r) => ({
    group: r.grp === null ? null : String(r.grp),
    stage: String(r.stage),
    age: Number(r.age),
    count: Number(r.n),
    value: Number(r.value ?? 0),
    valueSq: Number(r.value_sq ?? 0),
    crmProbability: r.crm === null ? null : Number(r.crm),
    fxMissing: Number(r.fx_missing),
    fxNote: r.fx_note === null ? null : String(r.fx_note),
  }));
}

/** A past window: created in [createdFrom, end) and won in [wonFrom, end). */
export interface NewBusinessWindow {
  createdFrom: string;
  wonFrom: string;
  end: string;
}

export interface NewBusinessRow {
  window: number;
  group: string | null;
  /** Won value of the opportunities created and won in the window (reporting currency at the close day's rate), Σ value², wins. */
  value: number;
  valueSq: number;
  won: number;
  /** Opportunities created in the window. */
  created: number;
  /** Value won in [wonFrom, end) by opportunities created before createdFrom (the pipeline then). */
  pipelineWon: number;
}

/** Per window (index into `windows`) and group: the new business won in it, how many were created in it, and what the older pipeline won in it. */
export async function newBusiness(store: Store, ctx: SqlContext, sel: Selection, windows: readonly NewBusinessWindow[]): Promise<NewBusinessRow[]> {
  if (!windows.length) return [];
  const p = new Params();
  const d = (s: string) => `CAST(${p.add(s)} AS DATE)`;
  const values = windows.map((w, i) => `(${i}, ${d(w.createdFrom)}, ${d(w.wonFrom)}, ${d(w.end)})`).join(', ');
  const won = `x.status = 'won' AND x.created_at >= w.c AND x.closed_at >= w.s AND x.closed_at < w.e`;
  const pipeWon = `x.status = 'won' AND x.created_at < w.c AND x.closed_at >= w.s AND x.closed_at < w.e`;
  const sql = `WITH w AS (SELECT k, ${instant(ctx, 'c')} AS c, ${instant(ctx, 's')} AS s, ${instant(ctx, 'e')} AS e
  FROM (VALUES ${values}) w(k, c, s, e)),
x AS (${scoped(ctx, sel, p)})
SELECT w.k, x.grp, ${exactSum('x.value_rc', won)} AS value, ${exactSum('x.value_rc * x.value_rc', won)} AS value_sq,
  count(*) FILTER (WHERE ${won}) AS won, count(*) FILTER (WHERE x.created_at >= w.c) AS created,
  ${exactSum('x.value_rc', pipeWon)} AS pipeline_won
FROM w JOIN x ON x.created_at < w.e AND (x.created_at >= w.c OR x.closed_at >= w.s)
GROUP BY w.k, x.grp
ORDER BY w.k, x.grp NULLS FIRST`;
  const raw = await store.query(sql, p.values);
  return raw.map((r) => ({
    window: Number(r.k),
    group: r.grp === null ? null : String(r.grp),
    value: Number(r.value ?? 0),
    valueSq: Number(r.value_sq ?? 0),
    won: Number(r.won),
    created: Number(r.created),
    pipelineWon: Number(r.pipeline_won ?? 0),
  }));
}

/** The local day of the first opportunity the selection sees (null when it sees none). */
export async function firstCreatedDay(store: Store, ctx: SqlContext, sel: Selection): Promise<string | null> {
  const p = new Params();
  const rows = await store.query(`SELECT CAST(min(${ctx.sql.localOfInstant(ctx.tz, 'x.created_at')}) AS DATE) AS d FROM (${scoped(ctx, sel, p)}) x`, p.values);
  return rows[0]?.d === null || rows[0]?.d === undefined ? null : String(rows[0].d);
}

/** Opportunities the selection sees created in each [from, to) of local dates. */
export async function createdCounts(store: Store, ctx: SqlContext, sel: Selection, spans: readonly { from: string; to: string }[]): Promise<number[]> {
  if (!spans.length) return [];
  const p = new Params();
  const values = spans.map((s, i) => `(${i}, CAST(${p.add(s.from)} AS DATE), CAST(${p.add(s.to)} AS DATE))`).join(', ');
  const sql = `WITH w AS (SELECT k, ${instant(ctx, 'f')} AS f, ${instant(ctx, 't')} AS t FROM (VALUES ${values}) w(k, f, t)),
x AS (${scoped(ctx, sel, p)})
SELECT w.k, count(x.opportunity_id) AS n FROM w LEFT JOIN x ON x.created_at >= w.f AND x.created_at < w.t GROUP BY w.k ORDER BY w.k`;
  const rows = await store.query(sql, p.values);
  const out = spans.map(() => 0);
  for (const r of rows) out[Number(r.k)] = Number(r.n);
  return out;
}
