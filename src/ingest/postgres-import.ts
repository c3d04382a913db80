// Import into a PostgreSQL store. Files are read, typed and validated by the same code as on the
// embedded store, in a DuckDB workspace in memory (its CSV, JSON Lines and Parquet readers are
// the import's); then what changed travels to PostgreSQL with COPY and lands in one transaction.
//
//  1. In a PostgreSQL transaction, lock the tables the import writes (SHARE ROW EXCLUSIVE: a
//     second import of the same entity, from any process, waits here; reports keep reading).
//  2. Copy into the workspace the settings, those tables and the tables they refer to.
//  3. Run the import there: every check, every problem, --skip-invalid and rejects files as on
//     the embedded store. Nothing valid → roll back; PostgreSQL is untouched.
//  4. The rows that are new or changed (the table EXCEPT its copy from step 2) go by COPY into a
//     temporary table, replace their keys in the real one, and the import log follows.
//  5. Bump the data version and commit: all of it lands, or none.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entity as entityDef, type EntityDef } from '../model/entities.js';
import { sqlType } from '../model/fields.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { migrate } from '../store/migrate.js';
import { bumpDataVersion } from '../store/meta.js';
import type { PgStore } from '../store/postgres/pg-store.js';
import { quoteIdent } from '../store/sql.js';
import { dumpRows, loadRowsFromCsv, type Column } from '../store/transfer.js';
import type { ImportResult, ImportSpec } from './import.js';

/** The columns of a table copied between the stores, with their SQL types. */
interface Table {
  name: string;
  key: readonly string[];
  columns: Column[];
}

const tableOf = (def: EntityDef): Table => ({ name: def.name, key: def.key, columns: def.fields.map((f) => ({ name: f.name, type: sqlType[f.kind] })) });

const SETTINGS: Table = { name: 'settings', key: ['key'], columns: [{ name: 'key', type: 'VARCHAR' }, { name: 'value', type: 'VARCHAR' }] };
const IMPORT_LOG: Table = {
  name: 'import_log',
  key: ['import_id'],
  columns: [
    { name: 'import_id', type: 'VARCHAR' },
    { name: 'started_at', type: 'TIMESTAMPTZ' },
    { name: 'finished_at', type: 'TIMESTAMPTZ' },
    { name: 'entity', type: 'VARCHAR' },
    { name: 'source', type: 'VARCHAR' },
    { name: 'inserted', type: 'BIGINT' },
    { name: 'updated', type: 'BIGINT' },
    { name: 'unchanged', type: 'BIGINT' },
    { name: 'rejected', type: 'BIGINT' },
  ],
};

export async function importIntoPostgres(pg: PgStore, specs: ImportSpec[], run: (workspace: DuckDbStore) => Promise<ImportResult>): Promise<ImportResult> {
  const written = [...new Set(specs.map((s) => s.entity))].map((e) => entityDef(e)!);
  const referenced = new Set<string>();
  for (const def of written) for (const f of def.fields) if (f.ref && !written.some((w) => w.name === f.ref!.entity)) referenced.add(f.ref.entity);
  const dir = mkdtempSync(join(tmpdir(), 'quotient-pgimport-'));
  const workspace = await DuckDbStore.open(':memory:');
  try {
    await migrate(workspace);
    return await pg.transaction(async () => {
      await pg.exec(`LOCK TABLE ${written.map((d) => d.name).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
      await copyIntoWorkspace(pg, workspace, SETTINGS, dir, { replace: true });
      for (const name of referenced) await copyIntoWorkspace(pg, workspace, tableOf(entityDef(name)!), dir);
      for (const def of written) {
        await copyIntoWorkspace(pg, workspace, tableOf(def), dir);
        await workspace.exec(`CREATE TEMP TABLE ${before(def.name)} AS SELECT * FROM ${def.name}`);
      }
      await workspace.exec(`CREATE TEMP TABLE ${before('import_log')} AS SELECT * FROM import_log`);
      const result = await run(workspace);
      if (!result.written) return result;
      for (const def of written) await writeBack(workspace, pg, tableOf(def), dir);
      await writeBack(workspace, pg, IMPORT_LOG, dir);
      await bumpDataVersion(pg);
      return result;
    });
  } finally {
    await workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const before = (table: string) => `_before_${table}`;

/** Copies a PostgreSQL table's rows into the workspace's table of the same name. */
async function copyIntoWorkspace(pg: PgStore, ws: DuckDbStore, t: Table, dir: string, opts: { replace?: boolean } = {}): Promise<void> {
  const file = join(dir, `${t.name}-${randomUUID().slice(0, 8)}.csv`);
  await dumpRows(pg, `SELECT ${t.columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${t.name}`, file);
  if (opts.replace) await ws.exec(`DELETE FROM ${t.name}`);
  await loadRowsFromCsv(ws, t.name, t.columns, file);
}

/** Sends the workspace rows that are new or changed since the copy to PostgreSQL, replacing their keys. */
async function writeBack(ws: DuckDbStore, pg: PgStore, t: Table, dir: string): Promise<void> {
  const file = join(dir, `${t.name}-out-${randomUUID().slice(0, 8)}.csv`);
  const cols = t.columns.map((c) => quoteIdent(c.name)).join(', ');
  const changed = `SELECT ${cols} FROM ${t.name} EXCEPT SELECT ${cols} FROM ${before(t.name)}`;
  if (Number((await ws.query<{ n: number }>(`SELECT count(*) AS n FROM (${changed}) c`))[0].n) === 0) return;
  await dumpRows(ws, changed, file);
  // Into a table that was empty: every row is new, so COPY goes straight into it.
  if (Number((await ws.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${before(t.name)} LIMIT 1) b`))[0].n) === 0) {
    await loadRowsFromCsv(pg, t.name, t.columns, file);
    return;
  }
  const incoming = `_incoming_${t.name}`;
  await pg.exec(`DROP TABLE IF EXISTS ${incoming}; CREATE TEMP TABLE ${incoming} (${t.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
  await loadRowsFromCsv(pg, incoming, t.columns, file);
  // `key IN (SELECT …)` rather than `DELETE … USING`: the same plan here (a hash semi-join), and a
  // form Citus accepts for a distributed table against a temporary one.
  const key = t.key.length === 1 ? quoteIdent(t.key[0]) : `(${t.key.map(quoteIdent).join(', ')})`;
  await pg.exec(`DELETE FROM ${t.name} WHERE ${key} IN (SELECT ${t.key.map(quoteIdent).join(', ')} FROM ${incoming})`);
  await pg.exec(`INSERT INTO ${t.name} (${cols}) SELECT ${cols} FROM ${incoming}`);
  await pg.exec(`DROP TABLE ${incoming}`);
}
