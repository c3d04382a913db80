// Turns staged text into typed columns of an entity, by SQL: for each field `f` the typed
// table holds `f` (the mapped text, trimmed, empty → NULL) and `f__v` (the parsed value, or
// NULL where the text does not parse). Validation then compares the two.
import type { EntityDef } from '../model/entities.js';
import type { Field } from '../model/fields.js';
import { sqlType } from '../model/fields.js';
import { Params } from '../store/params.js';
import { quoteIdent } from '../store/sql.js';
import { dayMonthOrder, toStrptime, type EntityMapping } from './mapping.js';
import { stagedColumn } from './readers/staged.js';
import { factorKey } from './columns.js';

export interface TypingContext {
  timezone: string;
  decimalComma: boolean;
}

/**
 * Where each canonical field comes from: staged column indexes (several: the first non-empty
 * value, or with the mapping's `join` all of them joined), or absent. Keys `field#factor` hold
 * the column of a field's factor (mapping `factor`).
 */
export type Resolution = Map<string, number[] | null>;

/**
 * A stable id from a name: lower case without accents, runs of anything but a-z 0-9 @ . _ -
 * become one "-" ("Jürgen Müller" → "jurgen-muller"; an e-mail stays as it is, lower-cased).
 */
export function slugExpr(x: string): string {
  return `NULLIF(trim(regexp_replace(replace(lower(strip_accents(${x})), 'ß', 'ss'), '[^a-z0-9@._-]+', '-', 'g'), '-'), '')`;
}

function transformExpr(t: 'slug' | 'lower' | 'upper', x: string): string {
  if (t === 'slug') return slugExpr(x);
  return `${t}(${x})`;
}

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

/** The SQL factor a number field is multiplied by (mapping `scale` and `factor`), or null. */
function multiplier(f: Field, mapping: EntityMapping, p: Params): string | null {
  const parts: string[] = [];
  const scale = mapping.scale?.[f.name];
  if (scale !== undefined && scale !== 1) parts.push(`CAST(${p.add(scale)} AS DOUBLE PRECISION)`);
  if (mapping.factor?.[f.name]) parts.push(quoteIdent(f.name + '__f'));
  return parts.length ? parts.join(' * ') : null;
}

function typedExpr(f: Field, x: string, mapping: EntityMapping, ctx: TypingContext, p: Params): string {
  const format = mapping.formats[f.name];
  const mult = f.kind === 'money' || f.kind === 'decimal' ? multiplier(f, mapping, p) : null;
  if (mult && f.kind === 'money') return `try_cast(round(${numberCast(x, 'DOUBLE PRECISION', ctx)} * ${mult}, 4) AS ${sqlType.money})`;
  if (mult) {
    const n = `(${numberCast(x, 'DOUBLE PRECISION', ctx)} * ${mult})`;
    return `CASE WHEN isfinite(${n}) THEN ${n} END`;
  }
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
  const { joins, raw, extra } = sourceTexts(def, resolution, mapping, valueMapTable, p, untrimmed);
  const rawCols = def.fields.map((f) => `CAST(${raw.get(f.name)!.final} AS VARCHAR) AS ${quoteIdent(f.name)}`);
  const typedCols = def.fields.map((f) => `${typedExpr(f, quoteIdent(f.name), mapping, ctx, p)} AS ${quoteIdent(f.name + '__v')}`);
  // A date format with day and month as numbers: whether the text parses with the two swapped,
  // so a value that contradicts the format is told apart (rules.ts).
  for (const f of def.fields) {
    const format = mapping.formats[f.name];
    const order = format && (f.kind === 'date' || f.kind === 'timestamp') ? dayMonthOrder(format) : null;
    if (order) typedCols.push(`try_strptime(${quoteIdent(f.name)}, ${p.add(toStrptime(order.swapped))}) IS NOT NULL AS ${quoteIdent(f.name + '__dm')}`);
  }
  return `SELECT m.*, ${typedCols.join(', ')} FROM (SELECT ${withRow ? 's._row, ' : ''}${[...rawCols, ...extra].join(', ')} FROM ${source} s ${joins.join(' ')}) m`;
}

export interface FieldText {
  /** The text after value maps and defaults, before `transform` and `when`. */
  mapped: string;
  /** The field's text as typed and checked. */
  final: string;
}

