// Schema migrations: a store made by an earlier migration set is upgraded in place, keeping its
// data; a store from a newer version is refused; a failing migration changes nothing.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { latestVersion, migrate, schemaVersion } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-migrate-');
const LATEST = latestVersion();
const applied = (from: number) => migrations.filter((m) => m.version > from).map((m) => `${m.version} ${m.name}`);

const tableExists = async (s: DuckDbStore | Awaited<ReturnType<typeof openStore>>, name: string) =>
  Number((await s.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?`, [name]))[0].n) === 1;

describe('schema version', () => {
  it('the migration set is numbered 1, 2, … without gaps, starting with the data model and the import log', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations.slice(0, 2).map((m) => `${m.version} ${m.name}`)).toEqual(['1 initial data model', '2 import log and store version']);
    expect(LATEST).toBe(migrations.length);
    expect(LATEST).toBeGreaterThanOrEqual(2);
  });

  it('a new file is at version 0 until migrated, then at the latest; migrating again does nothing', async () => {
    const s = await DuckDbStore.open(tmp.join('fresh.duckdb'));
    try {
      expect(await schemaVersion(s)).toBe(0);
      expect(await migrate(s)).toEqual({ from: 0, to: LATEST, applied: applied(0) });
      expect(await schemaVersion(s)).toBe(LATEST);
      expect(await migrate(s)).toEqual({ from: LATEST, to: LATEST, applied: [] });
      expect(await s.query(`SELECT version, name FROM schema_migrations ORDER BY version`)).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
      expect(await s.query(`SELECT key, value FROM store_meta`)).toEqual([{ key: 'data_version', value: '0' }]);
    } finally {
      await s.close();
    }
  });
});

describe('upgrading a store made by an earlier version', () => {
  it('a store at schema 1 with a rep opens at the latest schema (2 or later), the rep still there, import_log created', async () => {
    const path = tmp.join('old.duckdb');
    const old = await DuckDbStore.open(path);
    expect(await migrate(old, [migrations[0]])).toEqual({ from: 0, to: 1, applied: ['1 initial data model'] });
    await old.query(`INSERT INTO reps (rep_id, name, hire_date) VALUES (?, ?, ?)`, ['R1', 'Ann', '2024-01-15']);
    expect(await tableExists(old, 'import_log')).toBe(false);
    await old.close();

    const s = await openStore(path);
    try {
      expect(await schemaVersion(s)).toBe(LATEST);
      expect(await s.query(`SELECT version FROM schema_migrations ORDER BY version`)).toEqual(migrations.map((m) => ({ version: m.version })));
      expect(await s.query(`SELECT * FROM reps`)).toEqual([{ rep_id: 'R1', name: 'Ann', email: null, team_id: null, role: null, hire_date: '2024-01-15', end_date: null }]);
      expect(await tableExists(s, 'import_log')).toBe(true);
      expect(await s.query(`SELECT count(*) AS n FROM import_log`)).toEqual([{ n: 0 }]);
      expect(await s.query(`SELECT value FROM store_meta WHERE key = 'data_version'`)).toEqual([{ value: '0' }]);
    } finally {
      await s.close();
    }
  });

  it('`quotient migrate` says what it applied, then that the store is up to date', async () => {
    const path = tmp.join('cli-old.duckdb');
    const old = await DuckDbStore.open(path);
    await migrate(old, [migrations[0]]);
    await old.close();
    expect(await runCli(['--db', path, 'migrate'])).toEqual({ code: 0, out: `Upgraded ${path} from schema 1 to ${LATEST}: ${applied(1).join('; ')}\n`, err: '' });
    expect(await runCli(['--db', path, 'migrate'])).toEqual({ code: 0, out: `${path} is up to date (schema ${LATEST}).\n`, err: '' });
  });

  it('a failing migration rolls back entirely: no table of it exists and the version stays', async () => {
    const s = await DuckDbStore.open(tmp.join('failing.duckdb'));
    try {
      await migrate(s);
      const broken = { version: LATEST + 1, name: 'broken', statements: () => ['CREATE TABLE half_done (a INTEGER)', 'CREATE TABLE broken ('] };
      await expect(migrate(s, [...migrations, broken])).rejects.toThrow();
      expect(await schemaVersion(s)).toBe(LATEST);
      expect(await tableExists(s, 'half_done')).toBe(false);
    } finally {
      await s.close();
    }
  });
});

describe('a store from a newer version', () => {
  const path = () => tmp.join('newer.duckdb');
  const message = () => `${path()} was written by a newer version of Quotient (schema 99; this version knows up to ${LATEST}). Upgrade Quotient to open it.`;

  it('openStore refuses it with code store_too_new', async () => {
    const s = await openStore(path());
    await s.query(`INSERT INTO schema_migrations VALUES (99, 'from the future', now())`);
    await s.close();
    await expect(openStore(path())).rejects.toMatchObject({ code: 'store_too_new', message: message(), details: { schema: 99, supported: LATEST } });
    expect(existsSync(path())).toBe(true);
  });

  it('the CLI exits 2 with a clear message, for any command', async () => {
    for (const args of [['config', 'list'], ['migrate'], ['export', '--out', tmp.join('never')]]) {
      const run = await runCli(['--db', path(), ...args]);
      expect(run).toEqual({ code: 2, out: '', err: `quotient: ${message()}\n` });
    }
    expect(existsSync(tmp.join('never'))).toBe(false);
  });

  it('the refused store is left as it was', async () => {
    const s = await DuckDbStore.open(path());
    try {
      expect(await schemaVersion(s)).toBe(99);
      expect(await s.query(`SELECT count(*) AS n FROM schema_migrations`)).toEqual([{ n: LATEST + 1 }]);
    } finally {
      await s.close();
    }
  });
});
