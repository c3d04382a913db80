// CRM export presets: a sample export per preset, written by hand in each CRM's layout, imported
// with its preset and checked against KPIs worked out by hand; derived reps and accounts;
// re-imports that change nothing; a date that contradicts the preset's format.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { importFiles, type ImportResult } from '../../src/ingest/import.js';
import { planFolder } from '../../src/ingest/folder.js';
import { loadPreset, PRESETS_DIR } from '../../src/ingest/presets.js';
import { setSetting } from '../../src/store/settings.js';
import { runKpiQuery } from '../../src/query/engine.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { count, importOne, openStore, rowsOf } from '../helpers/store.js';

const tmp = useTempDir('quotient-presets-');
const CRM = fileURLToPath(new URL('../fixtures/crm/', import.meta.url));
let store: Store | null = null;

afterEach(async () => {
  await store?.close();
  store = null;
});

async function fresh(name: string, settings: Record<string, string> = {}): Promise<Store> {
  store = await openStore(testDb(tmp, name));
  for (const [k, v] of Object.entries(settings)) await setSetting(store, k, v);
  return store;
}

function importPreset(s: Store, folder: string, preset: string): Promise<ImportResult> {
  return importFiles(s, planFolder(join(CRM, folder), loadPreset(preset).mapping).specs);
}

const errors = (r: ImportResult) => r.problems.filter((p) => p.severity === 'error');

/** revenue, win rate (won/closed) and opportunities created in one month. */
async function month(s: Store, period: string) {
  const r = await runKpiQuery(s, { kpis: ['revenue', 'win_rate', 'opportunities_created'], period, asOf: '2026-11-23' });
  const row = (k: string) => r.rows.find((x) => x.kpi === k)!;
  return {
    revenue: row('revenue').value,
    won: row('win_rate').numerator,
    closed: row('win_rate').denominator,
    created: row('opportunities_created').value,
  };
}

const opp = (s: Store, id: string) => s.query(`SELECT * FROM opportunities WHERE opportunity_id = ?`, [id]).then((r) => r[0]);

