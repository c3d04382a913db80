// Moving rows between stores in bulk, through CSV files both databases read and write natively:
// DuckDB's COPY and read_csv, PostgreSQL's COPY … TO STDOUT / FROM STDIN. Used by the import on
// PostgreSQL (its DuckDB workspace) and by `quotient migrate-store`.
//
// Both write NULL as an empty field and an empty string as "", and read them back apart; dates,
// timestamps (UTC, `+00`), decimals, doubles and booleans are written in forms both read.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { PgStore } from './postgres/pg-store.js';
import { constLiteral, quoteIdent } from './sql.js';
import type { Store } from './store.js';

export interface Column {
  name: string;
  /** The column's SQL type, as the store that reads the file names it. */
  type: string;
}

/** Writes the rows of a SELECT to a headerless CSV file. */
export async function dumpRows(store: Store, select: string, file: string): Promise<void> {
  if (store instanceof DuckDbStore) {
    await store.exec(`COPY (${select}) TO ${constLiteral(file)} (FORMAT csv, HEADER false)`);
  } else if (store instanceof PgStore) {
    await pipeline(store.connection.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT csv)`)), createWriteStream(file));
  } else {
    throw new Error(`no bulk copy for the ${store.dialect} store`);
  }
}

/** Appends the rows of a headerless CSV file (as `dumpRows` writes it) to a table. */
export async function loadRowsFromCsv(store: Store, table: string, columns: readonly Column[], file: string): Promise<void> {
  const cols = columns.map((c) => quoteIdent(c.name)).join(', ');
  if (store instanceof DuckDbStore) {
    const types = `{${columns.map((c) => `${constLiteral(c.name)}: ${constLiteral(c.type)}`).join(', ')}}`;
    await store.exec(
      `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM read_csv(${constLiteral(file)}, header = false, columns = ${types}, quote = '"', escape = '"', delim = ',', allow_quoted_nulls = false, auto_detect = false)`,
    );
  } else if (store instanceof PgStore) {
    await pipeline(createReadStream(file), store.connection.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN (FORMAT csv)`)));
  } else {
    throw new Error(`no bulk copy for the ${store.dialect} store`);
  }
}

/** The base tables of a store's schema with their columns in order (types as that store names them). */
export async function tablesOf(store: Store): Promise<Map<string, Column[]>> {
  const rows = await store.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const out = new Map<string, Column[]>();
  for (const r of rows) {
    const list = out.get(r.table_name) ?? [];
    list.push({ name: r.column_name, type: r.data_type });
    out.set(r.table_name, list);
  }
  return out;
}
