// Writes good rows into an entity's table: new keys are inserted, changed rows replace their
// record, identical rows are left alone (so re-importing the same file changes nothing).
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { EntityDef } from '../model/entities.js';
import { quoteIdent } from '../store/sql.js';
import type { TypedFile } from './stage.js';

export interface LoadCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Loads from a table whose columns carry the canonical names (the fast table, or the detailed path's load table). */
export async function loadRows(store: DuckDbStore, def: EntityDef, load: string, insertOnly = false): Promise<LoadCounts> {
  const target = def.name;
  const cols = def.fields.map((f) => quoteIdent(f.name));
  const insertAll = `INSERT INTO ${target} (${cols.join(', ')}) SELECT ${cols.map((c) => `l.${c}`).join(', ')} FROM ${load} l`;
  const existing = await store.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${target} LIMIT 1)`);
  if (Number(existing[0].n) === 0) {
    const total = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${load}`);
    await store.exec(insertAll);
    return { inserted: Number(total[0].n), updated: 0, unchanged: 0 };
  }
  const keyMatch = def.key.map((k) => `x.${quoteIdent(k)} = l.${quoteIdent(k)}`).join(' AND ');
  const differs = def.fields.filter((f) => !def.key.includes(f.name)).map((f) => `x.${quoteIdent(f.name)} IS DISTINCT FROM l.${quoteIdent(f.name)}`);
  // Insert-only (derived records): a key the table has is left as it is, changed or not.
  const changed = differs.length > 0 && !insertOnly ? differs.join(' OR ') : 'false';
  const counts = await store.query<{ total: number; matched: number; changed: number }>(
    `SELECT (SELECT count(*) FROM ${load}) AS total, count(*) AS matched, count(*) FILTER (WHERE ${changed}) AS changed FROM ${load} l JOIN ${target} x ON ${keyMatch}`,
  );
  const total = Number(counts[0].total);
  const matched = Number(counts[0].matched);
  const updated = Number(counts[0].changed);
  if (updated > 0) await store.exec(`DELETE FROM ${target} x USING ${load} l WHERE ${keyMatch} AND (${changed})`);
  if (total - matched + updated > 0) await store.exec(`${insertAll} WHERE NOT EXISTS (SELECT 1 FROM ${target} x WHERE ${keyMatch})`);
  return { inserted: total - matched, updated, unchanged: matched - updated };
}

/** Loads the detailed path's good rows (those not in `<prefix>_bad`). */
export async function loadTyped(store: DuckDbStore, file: TypedFile): Promise<LoadCounts> {
  if (!file.staged.table) return { inserted: 0, updated: 0, unchanged: 0 };
  const load = `${file.prefix}_load`;
  await store.exec(
    `CREATE TEMP TABLE ${load} AS SELECT ${file.def.fields.map((f) => `${quoteIdent(f.name + '__v')} AS ${quoteIdent(f.name)}`).join(', ')} FROM ${file.typed} t WHERE NOT EXISTS (SELECT 1 FROM ${file.prefix}_bad b WHERE b._row = t._row)`,
  );
  return loadRows(store, file.def, load, file.insertOnly);
}