describe('pipedrive', () => {
  it('English export: owners and organisations become reps and accounts; KPIs as worked out by hand', async () => {
    const s = await fresh('pd-en.duckdb');
    const r = await importPreset(s, 'pipedrive/en', 'pipedrive');
    expect(errors(r)).toEqual([]);
    expect(r.entities.map((e) => [e.entity, e.inserted])).toEqual([['reps', 3], ['accounts', 3], ['opportunities', 6]]);
    // Owners: "Anna Schmidt", "Ben Okafor", "carla@example.com" — slugs, the e-mail as it is.
    expect(await rowsOf(s, 'reps', 'rep_id')).toMatchObject([
      { rep_id: 'anna-schmidt', name: 'Anna Schmidt', email: null },
      { rep_id: 'ben-okafor', name: 'Ben Okafor', email: null },
      { rep_id: 'carla@example.com', name: 'carla@example.com', email: 'carla@example.com' },
    ]);
    // Deal 105 has no organisation: three accounts, and 105 has none.
    expect((await rowsOf(s, 'accounts', 'account_id')).map((a) => [a.account_id, a.name])).toEqual([['acme-corp', 'Acme Corp'], ['globex', 'Globex'], ['initech', 'Initech']]);
    expect(await opp(s, '105')).toMatchObject({ account_id: null, status: 'lost', lost_reason: 'No budget', closed_at: '2024-04-02T09:00:00.000Z' });
    // Open deal 104: probability 40 % → 0.4; no closed_at; the expected close date kept.
    expect(await opp(s, '104')).toMatchObject({ status: 'open', probability: 0.4, closed_at: null, expected_close_date: '2024-04-30', rep_id: 'anna-schmidt' });
    // closed_at: won time for won deals, lost time for lost ones.
    expect(await opp(s, '101')).toMatchObject({ closed_at: '2024-03-05T14:00:00.000Z', amount: 12000, currency: 'USD' });
    expect(await opp(s, '102')).toMatchObject({ closed_at: '2024-03-12T10:00:00.000Z' });
    // March 2024: won 101 (12000) and 103 (8000.50) → revenue 20000.50; closed 101, 102, 103 →
    // win rate 2/3; created in March: 103 (03-01) and 104 (03-02) → 2.
    expect(await month(s, '2024-03')).toEqual({ revenue: 20000.5, won: 2, closed: 3, created: 2 });
    // April: won 106 (7000), lost 105 → 7000, 1/2; nothing created.
    expect(await month(s, '2024-04')).toEqual({ revenue: 7000, won: 1, closed: 2, created: 0 });
  });

  it('German export (Deal - Titel, Wert, Währung, Besitzer, gewonnen/verloren, …)', async () => {
    const s = await fresh('pd-de.duckdb', { currency: 'EUR' });
    const r = await importPreset(s, 'pipedrive/de', 'pipedrive');
    expect(errors(r)).toEqual([]);
    // "Jürgen Müller" → jurgen-muller, "Petra Weiß" → petra-weiss.
    expect((await rowsOf(s, 'reps', 'rep_id')).map((x) => [x.rep_id, x.name])).toEqual([['jurgen-muller', 'Jürgen Müller'], ['petra-weiss', 'Petra Weiß']]);
    expect((await rowsOf(s, 'accounts', 'account_id')).map((x) => [x.account_id, x.name])).toEqual([
      ['muller-sohne-gmbh', 'Müller & Söhne GmbH'],
      ['schulz-ag', 'Schulz AG'],
      ['weber-klein-partner', 'Weber, Klein & Partner'],
    ]);
    expect(await opp(s, '202')).toMatchObject({ status: 'lost', lost_reason: 'Preis zu hoch', stage: 'Angebot', closed_at: '2024-06-14T12:00:00.000Z' });
    expect(await opp(s, '203')).toMatchObject({ status: 'open', probability: 0.6, closed_at: null });
    // June 2024: won 201 (15000) and 204 (2500.75) → 17500.75 EUR; closed 201, 202, 204 → 2/3;
    // created in June: 203 (06-01), 204 (06-05) → 2.
    expect(await month(s, '2024-06')).toEqual({ revenue: 17500.75, won: 2, closed: 3, created: 2 });
  });

  it('re-importing the same export changes nothing, and reps the store has keep their details', async () => {
    const s = await fresh('pd-again.duckdb');
    // A rep imported before, with a longer name and an e-mail: the export only knows "Anna Schmidt".
    expect((await importOne(s, 'reps', tmp.write('reps.csv', 'rep_id,name,email\nanna-schmidt,Anna Schmidt-Berg,anna@example.com\n'))).ok).toBe(true);
    const first = await importPreset(s, 'pipedrive/en', 'pipedrive');
    expect(errors(first)).toEqual([]);
    expect(first.entities.map((e) => [e.entity, e.inserted, e.updated, e.unchanged])).toEqual([['reps', 2, 0, 1], ['accounts', 3, 0, 0], ['opportunities', 6, 0, 0]]);
    const before = await rowsOf(s, 'opportunities', 'opportunity_id');
    const again = await importPreset(s, 'pipedrive/en', 'pipedrive');
    expect(again.ok).toBe(true);
    expect(again.entities.map((e) => [e.entity, e.inserted, e.updated, e.unchanged])).toEqual([['reps', 0, 0, 3], ['accounts', 0, 0, 3], ['opportunities', 0, 0, 6]]);
    expect(await rowsOf(s, 'opportunities', 'opportunity_id')).toEqual(before);
    expect(await rowsOf(s, 'reps', 'rep_id')).toMatchObject([{ rep_id: 'anna-schmidt', name: 'Anna Schmidt-Berg', email: 'anna@example.com' }, { rep_id: 'ben-okafor' }, { rep_id: 'carla@example.com' }]);
    expect(await count(s, 'reps')).toBe(3);
  });
});

