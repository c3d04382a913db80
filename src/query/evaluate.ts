// Turns measures (fact query results) into KPI values: evaluates a KPI's formula per (bucket,
// group), with null and a status when it cannot be computed, Wilson intervals for rates,
// values beside (median, p90), growth against the previous period and attainment of targets.
import type { EntityName } from '../model/fields.js';
import type { Dim, Expr, KpiDef, MeasureId } from '../metrics/types.js';
import type { Bucket } from './buckets.js';
import { daysBetween } from './periods.js';
import { wilson } from './stats.js';
import { PEOPLE } from './facts/types.js';
import { targetMeasures, type TargetLevel } from './facts/people.js';

export type Status = 'ok' | 'no_data' | 'zero_denominator' | 'missing_fx_rate' | 'no_target' | 'out_of_scope' | `needs_${EntityName}`;

export interface Cell {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number | null;
  ci95: [number, number] | null;
  status: Status;
  message?: string;
  beside?: Record<string, number | null>;
}

export type MeasureRow = Record<string, number | string | null>;

/** One fact query's result: rows per bucket key and group key (JSON of the fact's dimension values). */
export interface MeasureTable {
  dims: readonly Dim[];
  rows: Map<string, Map<string, MeasureRow>>;
}

export interface EvalInput {
  /** Fact query results by plan key (see planKey). */
  tables: Map<string, MeasureTable>;
  factDims: (factId: string) => readonly Dim[];
  /** Entities with no rows at all in the store. */
  emptyEntities: ReadonlySet<string>;
  /** Facts hidden by a restricted scope (they have no rep). */
  hiddenFacts: ReadonlySet<string>;
  /** Dimensions the query filters on (they choose the level of targets too). */
  filterDims: readonly Dim[];
  buckets: Map<string, Bucket>;
}

export function planKey(factId: string, dims: readonly Dim[]): string {
  return `${factId}|${dims.join(',')}`;
}

export function factOf(id: MeasureId): string {
  return id.slice(0, id.indexOf('.'));
}

const cellOf = (status: Status, message?: string): Cell => ({ value: null, numerator: null, denominator: null, n: null, ci95: null, status, ...(message ? { message } : {}) });

export class Evaluator {
  constructor(private readonly input: EvalInput) {}

  /** The dimensions of a KPI's measures from a fact, given the dimensions the rows are split by. */
  private dimsFor(factId: string, groupDims: readonly Dim[]): Dim[] {
    const has = this.input.factDims(factId);
    return groupDims.filter((d) => has.includes(d));
  }

  private table(factId: string, groupDims: readonly Dim[]): { t: MeasureTable | undefined; dims: Dim[] } {
    const dims = this.dimsFor(factId, groupDims);
    return { t: this.input.tables.get(planKey(factId, dims)), dims };
  }

  /** The row of a fact's measures for a bucket and a group (projected onto the fact's dimensions). */
  private row(factId: string, bucket: string, groupDims: readonly Dim[], group: readonly (string | null)[]): MeasureRow | undefined {
    const { t, dims } = this.table(factId, groupDims);
    const key = JSON.stringify(dims.map((d) => group[groupDims.indexOf(d)]));
    return t?.rows.get(bucket)?.get(key);
  }

