// Column mappings: renamed columns, value maps, date formats and defaults — and clear errors
// when a mapping does not fit the file.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { mappingFor, readMappingFile, toStrptime, type EntityMapping } from '../../src/ingest/mapping.js';
import { planFolder } from '../../src/ingest/folder.js';
import { importFiles } from '../../src/ingest/import.js';
import { formatProblem } from '../../src/ingest/problems.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { runCli } from '../helpers/cli.js';
import { brief, errorsBrief, importOne, openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-mapping-');
let store: Store;

const hubspot = {
  entity: 'opportunities',
  columns: { opportunity_id: 'Deal ID', rep_id: 'Owner', created_at: 'Created', status: 'Deal Stage', amount: 'Deal Value', closed_at: 'Close Date' },
  values: { status: { 'Closed Won': 'won', 'Closed Lost': 'lost', 'In Progress': 'open' } },
  formats: { created_at: 'DD.MM.YYYY', closed_at: 'M/D/YYYY' },
  defaults: { currency: 'EUR' },
};

let mapping: EntityMapping;

beforeAll(async () => {
  store = await openStore(testDb(tmp, 'store.duckdb'));
  const r = await importOne(store, 'reps', tmp.write('reps.csv', 'rep_id,name\nR1,Ann\nR2,Bob\n'));
  expect(r.ok).toBe(true);
  mapping = mappingFor(readMappingFile(tmp.write('hubspot.json', JSON.stringify(hubspot))), 'opportunities');
});

beforeEach(async () => {
  await store.exec('DELETE FROM opportunities');
});

afterAll(async () => {
  await store?.close();
});

describe('a mapping file', () => {
  it('renames columns, maps values case-insensitively, reads date formats and fills defaults', async () => {
    const path = tmp.write(
      'hubspot.csv',
      'Deal ID,Owner,Created,Deal Stage,Deal Value,Close Date,currency\n' +
        'D1,R1,05.01.2026,closed won,100,2/3/2026,\n' +
        'D2,R2,31.12.2025,CLOSED LOST,50,12/31/2025,USD\n' +
        'D3,R1,01.02.2026, In Progress ,5,,\n',
    );
    const r = await importOne(store, 'opportunities', path, {}, mapping);
    expect(r.problems).toEqual([]);
    expect(r.entities[0]).toMatchObject({ rows: 3, inserted: 3 });
    expect(await store.query(`SELECT opportunity_id, rep_id, created_at, status, amount, currency, closed_at FROM opportunities ORDER BY 1`)).toEqual([
      { opportunity_id: 'D1', rep_id: 'R1', created_at: '2026-01-05T00:00:00.000Z', status: 'won', amount: 100, currency: 'EUR', closed_at: '2026-02-03T00:00:00.000Z' },
      { opportunity_id: 'D2', rep_id: 'R2', created_at: '2025-12-31T00:00:00.000Z', status: 'lost', amount: 50, currency: 'USD', closed_at: '2025-12-31T00:00:00.000Z' },
      { opportunity_id: 'D3', rep_id: 'R1', created_at: '2026-02-01T00:00:00.000Z', status: 'open', amount: 5, currency: 'EUR', closed_at: null },
    ]);
  });

  it('values that fit neither the map nor the format are reported with the format expected', async () => {
    const path = tmp.write(
      'hubspot-bad.csv',
      'Deal ID,Owner,Created,Deal Stage,Deal Value,Close Date,Pipeline\n' +
        'D1,R1,05.01.2026,Closed Won,100,2/3/2026,x\n' +
        'D4,R1,2026-01-01,Weird,5,13/45/2026,x\n',
    );
    const r = await importOne(store, 'opportunities', path, {}, mapping);
    expect(r.written).toBe(false);
    expect(r.problems.map((p) => `${p.severity} ${brief(p)} | ${p.expected}`)).toEqual([
      'warning 1 Pipeline unknown_column null | columns that are not part of opportunities are ignored: Pipeline',
      'error 3 created_at bad_value "2026-01-01" | a date in the format DD.MM.YYYY',
      'error 3 status not_allowed "Weird" | one of: open, won, lost',
      'error 3 closed_at bad_value "13/45/2026" | a date in the format M/D/YYYY',
    ]);
  });

  it('a mapping naming a column the file lacks is a clear error naming the column and the file’s columns', async () => {
    const path = tmp.write('hubspot-renamed.csv', 'Deal ID,Owner,Created,Deal Stage,Amount,Close Date\nD9,R1,05.01.2026,Closed Won,100,2/3/2026\n');
    const r = await importOne(store, 'opportunities', path, {}, mapping);
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    const missing = r.problems.filter((p) => p.code === 'missing_column');
    expect(missing).toEqual([
      {
        code: 'missing_column',
        file: 'hubspot-renamed.csv',
        line: 1,
        column: 'Deal Value',
        value: null,
        expected: 'a column "Deal Value" (the mapping reads amount from it); the file\'s columns are: Deal ID, Owner, Created, Deal Stage, Amount, Close Date',
        severity: 'error',
      },
    ]);
    expect(formatProblem(missing[0])).toBe(
      'hubspot-renamed.csv:1: column Deal Value: expected a column "Deal Value" (the mapping reads amount from it); the file\'s columns are: Deal ID, Owner, Created, Deal Stage, Amount, Close Date',
    );
    expect(await store.query(`SELECT count(*) AS n FROM opportunities`)).toEqual([{ n: 0 }]);
  });

  it('a default fills a required column the file does not have', async () => {
    const m: EntityMapping = { columns: {}, values: {}, formats: {}, defaults: { status: 'open', amount: '0' } };
    const r = await importOne(store, 'opportunities', tmp.write('defaults.csv', 'opportunity_id,rep_id,created_at\nD20,R1,2026-01-01T00:00:00Z\n'), {}, m);
    expect(r.problems).toEqual([]);
    expect(await store.query(`SELECT opportunity_id, status, amount FROM opportunities`)).toEqual([{ opportunity_id: 'D20', status: 'open', amount: 0 }]);
  });

  it('date tokens become strptime formats', () => {
    expect(toStrptime('DD.MM.YYYY')).toBe('%d.%m.%Y');
    expect(toStrptime('M/D/YYYY')).toBe('%m/%d/%Y');
    expect(toStrptime('YYYY-MM-DD HH:mm:ss')).toBe('%Y-%m-%d %H:%M:%S');
    expect(toStrptime('%d/%m/%y')).toBe('%d/%m/%y');
  });

  it('a mapping with a date-time format reads the local time in the organisation’s zone', async () => {
    const m: EntityMapping = { columns: {}, values: {}, formats: { created_at: 'DD.MM.YYYY HH:mm' }, defaults: {} };
    await store.exec(`INSERT INTO settings VALUES ('timezone', 'Europe/Berlin')`);
    try {
      const r = await importOne(store, 'opportunities', tmp.write('fmt-tz.csv', 'opportunity_id,rep_id,created_at,status,amount\nD30,R1,31.03.2026 23:30,open,1\n'), {}, m);
      expect(r.problems).toEqual([]);
      expect(await store.query(`SELECT created_at FROM opportunities`)).toEqual([{ created_at: '2026-03-31T21:30:00.000Z' }]);
    } finally {
      await store.exec(`DELETE FROM settings WHERE key = 'timezone'`);
    }
  });
});

describe('mapping files that are wrong', () => {
  it('a file that is not JSON is a usage error', async () => {
    tmp.write('not-json.json', '{columns: }');
    expect(() => readMappingFile(tmp.join('not-json.json'))).toThrowError(/is not valid JSON/);
  });

  it('an unknown key is rejected', () => {
    tmp.write('typo.json', JSON.stringify({ colums: { amount: 'Deal Value' } }));
    expect(() => readMappingFile(tmp.join('typo.json'))).toThrowError(/is not a valid mapping/);
  });

  it('a wrong value type names the key that is wrong', () => {
    tmp.write('bad-type.json', JSON.stringify({ columns: { name: 5 } }));
    let message = '';
    try {
      readMappingFile(tmp.join('bad-type.json'));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('is not a valid mapping');
    expect(message).toContain('columns.name');
  });

  it('the CLI: a missing mapping file is exit 2 with the path', async () => {
    const run = await runCli(['--db', testDb(tmp, 'cli.duckdb'), 'import', 'opportunities', tmp.join('hubspot.csv'), '--map', tmp.join('nope.json')]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^quotient: cannot read the mapping file .*nope\.json: ENOENT/);
  });

  it('the CLI: a mapping naming a column the file lacks is exit 1 and says so on stderr', async () => {
    const run = await runCli(['--db', testDb(tmp, 'cli.duckdb'), 'import', 'opportunities', tmp.join('hubspot-renamed.csv'), '--map', tmp.join('hubspot.json')]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('hubspot-renamed.csv:1: column Deal Value: expected a column "Deal Value" (the mapping reads amount from it)');
  });
});

describe('mappings in folder imports', () => {
  it('a per-entity mapping names the file it reads', async () => {
    const m = readMappingFile(
      tmp.write('folder-map.json', JSON.stringify({ entities: { opportunities: { file: 'deals.csv', columns: { opportunity_id: 'Deal ID', amount: 'Deal Value' } } } })),
    );
    tmp.write('folder1/deals.csv', 'Deal ID,rep_id,created_at,status,Deal Value\nD40,R1,2026-01-01T00:00:00Z,open,10\n');
    tmp.write('folder1/accounts.csv', 'account_id,name\nA1,Acme\n');
    const plan = planFolder(tmp.join('folder1'), m);
    expect(plan.specs.map((s) => [s.entity, s.path])).toEqual([
      ['opportunities', tmp.join('folder1/deals.csv')],
      ['accounts', tmp.join('folder1/accounts.csv')],
    ]);
    const r = await importFiles(store, plan.specs);
    expect(r.problems).toEqual([]);
    expect(await store.query(`SELECT opportunity_id, amount FROM opportunities`)).toEqual([{ opportunity_id: 'D40', amount: 10 }]);
    await store.exec('DELETE FROM accounts');
  });

  it('a mapping whose file is not in the folder is a clear error', () => {
    const m = readMappingFile(tmp.write('folder-map2.json', JSON.stringify({ entities: { opportunities: { file: 'missing.csv' } } })));
    tmp.write('folder2/accounts.csv', 'account_id,name\nA1,Acme\n');
    expect(() => planFolder(tmp.join('folder2'), m)).toThrowError(`the mapping reads opportunities from missing.csv, which is not in ${tmp.join('folder2')}`);
  });

  it('a single-entity mapping applies only to its entity', async () => {
    const m = readMappingFile(tmp.write('accounts-map.json', JSON.stringify({ entity: 'accounts', columns: { name: 'Company' } })));
    tmp.write('folder3/accounts.csv', 'account_id,Company\nA7,Seven\n');
    tmp.write('folder3/teams.csv', 'team_id,name\nT7,Team Seven\n');
    const r = await importFiles(store, planFolder(tmp.join('folder3'), m).specs);
    expect(errorsBrief(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(await store.query(`SELECT team_id, name FROM teams WHERE team_id = 'T7'`)).toEqual([{ team_id: 'T7', name: 'Team Seven' }]);
  });
});
