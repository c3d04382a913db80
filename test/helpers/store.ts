// Store and import helpers shared by the ingest and store tests.
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { importFiles, type ImportOptions, type ImportResult } from '../../src/ingest/import.js';
import { emptyMapping, type EntityMapping } from '../../src/ingest/mapping.js';
import type { EntityName } from '../../src/model/fields.js';
import type { Problem } from '../../src/ingest/problems.js';

export { openStore };

export async function count(store: Store, table: string): Promise<number> {
  const rows = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

/** Imports one file for one entity. */
export function importOne(
  store: Store,
  entity: EntityName,
  path: string,
  options: ImportOptions = {},
  mapping: EntityMapping = emptyMapping(),
): Promise<ImportResult> {
  return importFiles(store, [{ entity, path, mapping }], options);
}

/** A problem in one short line: `line column code value` (value as JSON), for exact comparisons. */
export function brief(p: Problem): string {
  return `${p.line} ${p.column} ${p.code} ${JSON.stringify(p.value)}`;
}

/** Errors only, in brief form, sorted by line then column. */
export function errorsBrief(r: ImportResult): string[] {
  return r.problems
    .filter((p) => p.severity === 'error')
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || String(a.column).localeCompare(String(b.column)))
    .map(brief);
}

/** Every row of a table ordered by the given columns. */
export function rowsOf(store: Store, table: string, orderBy: string): Promise<Record<string, unknown>[]> {
  return store.query(`SELECT * FROM ${table} ORDER BY ${orderBy}`);
}

/** Reference data most entity files point at: team T1, rep R1, account A1, product P1, lead L1, opportunity O1. */
export const referenceCsv: Partial<Record<EntityName, string>> = {
  teams: 'team_id,name\nT1,North\n',
  reps: 'rep_id,name,team_id\nR1,Ann,T1\n',
  accounts: 'account_id,name\nA1,Acme\n',
  products: 'product_id,name\nP1,Core\n',
  leads: 'lead_id,created_at,source,status\nL1,2026-01-05T10:00:00Z,web,open\n',
  opportunities: 'opportunity_id,rep_id,created_at,status,amount\nO1,R1,2026-01-10T09:00:00Z,open,5\n',
};

/** Writes the rows of a DuckDB SELECT to a Parquet file (with DuckDB in memory, whatever the store under test). */
export async function writeParquet(path: string, select: string): Promise<void> {
  const ws = await openStore(':memory:', { migrate: false });
  try {
    await ws.exec(`COPY (${select}) TO '${path.replace(/'/g, "''")}' (FORMAT PARQUET)`);
  } finally {
    await ws.close();
  }
}
