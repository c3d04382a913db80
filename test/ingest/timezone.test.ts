// Time-zone attribution: a timestamp without an offset is read in the organisation's time zone
// (setting `timezone`), so a deal closed late on 31 March in Berlin counts in March there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { useTempDir } from '../helpers/tmp.js';
import { STORE_KIND, testDb } from '../helpers/test-store.js';
import { runCli } from '../helpers/cli.js';
import { importOne, openStore, writeParquet } from '../helpers/store.js';

const tmp = useTempDir('quotient-tz-');
let store: Store;
let db = '';

const HEADER = 'opportunity_id,rep_id,created_at,status,amount,closed_at,expected_close_date';
const LOCAL_MONTH = STORE_KIND === 'postgres' ? `to_char(closed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM')` : `strftime(timezone('Europe/Berlin', closed_at), '%Y-%m')`;

beforeAll(async () => {
  db = testDb(tmp, 'store.duckdb');
  const set = await runCli(['--db', db, 'config', 'set', 'timezone', 'Europe/Berlin']);
  expect(set).toEqual({ code: 0, out: 'timezone = Europe/Berlin\n', err: '' });
  const get = await runCli(['--db', db, 'config', 'get', 'timezone']);
  expect(get.out).toBe('Europe/Berlin\n');
  store = await openStore(db);
  const r = await importOne(store, 'reps', tmp.write('reps.csv', 'rep_id,name\nR1,Ann\n'));
  expect(r.ok).toBe(true);
});

beforeEach(async () => {
  await store.exec('DELETE FROM opportunities');
});

afterAll(async () => {
  await store?.close();
});

const closed = () => store.query(`SELECT opportunity_id, closed_at, ${LOCAL_MONTH} AS local_month FROM opportunities ORDER BY 1`);

