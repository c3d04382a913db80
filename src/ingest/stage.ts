// Reading a source file for an entity, in two speeds:
// - the fast path types the file straight from its source into `<prefix>_fast` and only counts
//   bad rows (one pass, no row numbers) — an import of good data never needs more;
// - the detailed path stages the text with record numbers and types it into `<prefix>_typed`,
//   so every problem can be told with its line. It runs only when the fast path found problems.
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { EntityDef } from '../model/entities.js';
import type { Problem } from './problems.js';
import type { EntityMapping } from './mapping.js';
import { readCsvLayout } from './readers/csv-header.js';
import { stageCsv } from './readers/csv.js';
import { stageJsonLines } from './readers/jsonl.js';
import { stageParquet } from './readers/parquet.js';
import { csvSource, parquetSource } from './readers/source.js';
import type { StagedFile } from './readers/staged.js';
import { trimmed, typedSelect, untrimmedChecks, withSessionTimeZone, type Resolution, type TypingContext } from './typing.js';
import { rowChecks } from './rules.js';
import { Params } from '../store/params.js';
import { quoteIdent } from '../store/sql.js';
import { factorKey, resolveColumns } from './columns.js';
import { UserError, errorMessage } from '../util/errors.js';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';

export function formatOf(path: string): FileFormat | null {
  const ext = extname(path).toLowerCase();
  if (['.csv', '.tsv', '.txt'].includes(ext)) return 'csv';
  if (['.jsonl', '.ndjson', '.json'].includes(ext)) return 'jsonl';
  if (ext === '.parquet') return 'parquet';
  return null;
}

export interface PreparedFile {
  def: EntityDef;
  path: string;
  displayName: string;
  format: FileFormat;
  prefix: string;
  header: string[];
  delimiter: string;
  mapping: EntityMapping;
  resolution: Resolution;
  decimalComma: boolean;
  timezone: string;
  valueMap: string | null;
  /** File-level problems: empty file, missing or unknown columns. */
  problems: Problem[];
  /** Rows whose key the table has already are left as they are (derived records). */
  insertOnly: boolean;
  /** Set once the file is staged (JSON Lines at once; others on the detailed path). */
  staged: StagedFile | null;
  empty: boolean;
}

export interface TypedFile extends PreparedFile {
  staged: StagedFile;
  typed: string;
}

export interface PrepareOptions {
  prefix: string;
  delimiter?: string;
  decimalComma: boolean;
  timezone: string;
  insertOnly?: boolean;
}

const noProblems = (): Problem[] => [];

