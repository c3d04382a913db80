// Writes every entity in the import format (one file per entity), so export → import into a
// new store gives identical data.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { migrate } from '../store/migrate.js';
import { dumpRows, loadRowsFromCsv } from '../store/transfer.js';
import type { Store } from '../store/store.js';
import { entities, type EntityDef } from '../model/entities.js';
import { quoteIdent } from '../store/sql.js';
import { sqlType, type Field } from '../model/fields.js';

export type ExportFormat = 'csv' | 'parquet';

export interface ExportResult {
  /** path is null for an entity without records (no file is written for it). */
  files: { entity: string; path: string | null; rows: number }[];
}

function pathLiteral(p: string): string {
  return "'" + p.replace(/'/g, "''") + "'";
}

/** The text form of a column in CSV exports: the same form the import reads. */
function csvColumn(f: Field): string {
  const c = quoteIdent(f.name);
  switch (f.kind) {
    case 'timestamp':
      return `CASE WHEN microsecond(${c}) % 1000000 = 0 THEN strftime(${c}, '%Y-%m-%dT%H:%M:%SZ') ELSE strftime(${c}, '%Y-%m-%dT%H:%M:%S.%fZ') END AS ${c}`;
    case 'date':
      return `strftime(${c}, '%Y-%m-%d') AS ${c}`;
    case 'money':
      return `rtrim(rtrim(CAST(${c} AS VARCHAR), '0'), '.') AS ${c}`;
    case 'decimal':
      return `CAST(${c} AS VARCHAR) AS ${c}`;
    default:
      return c;
  }
}

/**
 * Runs `fn` on a DuckDB store holding the entities it asks for with `load`: the store itself when
 * it is DuckDB; otherwise one workspace in memory, filled from the store through a CSV copy, so
 * DuckDB's writers make the files and every store exports byte-identical ones.
 */
async function onDuckDb<T>(store: Store, fn: (duck: Store, load: (e: EntityDef) => Promise<void>) => Promise<T>): Promise<T> {
  if (store.dialect === 'duckdb') return fn(store, async () => {});
  const ws = await DuckDbStore.open(':memory:');
  const dir = mkdtempSync(join(tmpdir(), 'quotient-export-'));
  try {
    await migrate(ws);
    return await fn(ws, async (e) => {
      const file = join(dir, `${e.name}.csv`);
      const columns = e.fields.map((f) => ({ name: f.name, type: sqlType[f.kind] }));
      await dumpRows(store, `SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${e.name}`, file);
      await loadRowsFromCsv(ws, e.name, columns, file);
    });
  } finally {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes one entity to a file; returns its row count. */
export function exportEntity(store: Store, e: EntityDef, path: string, format: ExportFormat): Promise<number> {
  return onDuckDb(store, async (duck, load) => {
    await load(e);
    return exportFromDuckDb(duck, e, path, format);
  });
}

async function exportFromDuckDb(store: Store, e: EntityDef, path: string, format: ExportFormat): Promise<number> {
  const cols = format === 'csv' ? e.fields.map(csvColumn) : e.fields.map((f) => quoteIdent(f.name));
  const order = e.key.map(quoteIdent).join(', ');
  const options = format === 'csv' ? `(FORMAT CSV, HEADER, DELIMITER ',')` : `(FORMAT PARQUET)`;
  await store.exec(`COPY (SELECT ${cols.join(', ')} FROM ${e.name} ORDER BY ${order}) TO ${pathLiteral(path)} ${options}`);
  const n = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${e.name}`);
  return Number(n[0].n);
}

export async function exportStore(store: Store, outDir: string, format: ExportFormat): Promise<ExportResult> {
  mkdirSync(outDir, { recursive: true });
  return onDuckDb(store, async (duck, load) => {
    const files: ExportResult['files'] = [];
    for (const e of entities) {
      const path = resolve(join(outDir, `${e.name}.${format}`));
      // An entity without records gets no file: the import refuses files without rows.
      const n = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${e.name}`);
      if (Number(n[0].n) === 0) {
        files.push({ entity: e.name, path: null, rows: 0 });
        continue;
      }
      await load(e);
      files.push({ entity: e.name, path, rows: await exportFromDuckDb(duck, e, path, format) });
    }
    return { files };
  });
}