describe('hubspot', () => {
  it('CRM export with labels: status from the deal stage, Close Date as closed_at or expected close', async () => {
    const s = await fresh('hs-ui.duckdb');
    const r = await importPreset(s, 'hubspot/ui', 'hubspot');
    expect(errors(r)).toEqual([]);
    expect(r.entities.map((e) => [e.entity, e.inserted])).toEqual([['reps', 2], ['accounts', 4], ['opportunities', 5]]);
    expect(await opp(s, '9003')).toMatchObject({ status: 'open', stage: 'Contract Sent', closed_at: null, expected_close_date: '2024-09-30', rep_id: 'dana-lee', account_id: 'umbrella' });
    expect(await opp(s, '9002')).toMatchObject({ status: 'lost', closed_at: '2024-07-15T09:00:00.000Z', expected_close_date: null });
    // No amount → 0 (the preset's default); no company → no account.
    expect(await opp(s, '9005')).toMatchObject({ amount: 0, status: 'open' });
    expect(await opp(s, '9004')).toMatchObject({ account_id: null, amount: 5200.5 });
    // July 2024: won 9001 (4800) + 9004 (5200.50) = 10000.50; closed 9001, 9002, 9004 → 2/3;
    // created in July: 9003, 9004, 9005 → 3.
    expect(await month(s, '2024-07')).toEqual({ revenue: 10000.5, won: 2, closed: 3, created: 3 });
  });

  it('property-name export (dealstage closedwon/closedlost, hubspot_owner_id)', async () => {
    const s = await fresh('hs-api.duckdb');
    const r = await importPreset(s, 'hubspot/api', 'hubspot');
    expect(errors(r)).toEqual([]);
    expect((await rowsOf(s, 'reps', 'rep_id')).map((x) => [x.rep_id, x.name])).toEqual([['71234', '71234'], ['71299', '71299']]);
    // August 2024: won 11 (1000), lost 12 → revenue 1000, 1/2; created in August: 13 → 1.
    expect(await month(s, '2024-08')).toEqual({ revenue: 1000, won: 1, closed: 2, created: 1 });
  });
});

describe('salesforce', () => {
  it('API export with User, Account and OpportunityHistory: names from those files, stage history', async () => {
    const s = await fresh('sf-api.duckdb');
    const r = await importPreset(s, 'salesforce/api', 'salesforce');
    expect(errors(r)).toEqual([]);
    expect(r.entities.map((e) => [e.entity, e.inserted])).toEqual([['reps', 2], ['accounts', 3], ['opportunities', 4], ['stage_changes', 5]]);
    expect((await rowsOf(s, 'reps', 'rep_id')).map((x) => [x.name, x.email])).toEqual([['Grace Hopper', 'grace@example.com'], ['Alan Turing', 'alan@example.com']]);
    expect((await rowsOf(s, 'accounts', 'account_id')).map((x) => [x.name, x.industry, x.country])).toEqual([['Acme Corp', 'Manufacturing', 'US'], ['Globex', 'Energy', 'DE'], ['Initech', 'Technology', 'US']]);
    // IsClosed|IsWon: true|true won, true|false lost, false|false open. Probability 90 → 0.9.
    expect(await opp(s, '0065g00000AbC03AAA')).toMatchObject({ status: 'open', probability: 0.9, closed_at: null, expected_close_date: '2024-10-31', source: 'Web', created_at: '2024-09-05T08:00:00.000Z' });
    expect(await opp(s, '0065g00000AbC02AAA')).toMatchObject({ status: 'lost', closed_at: '2024-09-20T00:00:00.000Z', probability: 0 });
    expect(await count(s, 'stage_changes')).toBe(5);
    // September 2024: won …01 (25000) + …04 (4000.25) = 29000.25; closed …01, …02, …04 → 2/3;
    // created in September: …03 (09-05), …04 (09-01) → 2.
    expect(await month(s, '2024-09')).toEqual({ revenue: 29000.25, won: 2, closed: 3, created: 2 });
  });

  it('report export with labels and M/D/YYYY dates', async () => {
    const s = await fresh('sf-report.duckdb');
    const r = await importPreset(s, 'salesforce/report', 'salesforce-report');
    expect(errors(r)).toEqual([]);
    expect((await rowsOf(s, 'reps', 'rep_id')).map((x) => [x.rep_id, x.name])).toEqual([['alan-turing', 'Alan Turing'], ['grace-hopper', 'Grace Hopper']]);
    // 12/13/2024 is December 13 (month first); 10/12/2024 is October 12.
    expect(await opp(s, 'Acme - Upsell')).toMatchObject({ status: 'open', expected_close_date: '2024-12-13', created_at: '2024-10-12T00:00:00.000Z', probability: 0.5, stage: 'Proposal/Price Quote' });
    // October 2024: won Acme - Renewal (12000, 10/3) + Initech - Pilot (3000, 10/28) = 15000;
    // closed those two and Globex - New (10/17) → 2/3; created in October: 10/1 and 10/12 → 2
    // (read day first, 10/12 would be 10 December and 10/1 10 January).
    expect(await month(s, '2024-10')).toEqual({ revenue: 15000, won: 2, closed: 3, created: 2 });
  });

  it('a report whose dates contradict the preset (day first) is refused, naming file, column, value, and nothing is written', async () => {
    const s = await fresh('sf-dmy.duckdb');
    const r = await importPreset(s, 'salesforce/report-day-first', 'salesforce-report');
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    const bad = errors(r);
    expect(bad.map((p) => [p.file, p.line, p.column, p.value, p.code])).toEqual([
      ['opportunities-report.csv', 2, 'created_at', '15/8/2024', 'bad_value'],
      ['opportunities-report.csv', 3, 'closed_at', '17/10/2024', 'bad_value'],
      ['opportunities-report.csv', 4, 'closed_at', '28/10/2024', 'bad_value'],
      ['opportunities-report.csv', 5, 'expected_close_date', '13/12/2024', 'bad_value'],
    ]);
    expect(bad[1].expected).toBe(
      'a date in the format M/D/YYYY (column "Close Date"): month first, as the mapping presets/salesforce-report.json assumes; this value has the day first. If the file writes the day first, set "formats": {"closed_at": "D/M/YYYY"} in a copy of the mapping and import with --map (or --preset) and the copy',
    );
    for (const t of ['reps', 'accounts', 'opportunities', 'import_log']) expect(await count(s, t)).toBe(0);
  });

  it('the same export imports with a copy of the preset that says day first', async () => {
    const s = await fresh('sf-dmy-copy.duckdb');
    // What a user does: copy presets/salesforce-report.json and edit its formats.
    const copy = JSON.parse(readFileSync(join(PRESETS_DIR, 'salesforce-report.json'), 'utf8')) as { entities: Record<string, { formats: Record<string, string> }> };
    copy.entities.opportunities.formats = { created_at: 'D/M/YYYY', closed_at: 'D/M/YYYY', expected_close_date: 'D/M/YYYY' };
    const path = tmp.write('my-salesforce-report.json', JSON.stringify(copy));
    const r = await importFiles(s, planFolder(join(CRM, 'salesforce/report-day-first'), loadPreset(path).mapping).specs);
    expect(errors(r)).toEqual([]);
    // Read day first, the same deals as the month-first sample: October 2024 as there.
    expect(await month(s, '2024-10')).toEqual({ revenue: 15000, won: 2, closed: 3, created: 2 });
  });
});