  /** Group value lists present in a bucket for facts carrying every group dimension (else in any fact). */
  groups(factIds: readonly string[], bucket: string, groupDims: readonly Dim[]): (string | null)[][] {
    if (groupDims.length === 0) return [[]];
    const full = factIds.filter((f) => this.dimsFor(f, groupDims).length === groupDims.length);
    const seen = new Map<string, (string | null)[]>();
    for (const f of full.length ? full : factIds) {
      const { t, dims } = this.table(f, groupDims);
      for (const key of t?.rows.get(bucket)?.keys() ?? []) {
        const vals = JSON.parse(key) as (string | null)[];
        const group = groupDims.map((d) => (dims.includes(d) ? vals[dims.indexOf(d)] : null));
        // targets of another level (a company target in a split by rep) make no row of their own
        if (f === 'targets' && group.every((v) => v === null)) continue;
        if (dims.length === groupDims.length) seen.set(JSON.stringify(group), group);
      }
    }
    return [...seen.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }

  private measure(id: MeasureId, bucket: string, groupDims: readonly Dim[], group: readonly (string | null)[], fx: string[]): number {
    const r = this.row(factOf(id), bucket, groupDims, group);
    const name = id.slice(id.indexOf('.') + 1);
    const note = r?.[name + '__fx'];
    if (typeof note === 'string') fx.push(note);
    const v = r?.[name];
    return typeof v === 'number' ? v : 0;
  }

  private expr(e: Expr, bucket: string, groupDims: readonly Dim[], group: readonly (string | null)[], fx: string[]): number | null {
    switch (e.kind) {
      case 'measure':
        return this.measure(e.id, bucket, groupDims, group, fx);
      case 'const':
        return e.value;
      case 'months': {
        const p = this.input.buckets.get(bucket)!.period;
        return daysBetween(p.start, p.end) / 30.436875;
      }
      case 'op': {
        const a = this.expr(e.a, bucket, groupDims, group, fx);
        const b = this.expr(e.b, bucket, groupDims, group, fx);
        if (a === null || b === null) return null;
        if (e.op === '+') return a + b;
        if (e.op === '-') return a - b;
        if (e.op === '*') return a * b;
        return b === 0 ? null : a / b;
      }
    }
  }

  /** A status that applies before any number: missing data or a scope that hides the KPI's facts. */
  precondition(k: KpiDef, factIds: readonly string[]): Cell | undefined {
    for (const e of k.needs) if (this.input.emptyEntities.has(e)) return cellOf(`needs_${e}`, `${k.id} needs ${e} data; none is imported`);
    const hidden = factIds.find((f) => this.input.hiddenFacts.has(f));
    if (hidden) return cellOf('out_of_scope', `${k.id} reads company-wide data (${hidden}) outside the reps this user may see`);
    return undefined;
  }

  /** The value of a KPI with a total or ratio formula. */
  formulaCell(k: KpiDef, bucket: string, groupDims: readonly Dim[], group: readonly (string | null)[]): Cell {
    const f = k.formula;
    const fx: string[] = [];
    let cell: Cell;
    if (f.kind === 'total') {
      const v = this.expr(f.of, bucket, groupDims, group, fx);
      cell = { value: v, numerator: null, denominator: null, n: null, ci95: null, status: 'ok' };
    } else if (f.kind === 'ratio') {
      const num = this.expr(f.num, bucket, groupDims, group, fx);
      const den = this.expr(f.den, bucket, groupDims, group, fx);
      const beside: Record<string, number | null> = {};
      for (const [name, e] of Object.entries(f.beside ?? {})) beside[name] = den ? this.expr(e, bucket, groupDims, group, fx) : null;
      const counted = f.style !== 'plain';
      cell = {
        value: num !== null && den ? (num / den) * (f.scale ?? 1) : null,
        numerator: num,
        denominator: den,
        n: counted ? den : null,
        ci95: f.style === 'rate' && num !== null && den ? wilson(num, den) : null,
        status: den ? 'ok' : f.style === 'mean' ? 'no_data' : 'zero_denominator',
        ...(f.beside ? { beside } : {}),
      };
      if (num === null && den) cell.status = 'zero_denominator';
    } else {
      throw new Error(`formula ${f.kind} is evaluated by the engine`);
    }
    if (fx.length) {
      const first = [...fx].sort()[0];
      return { ...cellOf('missing_fx_rate', `no exchange rate for ${first} in fx_rates (reporting-currency units per 1 unit)`), numerator: cell.numerator, denominator: cell.denominator };
    }
    return cell;
  }

  /** The level of targets a row compares with: the finest people dimension it is split or filtered by. */
  targetLevel(groupDims: readonly Dim[]): TargetLevel[] | null {
    const used = new Set<Dim>([...groupDims, ...this.input.filterDims]);
    if ([...used].some((d) => !(PEOPLE as readonly string[]).includes(d))) return null;
    if (used.has('rep')) return ['rep'];
    if (used.has('team') || used.has('manager') || used.has('region')) return ['team', 'rep'];
    return ['company', 'team', 'rep'];
  }

  /** The target of a KPI for a bucket and group, prorated by days; null when there is none. */
  target(k: KpiDef, bucket: string, groupDims: readonly Dim[], group: readonly (string | null)[]): number | null {
    const levels = this.targetLevel(groupDims);
    if (!levels) return null;
    const r = this.row('targets', bucket, groupDims, group);
    if (!r) return null;
    for (const level of levels) {
      const names = targetMeasures(k.id, level);
      const days = Number(r[names.days] ?? 0);
      if (!days) continue;
      return k.additive ? Number(r[names.sum]) : Number(r[names.weighted]) / days;
    }
    return null;
  }
}
