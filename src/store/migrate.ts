// Brings a store's schema up to the current migration set, in place and in one transaction.
import type { Store } from './store.js';
import type { Migration } from './migrations/migration.js';
import { migrations as allMigrations } from './migrations/index.js';
import { UserError } from '../util/errors.js';

export async function schemaVersion(store: Store): Promise<number> {
  const exists = await store.query(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = current_schema()`,
  );
  if (Number(exists[0].n) === 0) return 0;
  const rows = await store.query(`SELECT coalesce(max(version), 0) AS v FROM schema_migrations`);
  return Number(rows[0].v);
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: string[];
}

export async function migrate(store: Store, migrations: readonly Migration[] = allMigrations): Promise<MigrateResult> {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  const check = (from: number) => {
    if (from > latest) {
      throw new UserError(
        'store_too_new',
        `${store.location} was written by a newer version of Quotient (schema ${from}; this version knows up to ${latest}). Upgrade Quotient to open it.`,
        { schema: from, supported: latest },
      );
    }
  };
  const before = await schemaVersion(store);
  check(before);
  if (before === latest) return { from: before, to: before, applied: [] };
  return store.transaction(async () => {
    // Several server processes may start on one PostgreSQL database at once: the first migrates
    // while the others wait here, then find nothing left to do.
    if (store.dialect === 'postgres') await store.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    const from = await schemaVersion(store);
    check(from);
    const pending = migrations.filter((m) => m.version > from);
    if (from === 0) {
      await store.exec(`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
    }
    for (const m of pending) {
      for (const sql of m.statements(store.dialect)) await store.exec(sql);
      await store.query(`INSERT INTO schema_migrations VALUES (?, ?, now())`, [m.version, m.name]);
    }
    return { from, to: latest, applied: pending.map((m) => `${m.version} ${m.name}`) };
  });
}

/** The advisory lock key of schema changes on a PostgreSQL store ("QMIG"). */
const MIGRATION_LOCK = 0x514d4947;

export function latestVersion(): number {
  return allMigrations[allMigrations.length - 1].version;
}