describe('timestamps in Europe/Berlin', () => {
  it('a local time late on 31 March is stored in UTC and counts in March; a UTC instant after local midnight counts in April', async () => {
    const r = await importOne(
      store,
      'opportunities',
      tmp.write(
        'opps.csv',
        `${HEADER}\n` +
          'O1,R1,2026-03-01T00:00:00,won,1,2026-03-31T23:30:00,2026-03-31\n' +
          'O2,R1,2026-03-01T00:00:00Z,won,1,2026-03-31T22:30:00Z,\n' +
          'O3,R1,2026-03-01,won,1,2026-03-31T23:30:00+02:00,\n' +
          'O4,R1,2026-01-01 08:00,won,1,2026-01-31 23:30:00,\n',
      ),
    );
    expect(r.problems).toEqual([]);
    expect(await closed()).toEqual([
      { opportunity_id: 'O1', closed_at: '2026-03-31T21:30:00.000Z', local_month: '2026-03' },
      { opportunity_id: 'O2', closed_at: '2026-03-31T22:30:00.000Z', local_month: '2026-04' },
      { opportunity_id: 'O3', closed_at: '2026-03-31T21:30:00.000Z', local_month: '2026-03' },
      { opportunity_id: 'O4', closed_at: '2026-01-31T22:30:00.000Z', local_month: '2026-01' },
    ]);
    // created_at: local midnight (summer/winter time), a date alone is local midnight too; dates stay calendar dates.
    expect(await store.query(`SELECT opportunity_id, created_at, expected_close_date FROM opportunities ORDER BY 1`)).toEqual([
      { opportunity_id: 'O1', created_at: '2026-02-28T23:00:00.000Z', expected_close_date: '2026-03-31' },
      { opportunity_id: 'O2', created_at: '2026-03-01T00:00:00.000Z', expected_close_date: null },
      { opportunity_id: 'O3', created_at: '2026-02-28T23:00:00.000Z', expected_close_date: null },
      { opportunity_id: 'O4', created_at: '2026-01-01T07:00:00.000Z', expected_close_date: null },
    ]);
  });

  it('the detailed path (a file with a bad row, --skip-invalid) reads local times the same way', async () => {
    const r = await importOne(
      store,
      'opportunities',
      tmp.write('opps-skip.csv', `${HEADER}\nO1,R1,2026-03-01T00:00:00,won,1,2026-03-31T23:30:00,\nO2,R1,2026-03-01T00:00:00,won,-1,2026-03-31T23:30:00,\n`),
      { skipInvalid: true, rejectsPath: () => tmp.join('opps-skip.rejects.csv') },
    );
    expect(r.entities[0]).toMatchObject({ inserted: 1, rejected: 1 });
    expect(await closed()).toEqual([{ opportunity_id: 'O1', closed_at: '2026-03-31T21:30:00.000Z', local_month: '2026-03' }]);
  });

  it('JSON Lines reads local times the same way', async () => {
    const r = await importOne(store, 'opportunities', tmp.write('opps.jsonl', '{"opportunity_id":"J1","rep_id":"R1","created_at":"2026-03-01T00:00:00","status":"won","amount":1,"closed_at":"2026-03-31T23:30:00"}\n'));
    expect(r.problems).toEqual([]);
    expect(await closed()).toEqual([{ opportunity_id: 'J1', closed_at: '2026-03-31T21:30:00.000Z', local_month: '2026-03' }]);
  });

  it('Parquet: a TIMESTAMP without zone is local time, a TIMESTAMPTZ is an instant', async () => {
    const path = tmp.join('opps.parquet');
    await writeParquet(path, `SELECT 'P1' AS opportunity_id, 'R1' AS rep_id, TIMESTAMPTZ '2026-03-01 00:00:00+00' AS created_at, 'won' AS status, 1 AS amount, TIMESTAMP '2026-03-31 23:30:00' AS closed_at ` +
        `UNION ALL SELECT 'P2', 'R1', TIMESTAMPTZ '2026-03-01 00:00:00+00', 'won', 1, TIMESTAMP '2026-03-31 22:30:00'`);
    const path2 = tmp.join('opps-tz.parquet');
    await writeParquet(path2, `SELECT 'P3' AS opportunity_id, 'R1' AS rep_id, TIMESTAMPTZ '2026-03-01 00:00:00+00' AS created_at, 'won' AS status, 1 AS amount, TIMESTAMPTZ '2026-03-31 22:30:00+00' AS closed_at`);
    expect((await importOne(store, 'opportunities', path)).problems).toEqual([]);
    expect((await importOne(store, 'opportunities', path2)).problems).toEqual([]);
    expect(await closed()).toEqual([
      { opportunity_id: 'P1', closed_at: '2026-03-31T21:30:00.000Z', local_month: '2026-03' },
      { opportunity_id: 'P2', closed_at: '2026-03-31T20:30:00.000Z', local_month: '2026-03' },
      { opportunity_id: 'P3', closed_at: '2026-03-31T22:30:00.000Z', local_month: '2026-04' },
    ]);
  });

  it('the session time zone is UTC again after an import, also after a failed one', async () => {
    await importOne(store, 'opportunities', tmp.write('fail.csv', `${HEADER}\nO9,R1,2026-03-01T00:00:00,won,x,2026-03-31T23:30:00,\n`));
    expect(await store.query(`SELECT current_setting('TimeZone') AS tz`)).toEqual([{ tz: 'UTC' }]);
    await importOne(store, 'opportunities', tmp.write('ok.csv', `${HEADER}\nO9,R1,2026-03-01T00:00:00,won,1,2026-03-31T23:30:00,\n`));
    expect(await store.query(`SELECT current_setting('TimeZone') AS tz`)).toEqual([{ tz: 'UTC' }]);
  });

  it('through the CLI on a store whose time zone was set with config set', async () => {
    await store.close();
    try {
      const run = await runCli(['--db', db, 'import', 'opportunities', tmp.write('cli.csv', `${HEADER}\nC1,R1,2026-03-01T00:00:00,won,1,2026-03-31T23:30:00,\nC2,R1,2026-03-01T00:00:00Z,won,1,2026-03-31T22:30:00Z,\n`)]);
      expect(run.code).toBe(0);
    } finally {
      store = await openStore(db);
    }
    expect(await closed()).toEqual([
      { opportunity_id: 'C1', closed_at: '2026-03-31T21:30:00.000Z', local_month: '2026-03' },
      { opportunity_id: 'C2', closed_at: '2026-03-31T22:30:00.000Z', local_month: '2026-04' },
    ]);
  });
});

describe('the default time zone is UTC', () => {
  it('a timestamp without an offset is UTC in a store with no timezone setting', async () => {
    const other = await openStore(testDb(tmp, 'utc.duckdb'));
    try {
      expect((await importOne(other, 'reps', tmp.write('reps2.csv', 'rep_id,name\nR1,Ann\n'))).ok).toBe(true);
      const r = await importOne(other, 'opportunities', tmp.write('utc.csv', `${HEADER}\nU1,R1,2026-03-01T00:00:00,won,1,2026-03-31T23:30:00,\n`));
      expect(r.problems).toEqual([]);
      expect(await other.query(`SELECT closed_at FROM opportunities`)).toEqual([{ closed_at: '2026-03-31T23:30:00.000Z' }]);
    } finally {
      await other.close();
    }
  });
});
