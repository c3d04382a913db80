// Re-importing the same export changes nothing; a changed row replaces its record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import type { ImportResult } from '../../src/ingest/import.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { importOne, openStore, rowsOf } from '../helpers/store.js';

const tmp = useTempDir('quotient-idem-');
let store: Store;

const HEADER = 'opportunity_id,rep_id,created_at,status,amount,currency,closed_at,probability';
const ROWS = [
  'O1,R1,2026-01-05T10:00:00Z,won,1000.50,EUR,2026-02-01T12:00:00Z,1',
  'O2,R1,2026-01-06T10:00:00Z,lost,200,,2026-02-02T12:00:00Z,0',
  'O3,R2,2026-01-07T10:00:00Z,open,300.25,USD,,0.4',
  'O4,R2,2026-01-08T10:00:00Z,open,0,,,',
  'O5,R1,2026-01-09T10:00:00Z,won,5.5,GBP,2026-03-01T00:00:00Z,0.9',
];
const csv = (rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

const counts = (r: ImportResult) => r.entities.map(({ entity, rows, inserted, updated, unchanged, rejected }) => ({ entity, rows, inserted, updated, unchanged, rejected }));

const dataVersion = async () => Number((await store.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = 'data_version'`))[0].value);

beforeAll(async () => {
  store = await openStore(testDb(tmp, 'store.duckdb'));
  const r = await importOne(store, 'reps', tmp.write('reps.csv', 'rep_id,name\nR1,Ann\nR2,Bob\n'));
  expect(r.ok).toBe(true);
});

afterAll(async () => {
  await store?.close();
});

describe('re-importing opportunities', () => {
  let snapshot: Record<string, unknown>[] = [];

  it('the first import inserts every row', async () => {
    const r = await importOne(store, 'opportunities', tmp.write('opps.csv', csv(ROWS)));
    expect(r.ok).toBe(true);
    expect(counts(r)).toEqual([{ entity: 'opportunities', rows: 5, inserted: 5, updated: 0, unchanged: 0, rejected: 0 }]);
    snapshot = await rowsOf(store, 'opportunities', 'opportunity_id');
    expect(snapshot).toHaveLength(5);
    expect(snapshot[0]).toEqual({
      opportunity_id: 'O1', account_id: null, rep_id: 'R1', created_at: '2026-01-05T10:00:00.000Z', status: 'won', stage: null, amount: 1000.5, currency: 'EUR',
      closed_at: '2026-02-01T12:00:00.000Z', lead_id: null, source: null, technique: null, expected_close_date: null, probability: 1, lost_reason: null,
    });
  });

  it('the same file again: inserted 0, unchanged 5, the table identical', async () => {
    const v = await dataVersion();
    const r = await importOne(store, 'opportunities', tmp.join('opps.csv'));
    expect(r.ok).toBe(true);
    expect(counts(r)).toEqual([{ entity: 'opportunities', rows: 5, inserted: 0, updated: 0, unchanged: 5, rejected: 0 }]);
    expect(await rowsOf(store, 'opportunities', 'opportunity_id')).toEqual(snapshot);
    expect(await dataVersion()).toBe(v + 1);
  });

  it('the same data written differently (order, number and time formats, case) is unchanged', async () => {
    const other = [
      'O5,R1,2026-01-09T11:00:00+01:00,WON,5.50,gbp,2026-03-01T01:00:00+01:00,0.90',
      'O4,R2,2026-01-08 10:00:00Z,Open,0.00,,,',
      'O3,R2,2026-01-07T10:00:00Z,open,300.250,usd,,.4',
      'O2,R1,2026-01-06T10:00:00.000Z,lost, 200 ,,2026-02-02T12:00:00Z,0.0',
      'O1,R1,2026-01-05T10:00:00Z,won,1000.5,EUR,2026-02-01T12:00:00Z,1.0',
    ];
    const r = await importOne(store, 'opportunities', tmp.write('opps-other.csv', csv(other)));
    expect(r.problems).toEqual([]);
    expect(counts(r)).toEqual([{ entity: 'opportunities', rows: 5, inserted: 0, updated: 0, unchanged: 5, rejected: 0 }]);
    expect(await rowsOf(store, 'opportunities', 'opportunity_id')).toEqual(snapshot);
  });

  it('one changed amount: updated 1, the stored value changed, the others untouched', async () => {
    const changed = [...ROWS];
    changed[2] = 'O3,R2,2026-01-07T10:00:00Z,open,350.75,USD,,0.4';
    const r = await importOne(store, 'opportunities', tmp.write('opps-changed.csv', csv(changed)));
    expect(counts(r)).toEqual([{ entity: 'opportunities', rows: 5, inserted: 0, updated: 1, unchanged: 4, rejected: 0 }]);
    const now = await rowsOf(store, 'opportunities', 'opportunity_id');
    expect(now[2]).toEqual({ ...snapshot[2], amount: 350.75 });
    expect(now.filter((_, i) => i !== 2)).toEqual(snapshot.filter((_, i) => i !== 2));
  });

  it('a new row, a changed row and one changed back: inserted 1, updated 2', async () => {
    const more = [...ROWS, 'O6,R2,2026-01-10T10:00:00Z,open,60,,,'];
    more[0] = 'O1,R1,2026-01-05T10:00:00Z,lost,1000.50,EUR,2026-02-01T12:00:00Z,1';
    const r = await importOne(store, 'opportunities', tmp.write('opps-more.csv', csv(more)));
    expect(counts(r)).toEqual([{ entity: 'opportunities', rows: 6, inserted: 1, updated: 2, unchanged: 3, rejected: 0 }]);
    expect(await store.query(`SELECT opportunity_id, status, amount FROM opportunities WHERE opportunity_id IN ('O1', 'O3', 'O6') ORDER BY 1`)).toEqual([
      { opportunity_id: 'O1', status: 'lost', amount: 1000.5 },
      { opportunity_id: 'O3', status: 'open', amount: 300.25 },
      { opportunity_id: 'O6', status: 'open', amount: 60 },
    ]);
    const log = await store.query(`SELECT inserted, updated, unchanged, rejected FROM import_log WHERE entity = 'opportunities' ORDER BY started_at`);
    expect(log).toEqual([
      { inserted: 5, updated: 0, unchanged: 0, rejected: 0 },
      { inserted: 0, updated: 0, unchanged: 5, rejected: 0 },
      { inserted: 0, updated: 0, unchanged: 5, rejected: 0 },
      { inserted: 0, updated: 1, unchanged: 4, rejected: 0 },
      { inserted: 1, updated: 2, unchanged: 3, rejected: 0 },
    ]);
  });
});

describe('composite keys', () => {
  it('fx_rates (date + currency): re-import unchanged, one changed rate updated', async () => {
    const rates = ['2026-01-01,EUR,1.08', '2026-01-01,GBP,1.27', '2026-01-02,EUR,1.09'];
    const head = 'date,currency,rate';
    const first = await importOne(store, 'fx_rates', tmp.write('fx.csv', [head, ...rates].join('\n') + '\n'));
    expect(counts(first)[0]).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    const again = await importOne(store, 'fx_rates', tmp.join('fx.csv'));
    expect(counts(again)[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const changed = await importOne(store, 'fx_rates', tmp.write('fx2.csv', [head, rates[0], '2026-01-01,GBP,1.3', rates[2]].join('\n') + '\n'));
    expect(counts(changed)[0]).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await rowsOf(store, 'fx_rates', 'date, currency')).toEqual([
      { date: '2026-01-01', currency: 'EUR', rate: 1.08 },
      { date: '2026-01-01', currency: 'GBP', rate: 1.3 },
      { date: '2026-01-02', currency: 'EUR', rate: 1.09 },
    ]);
  });

  it('stage_changes (every column is the key): re-import unchanged', async () => {
    const text = 'opportunity_id,stage,entered_at\nO1,Demo,2026-01-06T00:00:00Z\nO1,Proposal,2026-01-20T00:00:00Z\n';
    const first = await importOne(store, 'stage_changes', tmp.write('sc.csv', text));
    expect(counts(first)[0]).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const again = await importOne(store, 'stage_changes', tmp.join('sc.csv'));
    expect(counts(again)[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect((await rowsOf(store, 'stage_changes', 'entered_at')).length).toBe(2);
  });

  it('JSON Lines: re-import unchanged', async () => {
    const text = '{"account_id":"A1","name":"Acme","segment":"SMB"}\n{"account_id":"A2","name":"Globex"}\n';
    const first = await importOne(store, 'accounts', tmp.write('accounts.jsonl', text));
    expect(counts(first)[0]).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const again = await importOne(store, 'accounts', tmp.join('accounts.jsonl'));
    expect(counts(again)[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });
});
