// Turns staged text into typed columns of an entity, by SQL: for each field `f` the typed
// table holds `f` (the mapped text, trimmed, empty → NULL) and `f__v` (the parsed value, or
// NULL where the text does not parse). Validation then compares the two.
import type { EntityDef } from '../model/entities.js';
import type { Field } from '../model/fields.js';
import { sqlType } from '../model/fields.js';
import { Params } from '../store/params.js';
import { quoteIdent } from '../store/sql.js';
import { toStrptime, type EntityMapping } from './mapping.js';
import { stagedColumn } from './readers/staged.js';

export interface TypingContext {
  timezone: string;
  decimalComma: boolean;
}

/** Where each canonical field comes from: a staged column index, or absent. */
export type Resolution = Map<string, number | null>;

/**
 * Leading and trailing spaces, ordinary and non-breaking (which Excel and web pages put in), are
 * not part of a value. One definition for both paths, so the fast path's check (below) is exact.
 */
export function trimmed(x: string): string {
  return `trim(${x}, ' ' || chr(160))`;
}

function integerText(x: string, ctx: TypingContext): string {
  const t = `replace(${x}, ' ', '')`;
  return ctx.decimalComma ? `replace(${t}, '.', '')` : t;
}

/** A number's text cast to `type`; spaces inside (1 234.50) are thousands separators. */
function numberCast(x: string, type: string, ctx: TypingContext): string {
  const t = `replace(${x}, ' ', '')`;
  if (ctx.decimalComma) return `try_cast(replace(replace(${t}, '.', ''), ',', '.') AS ${type})`;
  // Most values have no spaces: cast them as they are, and remove spaces only from the rest.
  return `coalesce(try_cast(${x} AS ${type}), try_cast(${t} AS ${type}))`;
}

function typedExpr(f: Field, x: string, mapping: EntityMapping, ctx: TypingContext, p: Params): string {
  const format = mapping.formats[f.name];
  switch (f.kind) {
    case 'id':
    case 'text':
    case 'email':
      return x;
    case 'enum':
      return `lower(${x})`;
    case 'currency':
      return `upper(${x})`;
    case 'money':
      return numberCast(x, sqlType.money, ctx);
    case 'decimal':
      return `CASE WHEN isfinite(${numberCast(x, 'DOUBLE PRECISION', ctx)}) THEN ${numberCast(x, 'DOUBLE PRECISION', ctx)} END`;
    case 'integer':
      return `CASE WHEN regexp_full_match(${integerText(x, ctx)}, '[+-]?[0-9]+') THEN try_cast(${integerText(x, ctx)} AS BIGINT) END`;
    case 'date':
      if (format === 'excel') return `CASE WHEN regexp_full_match(${x}, '[0-9]+(\\.0+)?') THEN DATE '1899-12-30' + CAST(try_cast(${x} AS DOUBLE PRECISION) AS INTEGER) END`;
      if (format) return `CAST(try_strptime(${x}, ${p.add(toStrptime(format))}) AS DATE)`;
      return `coalesce(try_cast(${x} AS DATE), CASE WHEN regexp_matches(${x}, '^\\d{4}-\\d{2}-\\d{2}[T ]') THEN CAST(try_cast(${x} AS TIMESTAMP) AS DATE) END)`;
    case 'timestamp': {
      // Typing runs with the session time zone set to the organisation's (see withSessionTimeZone),
      // so a cast reads values without an offset as local time and values with one as instants.
      if (format === 'excel') {
        return `timezone(${p.add(ctx.timezone)}, TIMESTAMP '1899-12-30 00:00:00' + to_microseconds(CAST(round(try_cast(${x} AS DOUBLE PRECISION) * 86400000000) AS BIGINT)))`;
      }
      if (format) return `timezone(${p.add(ctx.timezone)}, try_strptime(${x}, ${p.add(toStrptime(format))}))`;
      return `try_cast(${x} AS TIMESTAMPTZ)`;
    }
  }
}

/**
 * The query that reads a source (`s`, with text columns c1…cN) and yields, for each field,
 * `f` (mapped text) and `f__v` (parsed value), plus `_row` when the source has it.
 */
export function typedSelect(
  def: EntityDef,
  source: string,
  withRow: boolean,
  resolution: Resolution,
  mapping: EntityMapping,
  ctx: TypingContext,
  valueMapTable: string | null,
  p: Params,
  untrimmed = false,
): string {
  const joins: string[] = [];
  const rawCols: string[] = [];
  def.fields.forEach((f, i) => {
    const idx = resolution.get(f.name);
    // Untrimmed (the fast path), text keeps its spaces and untrimmedChecks() rejects such rows:
    // projecting trim() of every column costs a fifth of a large import, comparing with it little.
    const col = `s.${stagedColumn(idx ?? 0)}`;
    let raw = idx === null || idx === undefined ? 'NULL' : untrimmed ? `NULLIF(${col}, '')` : `NULLIF(${trimmed(col)}, '')`;
    if (valueMapTable && mapping.values[f.name]) {
      const alias = `vm${i}`;
      joins.push(`LEFT JOIN ${valueMapTable} ${alias} ON ${alias}.col = ${p.add(f.name)} AND ${alias}.src = lower(${raw})`);
      raw = `coalesce(${alias}.dst, ${raw})`;
    }
    const dflt = mapping.defaults[f.name];
    if (dflt !== undefined) raw = `coalesce(${raw}, ${p.add(dflt)})`;
    rawCols.push(`CAST(${raw} AS VARCHAR) AS ${quoteIdent(f.name)}`);
  });
  const typedCols = def.fields.map((f) => `${typedExpr(f, quoteIdent(f.name), mapping, ctx, p)} AS ${quoteIdent(f.name + '__v')}`);
  return `SELECT m.*, ${typedCols.join(', ')} FROM (SELECT ${withRow ? 's._row, ' : ''}${rawCols.join(', ')} FROM ${source} s ${joins.join(' ')}) m`;
}

/**
 * For an untrimmed typedSelect: conditions true for a row where an id or text field has spaces
 * to trim. Other kinds need none: casts read a value with spaces around it as without them, or
 * fail (and the row fails its bad_value check); enums, currencies and e-mails with spaces are
 * not in their list or pattern.
 */
export function untrimmedChecks(def: EntityDef, resolution: Resolution): string[] {
  return def.fields
    .filter((f) => (f.kind === 'id' || f.kind === 'text') && typeof resolution.get(f.name) === 'number')
    .map((f) => {
      const c = quoteIdent(f.name);
      // Byte comparisons at both ends: an exact test for what trimmed() removes, at half the cost.
      return [`' '`, 'chr(160)'].map((sp) => `starts_with(${c}, ${sp}) OR ends_with(${c}, ${sp})`).join(' OR ');
    });
}

/** Runs `fn` with the DuckDB session time zone set to the organisation's, then back to UTC. */
export async function withSessionTimeZone<T>(exec: (sql: string) => Promise<void>, timezone: string, fn: () => Promise<T>): Promise<T> {
  // The name was validated as an IANA zone when the setting was stored; checked again here
  // because SET takes no parameters.
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timezone)) throw new Error(`invalid time zone name ${timezone}`);
  await exec(`SET TimeZone = '${timezone}'`);
  try {
    return await fn();
  } finally {
    // In a transaction aborted by a failed statement SET fails too; the import resets the
    // session after its rollback (resetSession).
    await exec(`SET TimeZone = 'UTC'`).catch(() => {});
  }
}
