// A fact: the records a family of KPIs counts, when each record counts (its attribution in
// time, joined to the period buckets `b`), which rep it belongs to (access scope), the
// dimensions it can be split by and the measures (aggregates) KPIs read from it.
import type { Dim } from '../../metrics/types.js';
import type { SqlContext } from '../context.js';

export interface MeasureDef {
  agg: 'count' | 'sum' | 'count_distinct' | 'median' | 'p90';
  /** The value aggregated (not for count). */
  expr?: string;
  /** Which records count (SQL over the fact's columns). */
  where?: string;
  /** A money measure: rows without an exchange rate make the value unknown. */
  money?: boolean;
}

/** How a fact's rows meet the buckets: `b(k, s, e, rd, si, ei)` — local dates s..e, rate day rd, instants si..ei. */
export interface FactDef {
  id: string;
  doc: string;
  /**
   * FROM clause (with joins) whose rows are (record × bucket it counts in); alias the main
   * record `x`. May use ctx.rel(...) and the bucket columns.
   */
  from(ctx: SqlContext): string;
  /** A cheap prefilter on the records for the whole range of buckets: `lo`/`hi` are min si / max ei. */
  range?: (lo: string, hi: string) => string;
  /** The rep a record belongs to, for access scope; null when the fact has no rep (then a restricted scope sees none). */
  rep: string | null;
  /** The team of a record when it is not the rep's team (targets of teams). */
  team?: string;
  /** The account of a record, for segment and industry. */
  account?: string;
  /** Dimensions read directly from the fact's columns. */
  dims: Partial<Record<Dim, string>>;
  measures: Record<string, MeasureDef>;
  /** For money measures: which rows lack a rate, and a note naming currency and day. */
  fx?: { missing: string; note: string };
  /** Drill-down: the record's id and the columns listed for it. */
  record: { id: string; columns: Record<string, string> };
}

/** Dimensions any fact with a rep gets through the reps and teams tables. */
export const PEOPLE = ['rep', 'team', 'manager', 'region'] as const;
/** Dimensions any fact with an account gets through the accounts table. */
export const ACCOUNT = ['segment', 'industry'] as const;

/**
 * Standard flow attribution: the record counts in the bucket containing its instant. The join
 * is a marker that the compiler resolves for the query's buckets (compile.ts, resolveFlowJoins):
 * an equality join on the one bucket the instant falls in when buckets do not overlap (a range
 * join over 10M rows costs three times as much), else a range join.
 */
export function flowJoin(instant: string): string {
  if (instant.includes('>>')) throw new Error(`not an instant expression: ${instant}`);
  return `FLOW_JOIN<<${instant}>>`;
}

export const FLOW_JOIN = /FLOW_JOIN<<(.+?)>>/g;
