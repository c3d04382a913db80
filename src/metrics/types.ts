// The shape of a KPI definition: a small declarative object. The formula is a tiny expression
// over MEASURES of FACTS (src/query/facts/); the query layer turns it into SQL and numbers.
import type { EntityName } from '../model/fields.js';

export type Unit = 'money' | 'ratio' | 'count' | 'days' | 'points';
export type Direction = 'higher' | 'lower';
export type Family = 'revenue' | 'pipeline' | 'activity' | 'customers';
export type Lang = 'en' | 'de' | 'nl' | 'tr';
export const LANGS: readonly Lang[] = ['en', 'de', 'nl', 'tr'];

/** Dimensions a KPI can be split or filtered by (the period is the grain, not a dimension). */
export const DIMENSIONS = [
  'rep',
  'team',
  'manager',
  'region',
  'product',
  'product_line',
  'source',
  'channel',
  'segment',
  'industry',
  'technique',
  'currency',
  'stage',
  'activity_type',
  /** The month (YYYY-MM, local calendar) an opportunity was created: its cohort (stage KPIs). */
  'cohort_month',
] as const;
export type Dim = (typeof DIMENSIONS)[number];

/** A measure of a fact: `fact.measure`, e.g. `closed_opportunities.won_count`. */
export type MeasureId = `${string}.${string}`;

/** An arithmetic expression over measures, evaluated per (period bucket, group). */
export type Expr =
  | { kind: 'measure'; id: MeasureId }
  | { kind: 'const'; value: number }
  /** Length of the bucket in months (days ÷ 30.436875), for per-month rates. */
  | { kind: 'months' }
  | { kind: 'op'; op: '+' | '-' | '*' | '/'; a: Expr; b: Expr };

export type Formula =
  /** A sum or count: the measure itself. */
  | { kind: 'total'; of: Expr }
  /**
   * num ÷ den (× scale). `rate` ratios of two counts get a Wilson 95% interval; `mean` ratios
   * are averages (an empty set is no_data rather than zero_denominator).
   */
  | { kind: 'ratio'; num: Expr; den: Expr; scale?: number; style: 'rate' | 'mean' | 'plain'; beside?: Record<string, Expr> }
  /** (value − value of the previous period) ÷ value of the previous period, of another KPI. */
  | { kind: 'growth'; of: string }
  /** Another KPI's value ÷ its target for the same scope and period. */
  | { kind: 'attainment'; of: string }
  /** Every KPI that has targets in the period, each ÷ its target (an implicit `kpi` split). */
  | { kind: 'all_attainments' };

export interface KpiDef {
  id: string;
  family: Family;
  unit: Unit;
  direction: Direction;
  /** Entities whose data the KPI needs; when one is empty the KPI reports needs_<entity>. */
  needs: readonly EntityName[];
  /** Dimensions it can be split and filtered by. */
  dimensions: readonly Dim[];
  /** Dimensions every row is split by, whether asked or not (per stage, per activity type). */
  implicit?: readonly Dim[];
  /** Sums over records (targets of shorter periods add up); otherwise targets average by days. */
  additive: boolean;
  formula: Formula;
  /** The formula in words for the docs. */
  formulaText: string;
  /** Where the spec left a choice: the rule chosen. */
  rules?: string;
}

export interface KpiText {
  name: string;
  definition: string;
}

// Small constructors so KPI files read like formulas.
export const m = (id: MeasureId): Expr => ({ kind: 'measure', id });
export const k = (value: number): Expr => ({ kind: 'const', value });
export const add = (a: Expr, b: Expr): Expr => ({ kind: 'op', op: '+', a, b });
export const sub = (a: Expr, b: Expr): Expr => ({ kind: 'op', op: '-', a, b });
export const mul = (a: Expr, b: Expr): Expr => ({ kind: 'op', op: '*', a, b });
export const div = (a: Expr, b: Expr): Expr => ({ kind: 'op', op: '/', a, b });
export const MONTHS: Expr = { kind: 'months' };

/** Every measure an expression reads. */
export function measuresOf(e: Expr): MeasureId[] {
  if (e.kind === 'measure') return [e.id];
  if (e.kind === 'op') return [...measuresOf(e.a), ...measuresOf(e.b)];
  return [];
}

export const OPP_DIMS: readonly Dim[] = ['rep', 'team', 'manager', 'region', 'source', 'channel', 'segment', 'industry', 'technique', 'currency'];
export const PEOPLE_DIMS: readonly Dim[] = ['rep', 'team', 'manager', 'region'];
