// An import is one transaction: one bad row among 50,000 writes nothing; with --skip-invalid
// the 49,999 good rows are written and the bad one goes to the rejects file with its line.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { count, importOne, openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-atomic-');
const N = 50_000;
const BAD = 25_000; // record number of the bad row: physical line BAD + 1
const HEADER = 'opportunity_id,rep_id,created_at,status,amount,closed_at';
const badLine = `O${BAD},R1,2026-01-01T00:00:00Z,won,-3,2026-01-02T00:00:00Z`;

function row(i: number): string {
  if (i === BAD) return badLine;
  const open = i % 3 === 0;
  return `O${i},R${1 + (i % 2)},2026-01-01T00:00:00Z,${open ? 'open' : 'won'},${i}.25,${open ? '' : '2026-01-02T00:00:00Z'}`;
}

let bigFile = '';
const goodSum = (N * (N + 1)) / 2 + N * 0.25 - (BAD + 0.25);

async function withStore<T>(path: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await openStore(path);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

async function newStore(name: string, existingOpportunities: number): Promise<string> {
  const db = tmp.join(name);
  await withStore(db, async (s) => {
    const reps = await importOne(s, 'reps', tmp.write(`${name}-reps.csv`, 'rep_id,name\nR1,Ann\nR2,Bob\n'));
    expect(reps.ok).toBe(true);
    if (existingOpportunities > 0) {
      const lines = Array.from({ length: existingOpportunities }, (_, k) => `E${k + 1},R1,2025-12-01T00:00:00Z,open,7,`);
      const r = await importOne(s, 'opportunities', tmp.write(`${name}-existing.csv`, [HEADER, ...lines].join('\n') + '\n'));
      expect(r.ok).toBe(true);
    }
  });
  return db;
}

beforeAll(() => {
  const lines = [HEADER];
  for (let i = 1; i <= N; i++) lines.push(row(i));
  bigFile = tmp.write('big.csv', lines.join('\n') + '\n');
});

describe('one bad row in 50,000', () => {
  it('CLI: exit code 1, the problem names line 25001, nothing is written into an empty table', async () => {
    const db = await newStore('cli.duckdb', 0);
    const run = await runCli(['--db', db, 'import', 'opportunities', bigFile]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain('big.csv:25001: column amount: "-3": expected a number that is not negative (0 or more)\n');
    expect(run.err).toContain('Import failed: 1 error. Nothing was written; the store is as it was.');
    await withStore(db, async (s) => {
      expect(await count(s, 'opportunities')).toBe(0);
      expect(await count(s, 'import_log')).toBe(1); // the reps import only
    });
  });

  it('API: ok=false and the table keeps exactly its earlier rows', async () => {
    const db = await newStore('api.duckdb', 3);
    await withStore(db, async (s) => {
      const versionBefore = await s.query(`SELECT value FROM store_meta WHERE key = 'data_version'`);
      expect(await count(s, 'opportunities')).toBe(3);
      const r = await importOne(s, 'opportunities', bigFile);
      expect(r.ok).toBe(false);
      expect(r.written).toBe(false);
      expect(r.errorCount).toBe(1);
      expect(r.problems).toEqual([
        {
          code: 'out_of_range',
          file: 'big.csv',
          line: BAD + 1,
          column: 'amount',
          value: '-3',
          expected: 'a number that is not negative (0 or more)',
          record: BAD,
          severity: 'error',
        },
      ]);
      expect(await count(s, 'opportunities')).toBe(3);
      expect(await s.query(`SELECT opportunity_id FROM opportunities ORDER BY 1`)).toEqual([{ opportunity_id: 'E1' }, { opportunity_id: 'E2' }, { opportunity_id: 'E3' }]);
      expect(await s.query(`SELECT value FROM store_meta WHERE key = 'data_version'`)).toEqual(versionBefore);
      // No temporary tables of the failed import are left behind.
      expect(await s.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_imp\\_%' ESCAPE '\\'`)).toEqual([]);
    });
  });

  it('API --skip-invalid: 49,999 rows written, the bad one in the rejects file with its line and reason', async () => {
    const db = await newStore('skip.duckdb', 3);
    const rejects = tmp.join('skip-rejects.csv');
    await withStore(db, async (s) => {
      const r = await importOne(s, 'opportunities', bigFile, { skipInvalid: true, rejectsPath: () => rejects });
      expect(r.ok).toBe(true);
      expect(r.written).toBe(true);
      expect(r.errorCount).toBe(1);
      expect(r.problems.map((p) => [p.line, p.column, p.value])).toEqual([[BAD + 1, 'amount', '-3']]);
      expect(r.entities).toEqual([
        { entity: 'opportunities', file: bigFile, rows: N, inserted: N - 1, updated: 0, unchanged: 0, rejected: 1, rejectsFile: rejects },
      ]);
      expect(await count(s, 'opportunities')).toBe(3 + N - 1);
      expect(await s.query(`SELECT count(*) AS n FROM opportunities WHERE opportunity_id = 'O${BAD}'`)).toEqual([{ n: 0 }]);
      const sums = await s.query<{ s: number }>(`SELECT sum(amount) AS s FROM opportunities WHERE opportunity_id LIKE 'O%'`);
      expect(sums[0].s).toBeCloseTo(goodSum, 2);
      expect(await s.query(`SELECT entity, inserted, updated, unchanged, rejected FROM import_log WHERE entity = 'opportunities' ORDER BY started_at`)).toEqual([
        { entity: 'opportunities', inserted: 3, updated: 0, unchanged: 0, rejected: 0 },
        { entity: 'opportunities', inserted: N - 1, updated: 0, unchanged: 0, rejected: 1 },
      ]);
    });
    expect(readFileSync(rejects, 'utf8')).toBe(`line,reasons,${HEADER}\n${BAD + 1},amount: expected a number that is not negative (0 or more),${badLine}\n`);
  });

  it('CLI --skip-invalid --rejects: exit code 0 and the summary names the rejects file', async () => {
    const db = await newStore('cli-skip.duckdb', 0);
    const rejects = tmp.join('cli-rejects.csv');
    const run = await runCli(['--db', db, 'import', 'opportunities', bigFile, '--skip-invalid', '--rejects', rejects, '--format', 'json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary.entities[0]).toMatchObject({ rows: N, inserted: N - 1, rejected: 1, rejectsFile: rejects });
    expect(readFileSync(rejects, 'utf8').split('\n')[1]).toBe(`${BAD + 1},amount: expected a number that is not negative (0 or more),${badLine}`);
    await withStore(db, async (s) => expect(await count(s, 'opportunities')).toBe(N - 1));
  });
});
