// Export writes the import format: export → import into a new store → export again gives
// byte-identical files, in CSV and in Parquet, and the same data in both stores.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { entities } from '../../src/model/entities.js';
import type { EntityName } from '../../src/model/fields.js';
import { exportStore, type ExportFormat } from '../../src/export/export.js';
import { importFiles } from '../../src/ingest/import.js';
import { planFolder } from '../../src/ingest/folder.js';
import { setSetting } from '../../src/store/settings.js';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../helpers/store.js';
import { fullDataSet, fullDataSetRows } from '../helpers/full-dataset.js';

const tmp = useTempDir('quotient-export-');
let source: Store;

async function tables(s: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const e of entities) out[e.name] = await s.query(`SELECT * FROM ${e.name} ORDER BY ${e.key.map((k) => `"${k}"`).join(', ')}`);
  return out;
}

async function importFolder(s: Store, dir: string) {
  const r = await importFiles(s, planFolder(dir).specs);
  expect(r.problems).toEqual([]);
  expect(r.ok).toBe(true);
  return r;
}

beforeAll(async () => {
  for (const [entity, text] of Object.entries(fullDataSet)) tmp.write(`input/${entity}.csv`, text);
  source = await openStore(tmp.join('source.duckdb'));
  const r = await importFolder(source, tmp.join('input'));
  expect(Object.fromEntries(r.entities.map((e) => [e.entity, e.inserted]))).toEqual(fullDataSetRows);
});

afterAll(async () => {
  await source?.close();
});

describe.each(['csv', 'parquet'] as ExportFormat[])('round trip through %s', (format) => {
  it('export → import into a new store → export: byte-identical files, identical tables', async () => {
    const first = tmp.join(`${format}-1`);
    const r1 = await exportStore(source, first, format);
    expect(r1.files.map((f) => [f.entity, f.rows])).toEqual(entities.map((e) => [e.name, fullDataSetRows[e.name as EntityName]]));
    expect(readdirSync(first).sort()).toEqual(entities.map((e) => `${e.name}.${format}`).sort());

    const copy = await openStore(tmp.join(`${format}-copy.duckdb`));
    try {
      const r = await importFolder(copy, first);
      expect(r.entities.map((e) => [e.entity, e.inserted])).toEqual(Object.entries(fullDataSetRows));
      expect(await tables(copy)).toEqual(await tables(source));
      const second = tmp.join(`${format}-2`);
      await exportStore(copy, second, format);
      for (const e of entities) {
        const name = `${e.name}.${format}`;
        expect(readFileSync(tmp.join(`${format}-2`, name)).equals(readFileSync(tmp.join(`${format}-1`, name))), name).toBe(true);
      }
    } finally {
      await copy.close();
    }
  });

  it('importing the export back into its own store changes nothing', async () => {
    const r = await importFiles(source, planFolder(tmp.join(`${format}-1`)).specs);
    expect(r.ok).toBe(true);
    expect(r.entities.every((e) => e.inserted === 0 && e.updated === 0 && e.unchanged === e.rows)).toBe(true);
  });

  it('a store in Europe/Berlin exports the same instants and round-trips the same way', async () => {
    const a = await openStore(tmp.join(`${format}-berlin-a.duckdb`));
    const b = await openStore(tmp.join(`${format}-berlin-b.duckdb`));
    try {
      await setSetting(a, 'timezone', 'Europe/Berlin');
      await setSetting(b, 'timezone', 'Europe/Berlin');
      await importFolder(a, tmp.join(`${format}-1`));
      expect(await tables(a)).toEqual(await tables(source));
      await exportStore(a, tmp.join(`${format}-berlin-1`), format);
      await importFolder(b, tmp.join(`${format}-berlin-1`));
      await exportStore(b, tmp.join(`${format}-berlin-2`), format);
      for (const e of entities) {
        const name = `${e.name}.${format}`;
        expect(readFileSync(tmp.join(`${format}-berlin-2`, name)).equals(readFileSync(tmp.join(`${format}-1`, name))), name).toBe(true);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('a store that holds only some entities', () => {
  it.each(['csv', 'parquet'] as ExportFormat[])('%s: export → import into a new store gives the same data', async (format) => {
    const partial = await openStore(tmp.join(`partial-${format}.duckdb`));
    const copy = await openStore(tmp.join(`partial-${format}-copy.duckdb`));
    try {
      tmp.write(`partial-input/reps.csv`, fullDataSet.reps.replace(/,T[12],/g, ',,'));
      tmp.write(`partial-input/accounts.csv`, fullDataSet.accounts);
      await importFolder(partial, tmp.join('partial-input'));
      const out = tmp.join(`partial-${format}-export`);
      await exportStore(partial, out, format);
      const r = await importFiles(copy, planFolder(out).specs);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.ok).toBe(true);
      expect(await tables(copy)).toEqual(await tables(partial));
    } finally {
      await partial.close();
      await copy.close();
    }
  });
});

describe('the CSV export format', () => {
  it('timestamps in UTC with Z, money without trailing zeros, the import’s column order', async () => {
    await exportStore(source, tmp.join('csv-1'), 'csv');
    expect(readFileSync(tmp.join('csv-1', 'opportunities.csv'), 'utf8')).toBe(
      'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,lead_id,source,technique,expected_close_date,probability,lost_reason\n' +
        'O1,A1,R3,2026-01-05T10:00:00Z,won,Negotiation,12500.5,EUR,2026-02-20T16:30:00Z,L1,web,SPIN,2026-02-28,1.0,\n' +
        'O2,A2,R4,2026-01-10T11:00:00Z,lost,Proposal,999.99,,2026-03-01T09:00:00Z,,event,Challenger,,0.25,"price, timing"\n' +
        'O3,A3,R3,2026-02-01T08:00:00Z,open,Demo,0,USD,,,referral,,2026-06-30,0.3,\n',
    );
    expect(readFileSync(tmp.join('csv-1', 'leads.csv'), 'utf8').split('\n')[2]).toBe('L2,2026-01-03T12:00:00.250000Z,event,R4,,open,,');
    expect(readFileSync(tmp.join('csv-1', 'activities.csv'), 'utf8')).toContain('AC3,R4,meeting,2026-01-12T14:00:00Z,O2,A2,,"no decision\nyet",3600\n');
  });

  it('`quotient export` lists each file with its rows; a bad --format is exit 2', async () => {
    const db = tmp.join('cli.duckdb');
    const imp = await runCli(['--db', db, 'import', '--dir', tmp.join('input'), '--format', 'json']);
    expect(imp.code).toBe(0);
    const run = await runCli(['--db', db, 'export', '--out', tmp.join('cli-out')]);
    expect(run.code).toBe(0);
    expect(run.out.trimEnd().split('\n').map((l) => l.split(/\s+/).slice(0, 2))).toEqual(entities.map((e) => [e.name, String(fullDataSetRows[e.name as EntityName])]));
    await exportStore(source, tmp.join('csv-ref'), 'csv');
    expect(readFileSync(tmp.join('cli-out', 'opportunities.csv'), 'utf8')).toBe(readFileSync(tmp.join('csv-ref', 'opportunities.csv'), 'utf8'));
    expect(await runCli(['--db', db, 'export', '--out', tmp.join('x'), '--format', 'xlsx'])).toEqual({ code: 2, out: '', err: 'quotient: --format: expected csv or parquet, got "xlsx"\n' });
  });
});