describe('close', () => {
  it('value in cents, monthly values × 12, leads as accounts, users as reps', async () => {
    const s = await fresh('close.duckdb');
    const r = await importPreset(s, 'close', 'close');
    expect(errors(r)).toEqual([]);
    expect((await rowsOf(s, 'accounts', 'account_id')).map((x) => [x.account_id, x.name])).toEqual([['lead_Acme01', 'Acme Corp'], ['lead_Glob02', 'Globex'], ['lead_Init03', 'Initech']]);
    expect((await rowsOf(s, 'reps', 'rep_id')).map((x) => [x.rep_id, x.name])).toEqual([['maria-garcia', 'Maria Garcia'], ['tom-baker', 'Tom Baker']]);
    // 1250000 cents one_time → 12500; 50000 cents monthly → 500 × 12 = 6000; 2400000 annual → 24000.
    expect(await opp(s, 'oppo_7kA1')).toMatchObject({ amount: 12500, status: 'won', closed_at: '2024-11-05T00:00:00.000Z', lead_id: null });
    expect(await opp(s, 'oppo_7kA3')).toMatchObject({ amount: 6000 });
    expect(await opp(s, 'oppo_7kA4')).toMatchObject({ amount: 24000, status: 'open', stage: 'Demo Scheduled', probability: 0.25, closed_at: null });
    expect(await opp(s, 'oppo_7kA2')).toMatchObject({ amount: 3000, status: 'lost', closed_at: '2024-11-12T00:00:00.000Z' });
    // November 2024: won 12500 + 6000 = 18500; closed A1, A2, A3 → 2/3; created in November: A4 → 1.
    expect(await month(s, '2024-11')).toEqual({ revenue: 18500, won: 2, closed: 3, created: 1 });
  });

  it('re-importing the same export changes nothing', async () => {
    const s = await fresh('close-again.duckdb');
    expect((await importPreset(s, 'close', 'close')).ok).toBe(true);
    const again = await importPreset(s, 'close', 'close');
    expect(again.entities.map((e) => [e.entity, e.inserted, e.updated, e.unchanged])).toEqual([['reps', 0, 0, 2], ['accounts', 0, 0, 3], ['opportunities', 0, 0, 4]]);
  });
});
