// Checks an import makes on every row, as SQL conditions over the typed table (see typing.ts):
// `f` is a field's text, `f__v` its parsed value. A condition is true for a BAD row.
import type { EntityDef } from '../model/entities.js';
import type { Field } from '../model/fields.js';
import { expectedText } from '../model/fields.js';
import { currencyCodes } from '../model/currencies.js';
import { constLiteral, quoteIdent } from '../store/sql.js';
import type { ProblemCode } from './problems.js';
import { dayMonthOrder, sourceNames, type EntityMapping } from './mapping.js';

export interface RowCheck {
  code: ProblemCode;
  column: string;
  /** SQL condition, true when the row is bad. */
  bad: string;
  expected: string;
}

const raw = (f: string) => quoteIdent(f);
const val = (f: string) => quoteIdent(f + '__v');
const CURRENCY_LIST = currencyCodes().map(constLiteral).join(', ');

function parseExpectation(f: Field, mapping: EntityMapping, decimalComma: boolean): string {
  const format = mapping.formats[f.name];
  if (format === 'excel') return 'an Excel date serial number like 46112';
  if (format && (f.kind === 'date' || f.kind === 'timestamp')) return `a date in the format ${format}`;
  if ((f.kind === 'money' || f.kind === 'decimal') && decimalComma) return expectedText[f.kind].replace('1234.50', '1234,50').replace('0.25', '0,25');
  return expectedText[f.kind];
}

/**
 * For a value that does not fit a format with day and month as numbers but fits it with the two
 * swapped (15/3/2024 under M/D/YYYY): what the mapping assumes and how to change it.
 */
function swappedExpectation(f: Field, mapping: EntityMapping, format: string, order: { first: 'month' | 'day'; swapped: string }): string {
  const other = order.first === 'month' ? 'day' : 'month';
  const source = sourceNames(mapping.columns[f.name]);
  const from = source.length ? ` (column ${source.map((c) => `"${c}"`).join(' or ')})` : '';
  const origin = mapping.origin ? ` ${mapping.origin}` : '';
  return `a date in the format ${format}${from}: ${order.first} first, as the mapping${origin} assumes; this value has the ${other} first. If the file writes the ${other} first, set "formats": {"${f.name}": "${order.swapped}"} in a copy of the mapping and import with --map (or --preset) and the copy`;
}

function rangeText(f: Field): string {
  if (f.greaterThan !== undefined) return `a number greater than ${f.greaterThan}`;
  if (f.min !== undefined && f.max !== undefined) return `a number from ${f.min} to ${f.max}`;
  if (f.min === 0) return 'a number that is not negative (0 or more)';
  if (f.min !== undefined) return `a number of at least ${f.min}`;
  return `a number of at most ${f.max}`;
}

