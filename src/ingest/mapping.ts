// Column mappings: how a source file's columns and values reach the canonical model.
// A mapping file is JSON, either one entity's mapping or `{ "entities": { name: mapping } }`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError, errorMessage } from '../util/errors.js';

export const entityMappingSchema = z
  .object({
    /** Which entity this mapping is for (optional when given on the command line). */
    entity: z.string().optional(),
    /** File name (in --dir imports) this mapping reads. */
    file: z.string().optional(),
    /** canonical column → source column name */
    columns: z.record(z.string(), z.string()).default({}),
    /** canonical column → { source value → canonical value } (matched case-insensitively, after trimming) */
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
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

export type EntityMapping = z.infer<typeof entityMappingSchema>;

const folderMappingSchema = z.object({ entities: z.record(z.string(), entityMappingSchema) }).strict();

export const mappingFileSchema = z.union([folderMappingSchema, entityMappingSchema]);

export type MappingFile = z.infer<typeof mappingFileSchema>;

export function emptyMapping(): EntityMapping {
  return { columns: {}, values: {}, formats: {}, defaults: {} };
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
  return parsed.data;
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
