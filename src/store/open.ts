// Opens the store named by --db, QUOTIENT_DB or the default ./quotient.duckdb, and migrates it.
import type { Store } from './store.js';
import { DuckDbStore, type DuckDbOptions } from './duckdb/duckdb-store.js';
import { migrate } from './migrate.js';
import { UserError } from '../util/errors.js';

export const DEFAULT_DB = './quotient.duckdb';

export function resolveDbLocation(flag?: string): string {
  return flag ?? process.env.QUOTIENT_DB ?? DEFAULT_DB;
}

export async function openStore(location: string, options: DuckDbOptions & { migrate?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new UserError('bad_argument', 'PostgreSQL stores are not supported by this version yet; use a DuckDB file path.');
  }
  const store = await DuckDbStore.open(location, options);
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
