// Which preset a folder's files look like: each sample export is recognised by its headers; two
// presets that fit about equally are refused (exit 2, naming both); nothing matching leaves the
// plain canonical import. And the CLI: --preset by name or as an edited copy, --map with a copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { detectPreset, PRESETS_DIR, presetNames, scorePresets } from '../../src/ingest/presets.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { runCli } from '../helpers/cli.js';
import { count, openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-presets-detect-');
const CRM = fileURLToPath(new URL('../fixtures/crm/', import.meta.url));
let store: Store | null = null;

afterEach(async () => {
  await store?.close();
  store = null;
});

// Headers of a Salesforce API export and a HubSpot property export mixed: both presets fit about as well.
const AMBIGUOUS = 'Id,StageName,Amount,CloseDate,IsClosed,IsWon,OwnerId,CreatedDate,hs_object_id,dealname,dealstage,closedate,createdate,hubspot_owner_id\n';

describe('detection', () => {
  it('ships the five presets', () => {
    expect(presetNames()).toEqual(['close', 'hubspot', 'pipedrive', 'salesforce', 'salesforce-report']);
  });

  it.each([
    ['pipedrive/en', 'pipedrive'],
    ['pipedrive/de', 'pipedrive'],
    ['hubspot/ui', 'hubspot'],
    ['hubspot/api', 'hubspot'],
    ['salesforce/api', 'salesforce'],
    ['salesforce/report', 'salesforce-report'],
    ['close', 'close'],
  ])('%s looks like %s', (folder, preset) => {
    const found = detectPreset(join(CRM, folder));
    expect(found?.preset.id).toBe(preset);
    // Clearly ahead of every other preset.
    const [best, second] = scorePresets(join(CRM, folder));
    expect(best.score - second.score).toBeGreaterThanOrEqual(0.2);
  });

  it('refuses to guess between two presets that fit about equally, naming both', () => {
    tmp.write('mixed/export.csv', AMBIGUOUS + '1,Closed Won,10,2024-01-01,true,true,U1,2024-01-01,1,x,closedwon,2024-01-01,2024-01-01,7\n');
    expect(() => detectPreset(tmp.join('mixed'))).toThrow(/fit two presets about equally: hubspot \(73% of its columns in export\.csv\) and salesforce \(67% of its columns in export\.csv\); pass --preset hubspot or --preset salesforce/);
  });

  it('finds nothing in canonical files or unrelated ones', () => {
    tmp.write('canonical/opportunities.csv', 'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,probability\n');
    tmp.write('canonical/reps.csv', 'rep_id,name,email\n');
    expect(detectPreset(tmp.join('canonical'))).toBeNull();
    tmp.write('other/contacts.csv', 'First Name,Last Name,Phone,City\n');
    expect(detectPreset(tmp.join('other'))).toBeNull();
  });
});

describe('quotient import --dir with presets', () => {
  it('says which preset it chose, on stderr, and imports with it', async () => {
    const db = testDb(tmp, 'cli-pd.duckdb');
    const run = await runCli(['--db', db, 'import', '--dir', join(CRM, 'pipedrive/de'), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.err).toBe('note: these files look like a Pipedrive export; reading them with the pipedrive preset (presets/pipedrive.json)\n');
    const out = JSON.parse(run.out) as { preset: string; entities: { entity: string; inserted: number }[] };
    expect(out.preset).toBe('pipedrive');
    expect(out.entities.map((e) => [e.entity, e.inserted])).toEqual([['reps', 2], ['accounts', 3], ['opportunities', 4]]);
  });

  it('an explicit --preset needs no detection and says nothing about it', async () => {
    const db = testDb(tmp, 'cli-close.duckdb');
    const run = await runCli(['--db', db, 'import', '--dir', join(CRM, 'close'), '--preset', 'close']);
    expect(run.code).toBe(0);
    expect(run.err).not.toContain('note: these files look like');
    expect(run.out).toContain('opportunities           4           4');
  });

  it('refuses to guess between two presets: exit 2, both named, nothing written', async () => {
    tmp.write('mixed-cli/export.csv', AMBIGUOUS + '1,Closed Won,10,2024-01-01,true,true,U1,2024-01-01,1,x,closedwon,2024-01-01,2024-01-01,7\n');
    const db = testDb(tmp, 'cli-mixed.duckdb');
    const run = await runCli(['--db', db, 'import', '--dir', tmp.join('mixed-cli')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('fit two presets about equally: hubspot');
    expect(run.err).toContain('pass --preset hubspot or --preset salesforce');
    store = await openStore(db);
    expect(await count(store, 'opportunities')).toBe(0);
  });

  it('a folder that is neither canonical nor like any preset says so', async () => {
    tmp.write('nothing/contacts.csv', 'First Name,Last Name,Phone\nAda,Lovelace,1\n');
    const run = await runCli(['--db', testDb(tmp, 'cli-nothing.duckdb'), 'import', '--dir', tmp.join('nothing')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('its headers look like none of the CRM presets (close, hubspot, pipedrive, salesforce, salesforce-report); name one with --preset, or map the columns with --map');
  });

  it('canonical folders import as before, without a note', async () => {
    tmp.write('plain/reps.csv', 'rep_id,name\nR1,Ann\n');
    tmp.write('plain/opportunities.csv', 'opportunity_id,rep_id,created_at,status,amount\nO1,R1,2024-01-01T00:00:00Z,open,10\n');
    const run = await runCli(['--db', testDb(tmp, 'cli-plain.duckdb'), 'import', '--dir', tmp.join('plain')]);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
  });

  it('an edited copy of a preset works with --preset FILE.json and with --map', async () => {
    const copy = JSON.parse(readFileSync(join(PRESETS_DIR, 'salesforce-report.json'), 'utf8')) as { entities: { opportunities: { formats: Record<string, string> } } };
    copy.entities.opportunities.formats = { created_at: 'D/M/YYYY', closed_at: 'D/M/YYYY', expected_close_date: 'D/M/YYYY' };
    const path = tmp.write('my-report.json', JSON.stringify(copy, null, 2));
    const dir = join(CRM, 'salesforce/report-day-first');
    const viaPreset = await runCli(['--db', testDb(tmp, 'cli-copy-1.duckdb'), 'import', '--dir', dir, '--preset', path]);
    expect(viaPreset.code).toBe(0);
    const viaMap = await runCli(['--db', testDb(tmp, 'cli-copy-2.duckdb'), 'import', '--dir', dir, '--map', path]);
    expect(viaMap.code).toBe(0);
    expect(viaMap.out).toContain('opportunities           4           4');
    // The built-in preset on the same files: exit 1, the contradicting dates named.
    const builtIn = await runCli(['--db', testDb(tmp, 'cli-copy-3.duckdb'), 'import', '--dir', dir, '--preset', 'salesforce-report']);
    expect(builtIn.code).toBe(1);
    expect(builtIn.err).toContain('opportunities-report.csv:3: column closed_at: "17/10/2024": expected a date in the format M/D/YYYY (column "Close Date"): month first, as the mapping presets/salesforce-report.json assumes; this value has the day first.');
    expect(builtIn.err).toContain('Nothing was written');
  });

  it('a single file with --preset; an unknown preset and --preset with --map are usage errors', async () => {
    const run = await runCli(['--db', testDb(tmp, 'cli-one.duckdb'), 'import', 'opportunities', join(CRM, 'hubspot/api/deals.csv'), '--preset', 'hubspot']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('reps                    2           2');
    const unknown = await runCli(['--db', testDb(tmp, 'cli-two.duckdb'), 'import', '--dir', join(CRM, 'close'), '--preset', 'zoho']);
    expect(unknown).toMatchObject({ code: 2, err: 'quotient: --preset: unknown preset "zoho"; expected one of: close, hubspot, pipedrive, salesforce, salesforce-report, or a mapping file (.json)\n' });
    const both = await runCli(['--db', testDb(tmp, 'cli-three.duckdb'), 'import', '--dir', join(CRM, 'close'), '--preset', 'close', '--map', 'x.json']);
    expect(both.code).toBe(2);
  });
});
