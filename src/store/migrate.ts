// Brings a store's schema up to the current migration set, in place and in one transaction.
import type { Store } from './store.js';
import type { Migration } from './migrations/migration.js';
import { migrations as allMigrations } from './migrations/index.js';
import { UserError } from '../util/errors.js';

export async function schemaVersion(store: Store): Promise<number> {
  const exists = await store.query(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_migrations'`,
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
  const from = await schemaVersion(store);
  if (from > latest) {
    throw new UserError(
      'store_too_new',
      `${store.location} was written by a newer version of Quotient (schema ${from}; this version knows up to ${latest}). Upgrade Quotient to open it.`,
      { schema: from, supported: latest },
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  await store.transaction(async () => {
    if (from === 0) {
      await store.exec(`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
    }
    for (const m of pending) {
      for (const sql of m.statements(store.dialect)) await store.exec(sql);
      await store.query(`INSERT INTO schema_migrations VALUES (?, ?, now())`, [m.version, m.name]);
    }
  });
  return { from, to: latest, applied: pending.map((m) => `${m.version} ${m.name}`) };
}

export function latestVersion(): number {
  return allMigrations[allMigrations.length - 1].version;
}
