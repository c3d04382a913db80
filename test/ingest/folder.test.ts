// `import --dir`: every entity file of a folder in one transaction, references resolved across
// the files of the same import (including the teams ↔ reps cycle).
import { readFileSync } from 'node:fs';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { importFiles } from '../../src/ingest/import.js';
import { planFolder } from '../../src/ingest/folder.js';
import { makeTempDir, type TempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { runCli } from '../helpers/cli.js';
import { count, openStore } from '../helpers/store.js';

let tmp: TempDir;
let store: Store | null = null;

beforeEach(() => {
  tmp = makeTempDir('quotient-folder-');
});

afterEach(async () => {
  await store?.close();
  store = null;
  tmp.remove();
});

const TABLES = ['teams', 'reps', 'accounts', 'opportunities', 'import_log'];

async function counts(s: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await count(s, t);
  return out;
}

function writeSet(opportunities: string): void {
  tmp.write('set/teams.csv', 'team_id,name,manager_rep_id\nT1,North,R1\nT2,South,R2\n');
  tmp.write('set/reps.csv', 'rep_id,name,team_id,role\nR1,Ann,T1,manager\nR2,Bob,T2,manager\nR3,Cy,T1,rep\n');
  tmp.write('set/accounts.csv', 'account_id,name\nA1,Acme\n');
  tmp.write('set/opportunities.csv', opportunities);
  tmp.write('set/README.md', 'notes');
}

describe('planFolder', () => {
  it('finds one file per entity and lists the files it ignores', () => {
    writeSet('opportunity_id,rep_id,created_at,status,amount\n');
    tmp.write('set/opportunities.jsonl', '{}\n');
    tmp.write('set/opportunities.csv.rejects.csv', 'line,reasons\n');
    const plan = planFolder(tmp.join('set'));
    expect(plan.specs.map((s) => [s.entity, s.path])).toEqual([
      ['accounts', tmp.join('set/accounts.csv')],
      ['opportunities', tmp.join('set/opportunities.csv')],
      ['reps', tmp.join('set/reps.csv')],
      ['teams', tmp.join('set/teams.csv')],
    ]);
    expect(plan.ignored).toEqual(['README.md', 'opportunities.jsonl']);
  });

  it('a folder without entity files is a user error', () => {
    tmp.write('empty/notes.txt', 'x');
    expect(() => planFolder(tmp.join('empty'))).toThrowError(/holds no entity files/);
  });
});

describe('one transaction for the whole folder', () => {
  it('a bad row in one file writes nothing from any file', async () => {
    writeSet('opportunity_id,account_id,rep_id,created_at,status,amount\nO1,A1,R3,2026-01-01T00:00:00Z,open,10\nO2,A1,R3,2026-01-01T00:00:00Z,open,-10\n');
    store = await openStore(testDb(tmp, 's.duckdb'));
    const before = await counts(store);
    const r = await importFiles(store, planFolder(tmp.join('set')).specs);
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    expect(r.entities).toEqual([]);
    expect(r.problems.map((p) => [p.file, p.line, p.column, p.value, p.code])).toEqual([['opportunities.csv', 3, 'amount', '-10', 'out_of_range']]);
    expect(await counts(store)).toEqual(before);
    expect(before).toEqual({ teams: 0, reps: 0, accounts: 0, opportunities: 0, import_log: 0 });
  });

  it('the same through the CLI: exit 1, the problem on stderr, the store unchanged', async () => {
    writeSet('opportunity_id,account_id,rep_id,created_at,status,amount\nO1,A1,R3,2026-01-01T00:00:00Z,open,10\nO2,A404,R3,2026-01-01T00:00:00Z,open,10\n');
    const db = testDb(tmp, 'cli.duckdb');
    const run = await runCli(['--db', db, 'import', '--dir', tmp.join('set')]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('note: README.md is not an entity file and was not imported\n');
    expect(run.err).toContain('opportunities.csv:3: column account_id: "A404": expected the id of an existing account');
    expect(run.err).toContain('Nothing was written');
    store = await openStore(db);
    expect(await counts(store)).toEqual({ teams: 0, reps: 0, accounts: 0, opportunities: 0, import_log: 0 });
  });

  it('references resolve across the files of one import, including the teams ↔ reps cycle', async () => {
    writeSet('opportunity_id,account_id,rep_id,created_at,status,amount\nO1,A1,R3,2026-01-01T00:00:00Z,open,10\nO2,A1,R2,2026-01-01T00:00:00Z,open,20\n');
    store = await openStore(testDb(tmp, 's.duckdb'));
    const r = await importFiles(store, planFolder(tmp.join('set')).specs);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.entities.map((e) => [e.entity, e.rows, e.inserted])).toEqual([
      ['teams', 2, 2],
      ['reps', 3, 3],
      ['accounts', 1, 1],
      ['opportunities', 2, 2],
    ]);
    expect(await store.query(`SELECT team_id, manager_rep_id FROM teams ORDER BY 1`)).toEqual([
      { team_id: 'T1', manager_rep_id: 'R1' },
      { team_id: 'T2', manager_rep_id: 'R2' },
    ]);
    expect(await store.query(`SELECT rep_id, team_id FROM reps ORDER BY 1`)).toEqual([
      { rep_id: 'R1', team_id: 'T1' },
      { rep_id: 'R2', team_id: 'T2' },
      { rep_id: 'R3', team_id: 'T1' },
    ]);
    expect(await count(store, 'import_log')).toBe(4);
  });

  it('a reference into the cycle that exists nowhere is an error, and rows pointing at the bad row are too', async () => {
    writeSet('opportunity_id,rep_id,created_at,status,amount\nO1,R3,2026-01-01T00:00:00Z,open,10\n');
    tmp.write('set/teams.csv', 'team_id,name,manager_rep_id\nT1,North,R1\nT2,South,R9\n');
    store = await openStore(testDb(tmp, 's.duckdb'));
    const r = await importFiles(store, planFolder(tmp.join('set')).specs);
    expect(r.written).toBe(false);
    // Teams are validated first; T2 is bad, so rep R2 (team T2) is reported as pointing at no team.
    expect(r.problems.map((p) => [p.file, p.line, p.column, p.value, p.code])).toEqual([
      ['teams.csv', 3, 'manager_rep_id', 'R9', 'unknown_reference'],
      ['reps.csv', 3, 'team_id', 'T2', 'unknown_reference'],
    ]);
    expect(await counts(store)).toEqual({ teams: 0, reps: 0, accounts: 0, opportunities: 0, import_log: 0 });
  });

  it('--skip-invalid: a row referencing a rejected row of another file is rejected too', async () => {
    writeSet('opportunity_id,rep_id,created_at,status,amount\nO1,R3,2026-01-01T00:00:00Z,open,10\nO2,R2,2026-01-01T00:00:00Z,open,10\n');
    tmp.write('set/reps.csv', 'rep_id,name,team_id,email\nR1,Ann,T1,\nR2,Bob,T2,bad-email\nR3,Cy,T1,\n');
    store = await openStore(testDb(tmp, 's.duckdb'));
    const r = await importFiles(store, planFolder(tmp.join('set')).specs, { skipInvalid: true });
    expect(r.ok).toBe(true);
    expect(await store.query(`SELECT rep_id FROM reps ORDER BY 1`)).toEqual([{ rep_id: 'R1' }, { rep_id: 'R3' }]);
    // opportunities come after reps in dependency order: O2 (rep R2) is rejected.
    expect(await store.query(`SELECT opportunity_id FROM opportunities ORDER BY 1`)).toEqual([{ opportunity_id: 'O1' }]);
    expect(readFileSync(tmp.join('set/opportunities.csv.rejects.csv'), 'utf8')).toContain('\n3,"rep_id: expected the id of an existing rep');
    expect(readFileSync(tmp.join('set/reps.csv.rejects.csv'), 'utf8')).toBe('line,reasons,rep_id,name,team_id,email\n3,email: expected an e-mail address like name@example.com,R2,Bob,T2,bad-email\n');
    const dangling = await store.query(`SELECT t.team_id, t.manager_rep_id FROM teams t WHERE t.manager_rep_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reps r WHERE r.rep_id = t.manager_rep_id)`);
    expect(dangling).toEqual([]);
  });
});