export function fieldChecks(f: Field, mapping: EntityMapping, decimalComma: boolean): RowCheck[] {
  const checks: RowCheck[] = [];
  const r = raw(f.name);
  const v = val(f.name);
  if (f.required) checks.push({ code: 'required', column: f.name, bad: `${r} IS NULL`, expected: `a value (required; ${expectedText[f.kind]})` });
  if (f.kind === 'enum') {
    const list = (f.values ?? []).map(constLiteral).join(', ');
    checks.push({ code: 'not_allowed', column: f.name, bad: `${r} IS NOT NULL AND ${v} NOT IN (${list})`, expected: `one of: ${(f.values ?? []).join(', ')}${Object.keys(mapping.values[f.name] ?? {}).length ? '' : ' (map other values with a mapping file: "values")'}` });
    return checks;
  }
  if (f.kind === 'currency') {
    checks.push({ code: 'unknown_currency', column: f.name, bad: `${r} IS NOT NULL AND ${v} NOT IN (SELECT unnest([${CURRENCY_LIST}]))`, expected: 'an ISO 4217 currency code like USD, EUR, GBP or TRY' });
    return checks;
  }
  if (f.kind === 'email') {
    checks.push({ code: 'bad_value', column: f.name, bad: `${r} IS NOT NULL AND NOT regexp_full_match(${r}, '[^@\\s]+@[^@\\s]+\\.[^@\\s]+')`, expected: expectedText.email });
    return checks;
  }
  if (f.kind === 'id' || f.kind === 'text') return checks;
  let expected = parseExpectation(f, mapping, decimalComma);
  if ((f.kind === 'money' || f.kind === 'decimal') && !decimalComma) expected += ' (for a decimal comma like 1234,50 use --decimal-comma)';
  const format = mapping.formats[f.name];
  const order = format && (f.kind === 'date' || f.kind === 'timestamp') ? dayMonthOrder(format) : null;
  if (format && order) {
    // typing.ts adds `f__dm`: whether the text parses with day and month swapped.
    const dm = quoteIdent(f.name + '__dm');
    checks.push({ code: 'bad_value', column: f.name, bad: `${r} IS NOT NULL AND ${v} IS NULL AND NOT coalesce(${dm}, false)`, expected });
    checks.push({ code: 'bad_value', column: f.name, bad: `${r} IS NOT NULL AND ${v} IS NULL AND coalesce(${dm}, false)`, expected: swappedExpectation(f, mapping, format, order) });
  } else checks.push({ code: 'bad_value', column: f.name, bad: `${r} IS NOT NULL AND ${v} IS NULL`, expected });
  const bounds: string[] = [];
  if (f.min !== undefined) bounds.push(`${v} < ${f.min}`);
  if (f.max !== undefined) bounds.push(`${v} > ${f.max}`);
  if (f.greaterThan !== undefined) bounds.push(`${v} <= ${f.greaterThan}`);
  if (bounds.length) checks.push({ code: 'out_of_range', column: f.name, bad: `${v} IS NOT NULL AND (${bounds.join(' OR ')})`, expected: rangeText(f) });
  return checks;
}

/** Rules that involve more than one field of a row. */
const crossFieldChecks: Partial<Record<string, RowCheck[]>> = {
  opportunities: [
    { code: 'required', column: 'closed_at', bad: `"status__v" IN ('won', 'lost') AND "closed_at" IS NULL`, expected: 'a closed_at date-time (required when status is won or lost)' },
    { code: 'inconsistent', column: 'closed_at', bad: `"closed_at__v" < "created_at__v"`, expected: 'closed_at on or after created_at' },
  ],
  leads: [{ code: 'inconsistent', column: 'converted_at', bad: `"converted_at__v" < "created_at__v"`, expected: 'converted_at on or after created_at' }],
  reps: [{ code: 'inconsistent', column: 'end_date', bad: `"end_date__v" < "hire_date__v"`, expected: 'end_date on or after hire_date' }],
  targets: [
    { code: 'inconsistent', column: 'period_end', bad: `"period_end__v" < "period_start__v"`, expected: 'period_end on or after period_start' },
    { code: 'required', column: 'scope_id', bad: `"scope__v" IN ('team', 'rep') AND "scope_id" IS NULL`, expected: 'a scope_id (required for team and rep targets: the team_id or rep_id)' },
  ],
  survey_responses: [
    { code: 'out_of_range', column: 'score', bad: `"kind__v" = 'nps' AND "score__v" > 10`, expected: 'an NPS score from 0 to 10' },
    { code: 'out_of_range', column: 'score', bad: `"kind__v" = 'csat' AND ("score__v" < 1 OR "score__v" > coalesce("scale_max__v", 5))`, expected: 'a CSAT score from 1 to scale_max (default 5)' },
  ],
  subscriptions: [{ code: 'inconsistent', column: 'ended_at', bad: `"ended_at__v" < "started_at__v"`, expected: 'ended_at on or after started_at' }],
};

export function rowChecks(def: EntityDef, mapping: EntityMapping, decimalComma: boolean): RowCheck[] {
  return [...def.fields.flatMap((f) => fieldChecks(f, mapping, decimalComma)), ...(crossFieldChecks[def.name] ?? [])];
}
