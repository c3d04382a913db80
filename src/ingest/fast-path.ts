// The fast path: each file is typed and written in one pass, in dependency order, inside the
// import's transaction; then duplicate keys and references are checked on what was written.
// It returns null at the first sign of trouble, and the caller rolls everything back.
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { Params } from '../store/params.js';
import { quoteIdent } from '../store/sql.js';
import { csvSource, parquetSource } from './readers/source.js';
import { fastSelect, fastType, type PreparedFile } from './stage.js';
import { withSessionTimeZone } from './typing.js';
import { loadRows } from './load.js';
import { fastProblemCount } from './validate-fast.js';
import type { EntityResult, Progress } from './import.js';
import { errorMessage } from '../util/errors.js';

const BAD_ROW = 'quotient: a row failed a check';

interface Written {
  result: EntityResult;
  /** References already checked while the rows were written. */
  checkedRefs: Set<string>;
  /** Table holding exactly this file's rows, for the checks. */
  rows: string;
}

export async function fastPath(store: DuckDbStore, files: PreparedFile[], progress: Progress): Promise<EntityResult[] | null> {
  if (files.some((f) => f.empty || f.format === 'jsonl' || f.problems.some((p) => p.severity === 'error'))) return null;
  const written: Written[] = [];
  // Row order in a table carries no meaning (exports sort by key), so reads and writes may run in parallel.
  await store.exec(`SET preserve_insertion_order = false`);
  try {
    for (const [i, f] of files.entries()) {
      progress({ phase: 'write', entity: f.def.name, done: i, total: files.length });
      const w = (await isEmpty(store, f.def.name)) ? await insertDirect(store, f) : await typeThenMerge(store, f);
      if (!w) return null;
      written.push(w);
    }
  } finally {
    await store.exec(`SET preserve_insertion_order = true`).catch(() => {});
  }
  for (const [i, f] of files.entries()) {
    progress({ phase: 'validate', entity: f.def.name, done: i, total: files.length });
    if ((await fastProblemCount(store, f, written[i].rows, written[i].checkedRefs)) > 0) return null;
  }
  return written.map((w) => w.result);
}

async function isEmpty(store: DuckDbStore, table: string): Promise<boolean> {
  const r = await store.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} LIMIT 1)`);
  return Number(r[0].n) === 0;
}

/** Into an empty table: one pass from the file into the table; every row must pass. */
async function insertDirect(store: DuckDbStore, f: PreparedFile): Promise<Written | null> {
  const p = new Params();
  const rejects = `${f.prefix}_fastrej`;
  const source = f.format === 'csv' ? csvSource(f.path, f.header.length, f.delimiter, p, rejects) : parquetSource(f.path, f.header, p);
  const { inner, bad } = fastSelect(f, source, p);
  const cols = f.def.fields.map((fd) => quoteIdent(fd.name));
  const values = f.def.fields.map((fd) => quoteIdent(fd.name + '__v'));
  // A bad row stops the insert at once (error()), so a finished insert means every row passed.
  let inserted: { Count: number }[];
  try {
    inserted = await withSessionTimeZone((s) => store.exec(s), f.timezone, () =>
      store.query<{ Count: number }>(`INSERT INTO ${f.def.name} (${cols.join(', ')}) SELECT ${values.join(', ')} FROM (${inner}) t WHERE CASE WHEN ${bad} THEN error('${BAD_ROW}') ELSE true END`, p.values),
    );
  } catch (e) {
    if (errorMessage(e).includes(BAD_ROW)) return null;
    throw e;
  }
  const n = Number(inserted[0]?.Count ?? 0);
  let malformed = 0;
  if (f.format === 'csv') {
    malformed = Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${rejects}`))[0].n);
    await store.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
  }
  if (malformed > 0 || n === 0) return null;
  return { rows: f.def.name, checkedRefs: new Set(), result: { entity: f.def.name, file: f.path, rows: n, inserted: n, updated: 0, unchanged: 0, rejected: 0 } };
}

/** Into a table with data: type into a temporary table, then insert new and replace changed rows. */
async function typeThenMerge(store: DuckDbStore, f: PreparedFile): Promise<Written | null> {
  const r = await fastType(store, f);
  if (!r || r.bad > 0 || r.rows === 0) return null;
  const counts = await loadRows(store, f.def, r.table, f.insertOnly);
  return { rows: r.table, checkedRefs: new Set(), result: { entity: f.def.name, file: f.path, rows: r.rows, ...counts, rejected: 0 } };
}
