// Opening a store: files that are not DuckDB stores are refused without being touched, and the
// store's query results come back as normalised plain values.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { isUserError } from '../../src/util/errors.js';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-open-');

describe('files that are not stores', () => {
  it('a text file named x.duckdb: code store_not_duckdb, the file unchanged', async () => {
    const path = tmp.write('x.duckdb', 'hello');
    await expect(openStore(path)).rejects.toMatchObject({
      code: 'store_not_duckdb',
      message: `${path} is not a Quotient store (not a DuckDB database file). Name another file with --db, or move this one away.`,
    });
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });

  it('the CLI exits 2 with the message and leaves the file alone', async () => {
    const path = tmp.write('y.duckdb', 'hello');
    for (const args of [['config', 'list'], ['migrate'], ['import', 'reps', tmp.write('reps.csv', 'rep_id,name\nR1,Ann\n')]]) {
      const run = await runCli(['--db', path, ...args]);
      expect(run).toEqual({ code: 2, out: '', err: `quotient: ${path} is not a Quotient store (not a DuckDB database file). Name another file with --db, or move this one away.\n` });
    }
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });

  it('an empty file and a longer text file are refused too', async () => {
    const empty = tmp.write('empty.duckdb', '');
    const text = tmp.write('text.duckdb', 'not a database, just a long enough line of text\n'.repeat(50));
    await expect(openStore(empty)).rejects.toMatchObject({ code: 'store_not_duckdb' });
    await expect(openStore(text)).rejects.toMatchObject({ code: 'store_not_duckdb' });
    expect(readFileSync(empty, 'utf8')).toBe('');
  });

  it('a PostgreSQL server that does not answer is a store error naming the URL, never its password', async () => {
    const err = await openStore('postgres://user:secret@127.0.0.1:1/quotient').catch((e: unknown) => e as Error & { code: string });
    expect(err).toMatchObject({ code: 'store_error', message: expect.stringContaining('cannot connect to the PostgreSQL store postgres://user:***@127.0.0.1:1/quotient') });
    expect((err as Error).message).not.toContain('secret');
  });

  it('a path in a folder that does not exist is a store error naming the path', async () => {
    const path = tmp.join('no-such-folder', 'q.duckdb');
    await expect(openStore(path)).rejects.toMatchObject({ code: 'store_error', message: expect.stringContaining(`cannot open the store ${path}`) });
  });

  it('a folder given as the store is a user error, not an internal error', async () => {
    let caught: unknown = null;
    try {
      const s = await openStore(tmp.path);
      await s.close();
    } catch (e) {
      caught = e;
    }
    expect(isUserError(caught)).toBe(true);
    const run = await runCli(['--db', tmp.path, 'config', 'list']);
    expect(run.code).toBe(2);
    expect(run.err).not.toContain('internal error');
  });
});

describe('query results', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(tmp.join('values.duckdb'));
  });

  afterAll(async () => {
    await store?.close();
  });

  it('numbers for numeric columns, YYYY-MM-DD for dates, ISO UTC for timestamps', async () => {
    const rows = await store.query(
      `SELECT 42::BIGINT AS i, 1234.5::DECIMAL(18,4) AS money, 0.25::DOUBLE AS d, DATE '2026-03-31' AS day, ` +
        `TIMESTAMPTZ '2026-03-31 23:30:00+02' AS ts, 'x' AS t, NULL AS n, count(*) AS c FROM range(3)`,
    );
    expect(rows).toEqual([{ i: 42, money: 1234.5, d: 0.25, day: '2026-03-31', ts: '2026-03-31T21:30:00.000Z', t: 'x', n: null, c: 3 }]);
  });

  it('dates of every year come back as YYYY-MM-DD', async () => {
    expect(await store.query(`SELECT DATE '0001-01-01' AS a, DATE '0999-12-31' AS b, DATE '9999-12-31' AS c`)).toEqual([{ a: '0001-01-01', b: '0999-12-31', c: '9999-12-31' }]);
  });

  it('parameters are bound by position', async () => {
    expect(await store.query(`SELECT ?::VARCHAR AS a, ?::INTEGER + 1 AS b`, ["O'Brien", 41])).toEqual([{ a: "O'Brien", b: 42 }]);
  });

  it('the session time zone is UTC', async () => {
    expect(await store.query(`SELECT current_setting('TimeZone') AS tz`)).toEqual([{ tz: 'UTC' }]);
  });

  it('a transaction that throws writes nothing', async () => {
    await expect(
      store.transaction(async () => {
        await store.query(`INSERT INTO teams (team_id, name) VALUES (?, ?)`, ['T1', 'North']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.query(`SELECT count(*) AS n FROM teams`)).toEqual([{ n: 0 }]);
  });
});
