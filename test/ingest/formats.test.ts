// Input formats: German Excel CSV (semicolons, decimal comma, BOM, CRLF), tab-separated files,
// JSON Lines and Parquet.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { runCli } from '../helpers/cli.js';
import { brief, errorsBrief, importOne, openStore, writeParquet } from '../helpers/store.js';

const tmp = useTempDir('quotient-formats-');
let store: Store;

beforeAll(async () => {
  store = await openStore(testDb(tmp, 'store.duckdb'));
  const r = await importOne(store, 'reps', tmp.write('reps.csv', 'rep_id,name\nR1,Ann\nR2,Bob\n'));
  expect(r.ok).toBe(true);
});

beforeEach(async () => {
  await store.exec('DELETE FROM opportunities; DELETE FROM accounts');
});

afterAll(async () => {
  await store?.close();
});

const opps = () => store.query(`SELECT opportunity_id, status, amount, closed_at, probability FROM opportunities ORDER BY 1`);

describe('German Excel CSV', () => {
  const german =
    '\ufeffopportunity_id;rep_id;created_at;status;amount;closed_at;probability\r\n' +
    'O1;R1;2026-01-10T09:00:00Z;won;1.234,50;2026-02-01T00:00:00Z;1\r\n' +
    'O2;R2;2026-01-10T09:00:00Z;open;"12.345.678,9";;0,25\r\n' +
    'O3;R1;2026-01-10T09:00:00Z;lost;0,5;2026-03-01T10:30:00Z;\r\n';

  it('with --decimal-comma: "1.234,50" is 1234.5', async () => {
    const r = await importOne(store, 'opportunities', tmp.write('german.csv', german), { decimalComma: true });
    expect(r.problems).toEqual([]);
    expect(r.entities[0]).toMatchObject({ rows: 3, inserted: 3 });
    expect(await opps()).toEqual([
      { opportunity_id: 'O1', status: 'won', amount: 1234.5, closed_at: '2026-02-01T00:00:00.000Z', probability: 1 },
      { opportunity_id: 'O2', status: 'open', amount: 12345678.9, closed_at: null, probability: 0.25 },
      { opportunity_id: 'O3', status: 'lost', amount: 0.5, closed_at: '2026-03-01T10:30:00.000Z', probability: null },
    ]);
  });

  it('without --decimal-comma: each comma number is a bad value that suggests the flag', async () => {
    const r = await importOne(store, 'opportunities', tmp.join('german.csv'));
    expect(r.written).toBe(false);
    expect(errorsBrief(r)).toEqual(['2 amount bad_value "1.234,50"', '3 amount bad_value "12.345.678,9"', '3 probability bad_value "0,25"', '4 amount bad_value "0,5"']);
    expect(r.problems[0].expected).toBe('a decimal amount like 1234.50 (for a decimal comma like 1234,50 use --decimal-comma)');
  });

  it('a bad number in a decimal-comma file says what a decimal-comma number looks like', async () => {
    const r = await importOne(store, 'opportunities', tmp.write('german-bad.csv', 'opportunity_id;rep_id;created_at;status;amount\r\nO1;R1;2026-01-10T09:00:00Z;open;1,5x\r\n'), { decimalComma: true });
    expect(r.problems.map((p) => [brief(p), p.expected])).toEqual([['2 amount bad_value "1,5x"', 'a decimal amount like 1234,50']]);
  });

  it('the CLI flag --decimal-comma, with the delimiter detected', async () => {
    await store.close();
    try {
      const run = await runCli(['--db', testDb(tmp, 'store.duckdb'), 'import', 'opportunities', tmp.join('german.csv'), '--decimal-comma', '--format', 'json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.out).entities[0]).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0 });
    } finally {
      store = await openStore(testDb(tmp, 'store.duckdb'));
    }
    expect((await opps()).map((r) => r.amount)).toEqual([1234.5, 12345678.9, 0.5]);
  });

  it('a mapping can say the decimal separator and the delimiter', async () => {
    const path = tmp.write('pipe.csv', 'opportunity_id|rep_id|created_at|status|amount\nO7|R1|2026-01-10T09:00:00Z|open|2.500,75\n');
    const r = await importOne(store, 'opportunities', path, {}, { columns: {}, values: {}, formats: {}, defaults: {}, decimal: ',', delimiter: '|' });
    expect(r.problems).toEqual([]);
    expect((await opps()).map((o) => [o.opportunity_id, o.amount])).toEqual([['O7', 2500.75]]);
  });
});

describe('tab-separated .tsv', () => {
  it('reads tabs, quotes, commas inside values, BOM and CRLF', async () => {
    const path = tmp.write('accounts.tsv', '\ufeffaccount_id\tname\tsegment\r\nA1\tAcme, Inc.\tSMB\r\nA2\t"Quote ""Co"""\tENT\r\nA3\tNo Segment\t\r\n');
    const r = await importOne(store, 'accounts', path);
    expect(r.problems).toEqual([]);
    expect(await store.query(`SELECT account_id, name, segment FROM accounts ORDER BY 1`)).toEqual([
      { account_id: 'A1', name: 'Acme, Inc.', segment: 'SMB' },
      { account_id: 'A2', name: 'Quote "Co"', segment: 'ENT' },
      { account_id: 'A3', name: 'No Segment', segment: null },
    ]);
  });

  it('a problem in a .tsv file names its line; malformed rows mention the tab', async () => {
    const path = tmp.write('bad.tsv', 'account_id\tname\r\nA1\tAcme\r\nA2\t\r\nA3\tx\ty\r\n');
    const r = await importOne(store, 'accounts', path);
    expect(r.written).toBe(false);
    expect(r.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [4, null, 'malformed_row'],
      [3, 'name', 'required'],
    ]);
    expect(r.problems[0].value).toContain('A3\tx\ty');
    expect(r.problems[0].expected).toBe('2 fields, found 3 (the header has 2 fields separated by tab; quote values that contain tab)');
  });
});

describe('JSON Lines', () => {
  it('imports objects, skips blank lines, keeps nested values as JSON text', async () => {
    const path = tmp.write(
      'accounts.jsonl',
      '\ufeff{"account_id":"J1","name":"Json","segment":null}\r\n\r\n{"account_id":"J2","name":"Two","industry":{"code":62}}\r\n{"account_id":3,"name":"Number id"}\r\n',
    );
    const r = await importOne(store, 'accounts', path);
    expect(r.problems).toEqual([]);
    expect(r.entities[0]).toMatchObject({ rows: 3, inserted: 3 });
    expect(await store.query(`SELECT account_id, name, segment, industry FROM accounts ORDER BY 1`)).toEqual([
      { account_id: '3', name: 'Number id', segment: null, industry: null },
      { account_id: 'J1', name: 'Json', segment: null, industry: null },
      { account_id: 'J2', name: 'Two', segment: null, industry: '{"code":62}' },
    ]);
  });

  it('numbers and timestamps in JSON are typed like CSV text', async () => {
    const path = tmp.write('opps.ndjson', '{"opportunity_id":"J1","rep_id":"R1","created_at":"2026-01-10T09:00:00Z","status":"won","amount":1234.5,"closed_at":"2026-02-01T00:00:00+01:00","probability":0.75}\n');
    const r = await importOne(store, 'opportunities', path);
    expect(r.problems).toEqual([]);
    expect(await opps()).toEqual([{ opportunity_id: 'J1', status: 'won', amount: 1234.5, closed_at: '2026-01-31T23:00:00.000Z', probability: 0.75 }]);
  });

  it('a malformed line is reported at its line number, with the other problems, and nothing is written', async () => {
    const path = tmp.write(
      'bad.jsonl',
      '{"account_id":"J1","name":"Json"}\n{"account_id":"J2","name":"Two","extra":1}\n\n{"account_id": "J3", name}\n{"account_id":"J4","name":""}\n[1]\n',
    );
    const r = await importOne(store, 'accounts', path);
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    expect(r.problems.map((p) => `${p.severity} ${brief(p)}`)).toEqual([
      'warning 1 extra unknown_column null',
      'error 4 null malformed_row "{\\"account_id\\": \\"J3\\", name}"',
      'error 6 null malformed_row "[1]"',
      'error 5 name required null',
    ]);
    expect(r.problems[1].expected).toMatch(/^a JSON object on one line \(/);
    expect(r.problems[2].expected).toBe('a JSON object like {"opportunity_id": "O1", …}');
    expect(await store.query(`SELECT count(*) AS n FROM accounts`)).toEqual([{ n: 0 }]);
  });
});

describe('Parquet', () => {
  it('imports a file written by DuckDB, typed columns and nulls included', async () => {
    const path = tmp.join('opps.parquet');
    await writeParquet(path, `SELECT 'P' || i AS opportunity_id, 'R1' AS rep_id, TIMESTAMPTZ '2026-01-01 10:00:00+00' + to_days(CAST(i AS INTEGER)) AS created_at, ` +
        `CASE WHEN i = 2 THEN 'open' ELSE 'won' END AS status, CAST(i * 1.5 AS DECIMAL(18,4)) AS amount, ` +
        `CASE WHEN i = 2 THEN NULL ELSE TIMESTAMPTZ '2026-03-01 00:00:00+00' END AS closed_at, 0.5::DOUBLE AS probability, DATE '2026-05-01' AS expected_close_date ` +
        `FROM range(1, 4) t(i)`);
    const r = await importOne(store, 'opportunities', path);
    expect(r.problems).toEqual([]);
    expect(r.entities[0]).toMatchObject({ rows: 3, inserted: 3 });
    expect(await store.query(`SELECT opportunity_id, created_at, status, amount, closed_at, probability, expected_close_date FROM opportunities ORDER BY 1`)).toEqual([
      { opportunity_id: 'P1', created_at: '2026-01-02T10:00:00.000Z', status: 'won', amount: 1.5, closed_at: '2026-03-01T00:00:00.000Z', probability: 0.5, expected_close_date: '2026-05-01' },
      { opportunity_id: 'P2', created_at: '2026-01-03T10:00:00.000Z', status: 'open', amount: 3, closed_at: null, probability: 0.5, expected_close_date: '2026-05-01' },
      { opportunity_id: 'P3', created_at: '2026-01-04T10:00:00.000Z', status: 'won', amount: 4.5, closed_at: '2026-03-01T00:00:00.000Z', probability: 0.5, expected_close_date: '2026-05-01' },
    ]);
  });

  it('problems in a Parquet file name the row number', async () => {
    const path = tmp.join('accounts.parquet');
    await writeParquet(path, `SELECT 'Q' || i AS account_id, CASE WHEN i = 2 THEN NULL ELSE 'N' END AS name, 'x' AS colour FROM range(1, 4) t(i)`);
    const r = await importOne(store, 'accounts', path);
    expect(r.written).toBe(false);
    expect(r.problems.map((p) => `${p.severity} ${brief(p)}`)).toEqual(['warning 1 colour unknown_column null', 'error 2 name required null']);
    expect(r.problems.every((p) => p.file === 'accounts.parquet')).toBe(true);
  });
});

describe('spaces around values', () => {
  const nb = '\u00a0';
  // Spaces, ordinary and non-breaking, around ids, text, numbers, dates and enums; tabs are kept.
  const spaced =
    'opportunity_id,rep_id,created_at,status,amount,closed_at,probability,source,lost_reason\n' +
    `" O1 ",R1 , 2026-01-10T09:00:00Z ,WON , 1 234.50 ,2026-02-01T00:00:00Z, 1 ,${nb}web${nb},\n` +
    `O2,${nb}R2,2026-01-10T09:00:00Z,open,12,, 0.25,web, \n` +
    'O3,R1,2026-01-10T09:00:00Z,lost,5,2026-03-01T10:30:00Z,,\tweb,too expensive \n';
  const expected = [
    { opportunity_id: 'O1', rep_id: 'R1', status: 'won', amount: 1234.5, probability: 1, source: 'web', lost_reason: null },
    { opportunity_id: 'O2', rep_id: 'R2', status: 'open', amount: 12, probability: 0.25, source: 'web', lost_reason: null },
    { opportunity_id: 'O3', rep_id: 'R1', status: 'lost', amount: 5, probability: null, source: '\tweb', lost_reason: 'too expensive' },
  ];
  const stored = () => store.query(`SELECT opportunity_id, rep_id, status, amount, probability, source, lost_reason FROM opportunities ORDER BY 1`);

  it('are removed from every kind of value', async () => {
    const r = await importOne(store, 'opportunities', tmp.write('spaced.csv', spaced));
    expect(r.problems).toEqual([]);
    expect(await stored()).toEqual(expected);
  });

  it('read the same when a bad row elsewhere sends the file through the detailed check', async () => {
    const r = await importOne(store, 'opportunities', tmp.write('spaced-bad.csv', spaced + 'O4,R1,not a date,open,1,,,,\n'), { skipInvalid: true });
    expect(errorsBrief(r)).toEqual(['5 created_at bad_value "not a date"']);
    expect(await stored()).toEqual(expected);
  });

  it('numbers and dates with spaces only around them take the one-pass import and read the same', async () => {
    const r = await importOne(store, 'opportunities', tmp.write('spaced-typed.csv', 'opportunity_id,rep_id,created_at,status,amount,closed_at\nO1,R1, 2026-01-10T09:00:00Z ,won, 1234.5 , 2026-02-01T00:00:00Z\n'));
    expect(r.problems).toEqual([]);
    expect(await store.query(`SELECT amount, created_at, closed_at FROM opportunities`)).toEqual([{ amount: 1234.5, created_at: '2026-01-10T09:00:00.000Z', closed_at: '2026-02-01T00:00:00.000Z' }]);
  });
});