/**
 * SQL for each field's text from a source `s` (text columns c1…cN): its columns (first
 * non-empty, or joined), value maps (with "*"), defaults, transform and `when`; plus the
 * factor columns (`f__f`) of number fields, and the joins to the value map table they need.
 */
export function sourceTexts(
  def: EntityDef,
  resolution: Resolution,
  mapping: EntityMapping,
  valueMapTable: string | null,
  p: Params,
  untrimmed = false,
): { joins: string[]; raw: Map<string, FieldText>; extra: string[] } {
  const joins: string[] = [];
  const raw = new Map<string, FieldText>();
  // Untrimmed (the fast path), text keeps its spaces and untrimmedChecks() rejects such rows:
  // projecting trim() of every column costs a fifth of a large import, comparing with it little.
  const column = (i: number, trim: boolean) => (trim ? `NULLIF(${trimmed(`s.${stagedColumn(i)}`)}, '')` : `NULLIF(s.${stagedColumn(i)}, '')`);
  def.fields.forEach((f, i) => {
    const idx = resolution.get(f.name);
    // A catch-all value map ("*") must see trimmed text, or " Won" would become the catch-all's value.
    const trim = !untrimmed || mapping.values[f.name]?.['*'] !== undefined;
    let text: string;
    if (!idx || idx.length === 0) text = 'NULL';
    else if (mapping.join?.[f.name]) {
      text = `NULLIF(${idx.map((c) => `coalesce(${column(c, true)}, '')`).join(` || '|' || `)}, ${p.add('|'.repeat(idx.length - 1))})`;
    } else if (idx.length === 1) text = column(idx[0], trim);
    else text = `coalesce(${idx.map((c) => column(c, trim)).join(', ')})`;
    const values = mapping.values[f.name];
    if (valueMapTable && values) {
      const alias = `vm${i}`;
      joins.push(`LEFT JOIN ${valueMapTable} ${alias} ON ${alias}.col = ${p.add(f.name)} AND ${alias}.src = lower(${text})`);
      const other = values['*'];
      text = other === undefined ? `coalesce(${alias}.dst, ${text})` : `coalesce(${alias}.dst, CASE WHEN ${text} IS NOT NULL THEN ${p.add(other)} END)`;
    }
    const dflt = mapping.defaults[f.name];
    if (dflt !== undefined) text = `coalesce(${text}, ${p.add(dflt)})`;
    const t = mapping.transform?.[f.name];
    raw.set(f.name, { mapped: text, final: t ? transformExpr(t, text) : text });
  });
  for (const [field, cond] of Object.entries(mapping.when ?? {})) {
    const own = raw.get(field);
    const other = raw.get(cond.field);
    if (!own || !other) continue;
    const list = cond.in.map((v) => p.add(v.toLowerCase())).join(', ');
    own.final = `CASE WHEN lower(${other.final}) IN (${list}) THEN ${own.final} END`;
  }
  const extra: string[] = [];
  def.fields.forEach((f, i) => {
    if (!mapping.factor?.[f.name]) return;
    const idx = resolution.get(factorKey(f.name));
    let factor = '1';
    if (valueMapTable && idx && idx.length) {
      const alias = `fm${i}`;
      const text = idx.length === 1 ? column(idx[0], true) : `coalesce(${idx.map((c) => column(c, true)).join(', ')})`;
      joins.push(`LEFT JOIN ${valueMapTable} ${alias} ON ${alias}.col = ${p.add(factorKey(f.name))} AND ${alias}.src = lower(${text})`);
      factor = `coalesce(try_cast(${alias}.dst AS DOUBLE PRECISION), 1)`;
    }
    extra.push(`CAST(${factor} AS DOUBLE PRECISION) AS ${quoteIdent(f.name + '__f')}`);
  });
  return { joins, raw, extra };
}

/**
 * For an untrimmed typedSelect: conditions true for a row where an id or text field has spaces
 * to trim. Other kinds need none: casts read a value with spaces around it as without them, or
 * fail (and the row fails its bad_value check); enums, currencies and e-mails with spaces are
 * not in their list or pattern.
 */
export function untrimmedChecks(def: EntityDef, resolution: Resolution): string[] {
  return def.fields
    .filter((f) => (f.kind === 'id' || f.kind === 'text') && (resolution.get(f.name)?.length ?? 0) > 0)
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
