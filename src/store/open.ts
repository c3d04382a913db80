// Opens the store named by --db, QUOTIENT_DB or the default ./quotient.duckdb, and migrates it:
// a file path is the embedded DuckDB store, a postgres:// URL the shared PostgreSQL store.
import type { Store } from './store.js';
import { DuckDbStore, type DuckDbOptions } from './duckdb/duckdb-store.js';
import { PgStore } from './postgres/pg-store.js';
import { migrate } from './migrate.js';

export const DEFAULT_DB = './quotient.duckdb';

export function resolveDbLocation(flag?: string): string {
  return flag ?? process.env.QUOTIENT_DB ?? DEFAULT_DB;
}

export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openStore(location: string, options: DuckDbOptions & { migrate?: boolean } = {}): Promise<Store> {
  const store = isPostgresLocation(location) ? await PgStore.open(location) : await DuckDbStore.open(location, options);
  if (options.migrate !== false && !options.readOnly) {
    try {
      await migrate(store);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}