export async function prepareFile(store: DuckDbStore, def: EntityDef, path: string, mapping: EntityMapping, opts: PrepareOptions): Promise<PreparedFile> {
  const displayName = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (e) {
    throw new UserError('unreadable_file', `cannot read ${path}: ${errorMessage(e)}`, { path });
  }
  const format = formatOf(path);
  if (!format) throw new UserError('unreadable_file', `${displayName}: unknown file type; expected .csv, .tsv, .jsonl, .ndjson or .parquet`, { path });
  const file: PreparedFile = {
    def, path, displayName, format, prefix: opts.prefix, header: [], delimiter: ',', mapping, resolution: new Map(),
    decimalComma: opts.decimalComma || mapping.decimal === ',', timezone: opts.timezone, valueMap: null, problems: noProblems(), staged: null, empty: false, insertOnly: opts.insertOnly ?? false,
  };
  if (size === 0) {
    file.empty = true;
    file.problems.push({ code: 'empty_file', file: displayName, line: null, column: null, value: null, expected: `a header line with the columns of ${def.name} and at least one row; the file is empty`, severity: 'error' });
    return file;
  }
  try {
    if (format === 'csv') {
      const layout = readCsvLayout(path, mapping.delimiter ?? opts.delimiter);
      file.header = layout.header;
      file.delimiter = layout.delimiter;
    } else if (format === 'parquet') {
      const d = await store.query<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet(?)`, [path]);
      file.header = d.map((r) => r.column_name);
    } else {
      file.staged = await stageJsonLines(store, path, displayName, { tableName: `${opts.prefix}_staged` });
      file.header = file.staged.header;
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError('unreadable_file', `${displayName}: cannot be read as ${format}: ${errorMessage(e).split('\n')[0]}`, { path });
  }
  const cols = resolveColumns(def, file.header, mapping, displayName);
  file.resolution = cols.resolution;
  file.problems.push(...cols.problems);
  const factors = Object.entries(mapping.factor ?? {});
  if (Object.keys(mapping.values).length > 0 || factors.length > 0) {
    file.valueMap = `${opts.prefix}_vmap`;
    await store.exec(`CREATE TEMP TABLE ${file.valueMap} (col VARCHAR, src VARCHAR, dst VARCHAR)`);
    const rows: [string, string, string][] = [];
    for (const [col, pairs] of Object.entries(mapping.values)) {
      for (const [src, dst] of Object.entries(pairs)) if (src !== '*') rows.push([col, src, dst]);
    }
    for (const [col, fac] of factors) for (const [src, n] of Object.entries(fac.factors)) rows.push([factorKey(col), src, String(n)]);
    for (const r of rows) await store.query(`INSERT INTO ${file.valueMap} VALUES (?, lower(${trimmed('?')}), ?)`, r);
  }
  return file;
}

function ctxOf(f: PreparedFile): TypingContext {
  return { timezone: f.timezone, decimalComma: f.decimalComma };
}

export interface FastResult {
  table: string;
  rows: number;
  /** Rows failing a row check, plus malformed records. */
  bad: number;
}

/**
 * The fast path's typed rows of a source, and the condition true for a row that fails a check
 * or has text to trim (the detailed path then reads the file again and says where).
 */
export function fastSelect(f: PreparedFile, source: string, p: Params): { inner: string; bad: string } {
  const inner = typedSelect(f.def, source, false, f.resolution, f.mapping, ctxOf(f), f.valueMap, p, true);
  const checks = [...rowChecks(f.def, f.mapping, f.decimalComma).map((c) => c.bad), ...untrimmedChecks(f.def, f.resolution)].map((c) => `(${c})`);
  return { inner, bad: checks.length ? `coalesce(${checks.join(' OR ')}, false)` : 'false' };
}

/** Types the file in one pass without row numbers; null when the format has no direct source. */
export async function fastType(store: DuckDbStore, f: PreparedFile): Promise<FastResult | null> {
  if (f.format === 'jsonl' || f.empty) return null;
  const p = new Params();
  const rejects = `${f.prefix}_fastrej`;
  const source = f.format === 'csv' ? csvSource(f.path, f.header.length, f.delimiter, p, rejects) : parquetSource(f.path, f.header, p);
  const { inner, bad } = fastSelect(f, source, p);
  const table = `${f.prefix}_fast`;
  const cols = f.def.fields.map((fd) => `${quoteIdent(fd.name + '__v')} AS ${quoteIdent(fd.name)}`);
  await withSessionTimeZone((s) => store.exec(s), f.timezone, () =>
    store.query(`CREATE TEMP TABLE ${table} AS SELECT ${cols.join(', ')}, _bad FROM (SELECT *, ${bad} AS _bad FROM (${inner}) t0) t`, p.values),
  );
  const counts = await store.query<{ rows: number; bad: number }>(`SELECT count(*) AS rows, count(*) FILTER (WHERE _bad) AS bad FROM ${table}`);
  let malformed = 0;
  if (f.format === 'csv') {
    malformed = Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${rejects}`))[0].n);
    await store.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
  }
  return { table, rows: Number(counts[0].rows), bad: Number(counts[0].bad) + malformed };
}

/** Stages the file with record numbers and types it, for problems with lines. */
export async function stageDetailed(store: DuckDbStore, f: PreparedFile): Promise<TypedFile> {
  const typed = `${f.prefix}_typed`;
  let staged = f.staged;
  if (!staged) {
    if (f.empty) staged = emptyStaged();
    else {
      const readOpts = { tableName: `${f.prefix}_staged`, delimiter: f.delimiter };
      staged = f.format === 'csv' ? await stageCsv(store, f.path, f.displayName, readOpts) : await stageParquet(store, f.path, f.displayName, readOpts);
    }
  }
  const file: TypedFile = { ...f, staged, typed, problems: [...f.problems, ...staged.problems] };
  if (!f.empty && staged.rows === 0 && staged.problems.length === 0) {
    file.problems.push({ code: 'no_rows', file: f.displayName, line: null, column: null, value: null, expected: `at least one row of ${f.def.name}; the file has a header but no rows`, severity: 'error' });
  }
  if (staged.table) {
    const p = new Params();
    const sql = typedSelect(f.def, staged.table, true, f.resolution, f.mapping, ctxOf(f), f.valueMap, p);
    await withSessionTimeZone((s) => store.exec(s), f.timezone, () => store.query(`CREATE TEMP TABLE ${typed} AS ${sql}`, p.values));
  }
  return file;
}

function emptyStaged(): StagedFile {
  return { table: '', header: [], rows: 0, problems: [], unit: 'line', linesOf: async () => new Map() };
}
