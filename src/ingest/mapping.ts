// Column mappings: how a source file's columns and values reach the canonical model.
// A mapping file is JSON, either one entity's mapping or `{ "entities": { name: mapping } }`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError, errorMessage } from '../util/errors.js';

const oneOrMany = z.union([z.string(), z.array(z.string()).min(1)]);
const comment = z.union([z.string(), z.array(z.string())]).optional();

/** Transformations of a field's text after value maps and defaults. */
export const TRANSFORMS = ['slug', 'lower', 'upper'] as const;

export const entityMappingSchema = z
  .object({
    /** Free text for the people who read and edit the file; ignored by the import. */
    comment,
    /** Which entity this mapping is for (optional when given on the command line). */
    entity: z.string().optional(),
    /**
     * File (in --dir imports) this mapping reads: a name, or a list of names and patterns with
     * `*` and `?` (case-insensitive), tried in order; several files matching one pattern → the one
     * whose header fits the mapping best.
     */
    file: oneOrMany.optional(),
    /** In --dir imports: no matching file leaves the entity out instead of being an error. */
    optional: z.boolean().optional(),
    /**
     * canonical column → source column name, or a list of names: the first non-empty value
     * among the listed columns the file has (header variants, localised labels, fallbacks).
     */
    columns: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
    /** canonical column → source columns whose values, joined with "|", are the field's text (then mapped by `values`). */
    join: z.record(z.string(), z.array(z.string()).min(2)).default({}),
    /** canonical column → { source value → canonical value } (matched case-insensitively, after trimming; "*" maps every other non-empty value) */
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    /** canonical column → transformation of the text: slug (lower case, a-z 0-9 @ . _ - only), lower, upper */
    transform: z.record(z.string(), z.enum(TRANSFORMS)).default({}),
    /** canonical column → { field, in }: the value is kept only where that canonical field's (mapped) value is one of `in`, else empty */
    when: z.record(z.string(), z.object({ field: z.string(), in: z.array(z.string()).min(1) }).strict()).default({}),
    /** canonical number column → constant factor (0.01: cents to units, or percent to a fraction) */
    scale: z.record(z.string(), z.number().positive()).default({}),
    /** canonical number column → factor by another source column's value ({ column, factors: { value → factor } }; other values: 1) */
    factor: z.record(z.string(), z.object({ column: oneOrMany, factors: z.record(z.string(), z.number().positive()) }).strict()).default({}),
    /**
     * entity → reference field (or { field, name }): rows of that entity made from the distinct
     * values of the field (key = the field's value; name = the `name` columns' text, else the
     * field's text before `transform`; email when the name is one). Only when the import has no
     * file for that entity; records the store has already are left as they are.
     */
    derive: z.record(z.string(), z.union([z.string(), z.object({ field: z.string(), name: oneOrMany.optional() }).strict()])).default({}),
    /** canonical column → date format: strptime (%d.%m.%Y) or tokens (DD.MM.YYYY, M/D/YYYY), or 'excel' for serial numbers */
    formats: z.record(z.string(), z.string()).default({}),
    /** canonical column → value used where the source has none */
    defaults: z.record(z.string(), z.string()).default({}),
    /** ',' when numbers use a decimal comma (1.234,50) */
    decimal: z.enum(['.', ',']).optional(),
    /** field delimiter; detected when absent */
    delimiter: z.string().min(1).max(1).optional(),
  })
  .strict();

type ParsedMapping = z.infer<typeof entityMappingSchema>;
type NewKeys = 'join' | 'transform' | 'when' | 'scale' | 'factor' | 'derive';

/** A parsed mapping; the newer keys may be absent in mappings built in code. */
export type EntityMapping = Omit<ParsedMapping, NewKeys> & Partial<Pick<ParsedMapping, NewKeys>> & {
  /** The mapping file it came from (for messages); not part of the file. */
  origin?: string;
};

const folderMappingSchema = z
  .object({
    /** A name for messages ("a Pipedrive export"). */
    name: z.string().optional(),
    comment,
    entities: z.record(z.string(), entityMappingSchema),
  })
  .strict();

export const mappingFileSchema = z.union([folderMappingSchema, entityMappingSchema]);

export interface FolderMapping {
  name?: string;
  comment?: string | string[];
  entities: Record<string, EntityMapping>;
}

export type MappingFile = FolderMapping | EntityMapping;

export function emptyMapping(): EntityMapping {
  return { columns: {}, join: {}, values: {}, transform: {}, when: {}, scale: {}, factor: {}, derive: {}, formats: {}, defaults: {} };
}

/** A mapping's source columns for a field, as a list. */
export function sourceNames(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function readMappingFile(path: string): MappingFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError('unreadable_file', `cannot read the mapping file ${path}: ${errorMessage(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError('bad_argument', `the mapping file ${path} is not valid JSON: ${errorMessage(e)}`);
  }
  const isFolderMapping = typeof json === 'object' && json !== null && 'entities' in json;
  const parsed = (isFolderMapping ? folderMappingSchema : entityMappingSchema).safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new UserError('bad_argument', `the mapping file ${path} is not a valid mapping: ${issues}. Expected {"columns": {"canonical": "Source column"}, "values": {...}, "formats": {...}}`);
  }
  const data = parsed.data as MappingFile;
  setOrigin(data, path);
  return data;
}

/** Records where a mapping came from, for messages; not enumerable, so copies and comparisons leave it out. */
export function setOrigin(file: MappingFile, origin: string): void {
  for (const m of 'entities' in file ? Object.values(file.entities) : [file as EntityMapping]) {
    Object.defineProperty(m, 'origin', { value: origin, enumerable: false, writable: true, configurable: true });
  }
}

/** The mapping for one entity out of a mapping file. */
export function mappingFor(file: MappingFile | undefined, entity: string): EntityMapping {
  if (!file) return emptyMapping();
  if ('entities' in file) return file.entities[entity] ?? emptyMapping();
  const single = file as EntityMapping;
  return single.entity === undefined || single.entity === entity ? single : emptyMapping();
}

/** Turns a date format into DuckDB/strptime form: tokens like DD.MM.YYYY become %d.%m.%Y. */
export function toStrptime(format: string): string {
  if (format.includes('%')) return format;
  return format
    .replace(/YYYY/g, '%Y')
    .replace(/YY/g, '%y')
    .replace(/MM/g, '%m')
    .replace(/DD/g, '%d')
    .replace(/HH/g, '%H')
    .replace(/mm/g, '%M')
    .replace(/ss/g, '%S')
    .replace(/(?<!%)M/g, '%m')
    .replace(/(?<!%)D/g, '%d');
}

/**
 * For a format whose day and month are both numbers before the year (M/D/YYYY, DD.MM.YYYY),
 * which comes first and the format with the two swapped; null for unambiguous formats.
 */
export function dayMonthOrder(format: string): { first: 'month' | 'day'; swapped: string } | null {
  const s = toStrptime(format);
  const m = s.indexOf('%m');
  const d = s.indexOf('%d');
  const y = Math.max(s.indexOf('%Y'), s.indexOf('%y'));
  if (m < 0 || d < 0 || y < Math.max(m, d)) return null;
  const swap: Record<string, string> = format.includes('%') ? { '%m': '%d', '%d': '%m' } : { M: 'D', MM: 'DD', D: 'M', DD: 'MM' };
  const swapped = format.replace(format.includes('%') ? /%[md]/g : /M{1,2}|D{1,2}/g, (t) => swap[t] ?? t);
  return { first: m < d ? 'month' : 'day', swapped };
}

