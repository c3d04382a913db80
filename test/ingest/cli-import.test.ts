// `quotient import` on the command line: summaries (text and JSON) and exit codes
// (0 written, 1 invalid data, 2 usage or other errors).
import { beforeAll, describe, expect, it } from 'vitest';
import { importOrder } from '../../src/model/entities.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { runCli } from '../helpers/cli.js';
import { count, openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-cli-');
let db = '';
const HEADER = 'opportunity_id,rep_id,created_at,status,amount';

beforeAll(async () => {
  db = testDb(tmp, 'store.duckdb');
  tmp.write('reps.csv', 'rep_id,name\nR1,Ann\nR2,Bob\n');
  tmp.write('opps.csv', `${HEADER}\nO1,R1,2026-01-01T00:00:00Z,open,10\nO2,R2,2026-01-02T00:00:00Z,open,20\nO3,R1,2026-01-03T00:00:00Z,open,30\n`);
  tmp.write('opps-changed.csv', `${HEADER}\nO1,R1,2026-01-01T00:00:00Z,open,10\nO2,R2,2026-01-02T00:00:00Z,open,25\nO3,R1,2026-01-03T00:00:00Z,open,30\nO4,R2,2026-01-04T00:00:00Z,open,40\n`);
  tmp.write('opps-bad.csv', `${HEADER}\nO5,R1,2026-01-05T00:00:00Z,open,-1\nO6,R404,2026-01-06T00:00:00Z,open,1\nO7,R1,yesterday,open,1\n`);
});

async function opportunities(): Promise<number> {
  const s = await openStore(db);
  try {
    return await count(s, 'opportunities');
  } finally {
    await s.close();
  }
}

describe('summaries', () => {
  it('text: a table of counts, exit 0', async () => {
    const run = await runCli(['--db', db, 'import', 'reps', tmp.join('reps.csv')]);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const lines = run.out.split('\n');
    expect(lines[0]).toBe('entity        rows    inserted     updated   unchanged    rejected');
    expect(lines[1]).toBe('reps             2           2           0           0           0');
    expect(lines[2]).toMatch(/^Imported 2 rows in \d+\.\d\d s \([\d,]+ rows\/s\)\.$/);
  });

  it('--format json: a parseable summary with inserted and updated counts', async () => {
    const first = await runCli(['--db', db, 'import', 'opportunities', tmp.join('opps.csv'), '--format', 'json']);
    expect(first.code).toBe(0);
    expect(first.err).toBe('');
    const a = JSON.parse(first.out);
    expect(a).toMatchObject({ ok: true, written: true, problems: [], errorCount: 0, warningCount: 0, ignoredFiles: [] });
    expect(a.entities).toEqual([{ entity: 'opportunities', file: tmp.join('opps.csv'), rows: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 }]);
    expect(typeof a.seconds).toBe('number');

    const second = await runCli(['--db', db, 'import', 'opportunities', tmp.join('opps-changed.csv'), '--format', 'json']);
    expect(second.code).toBe(0);
    const b = JSON.parse(second.out);
    expect(b.entities).toEqual([{ entity: 'opportunities', file: tmp.join('opps-changed.csv'), rows: 4, inserted: 1, updated: 1, unchanged: 2, rejected: 0 }]);
    expect(await opportunities()).toBe(4);
  });

  it('--format json with bad data: exit 1, the problems in the JSON, nothing written', async () => {
    const run = await runCli(['--db', db, 'import', 'opportunities', tmp.join('opps-bad.csv'), '--format', 'json']);
    expect(run.code).toBe(1);
    const r = JSON.parse(run.out);
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    expect(r.entities).toEqual([]);
    expect(r.errorCount).toBe(3);
    expect(r.problems.map((p: { file: string; line: number; column: string; value: string; code: string }) => [p.file, p.line, p.column, p.value, p.code])).toEqual([
      ['opps-bad.csv', 2, 'amount', '-1', 'out_of_range'],
      ['opps-bad.csv', 3, 'rep_id', 'R404', 'unknown_reference'],
      ['opps-bad.csv', 4, 'created_at', 'yesterday', 'bad_value'],
    ]);
    expect(await opportunities()).toBe(4);
  });

  it('text with bad data: exit 1, each problem on stderr in line order, then the verdict', async () => {
    const run = await runCli(['--db', db, 'import', 'opportunities', tmp.join('opps-bad.csv')]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toBe(
      'opps-bad.csv:2: column amount: "-1": expected a number that is not negative (0 or more)\n' +
        'opps-bad.csv:3: column rep_id: "R404": expected the id of an existing rep (no reps record has rep_id = this value, in the store or in this import)\n' +
        'opps-bad.csv:4: column created_at: "yesterday": expected a date-time like 2026-03-31T14:30:00 or 2026-03-31T14:30:00+02:00\n' +
        '\nImport failed: 3 errors. Nothing was written; the store is as it was. Fix the file, or use --skip-invalid to write the valid rows.\n',
    );
  });

  it('--max-problems: lists that many and counts the rest', async () => {
    const run = await runCli(['--db', db, 'import', 'opportunities', tmp.join('opps-bad.csv'), '--max-problems', '1']);
    expect(run.code).toBe(1);
    expect(run.err.split('\n').filter((l) => l.startsWith('opps-bad.csv:'))).toHaveLength(1);
    expect(run.err).toContain('… and 2 more errors\n');
    expect(run.err).toContain('Import failed: 3 errors.');
  });

  it('--delimiter \\t reads a tab-separated file with another extension', async () => {
    tmp.write('opps.txt', 'opportunity_id\trep_id\tcreated_at\tstatus\tamount\nO8\tR1\t2026-01-08T00:00:00Z\topen\t8\n');
    const run = await runCli(['--db', db, 'import', 'opportunities', tmp.join('opps.txt'), '--delimiter', '\\t', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).entities[0]).toMatchObject({ rows: 1, inserted: 1 });
  });
});

describe('usage errors: exit 2', () => {
  it('an unknown entity lists the entities', async () => {
    const run = await runCli(['--db', db, 'import', 'widgets', tmp.join('opps.csv')]);
    expect(run).toEqual({ code: 2, out: '', err: `quotient: unknown entity "widgets"; expected one of: ${importOrder.join(', ')}\n` });
    expect(run.err).toContain('teams, reps, accounts, products, pipeline_stages, fx_rates, leads, opportunities, stage_changes, line_items, activities, spend, targets, survey_responses, subscriptions');
  });

  it.each([
    [['import', 'reps'], 'quotient: usage: quotient import ENTITY FILE [--map mapping.json], or quotient import --dir FOLDER\n'],
    [['import', 'reps', 'x.csv', '--format', 'xml'], 'quotient: --format: expected text or json, got "xml"\n'],
    [['import', 'reps', 'x.csv', '--max-problems', '0'], 'quotient: --max-problems: expected a whole number of at least 1, got "0"\n'],
    [['import', 'reps', 'x.csv', '--dir', '.'], 'quotient: give either ENTITY FILE or --dir FOLDER, not both\n'],
  ])('%j', async (args, err) => {
    const run = await runCli(['--db', db, ...args]);
    expect(run).toEqual({ code: 2, out: '', err });
  });

  it('a missing file names the path', async () => {
    const run = await runCli(['--db', db, 'import', 'reps', tmp.join('nope.csv')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`quotient: cannot read ${tmp.join('nope.csv')}`);
  });

  it('an unknown command', async () => {
    const run = await runCli(['--db', db, 'frobnicate']);
    expect(run.code).toBe(2);
    expect(run.err).toContain("error: unknown command 'frobnicate'");
  });

  it('a store that is not a DuckDB file', async () => {
    const bad = tmp.write('not-a-store.duckdb', 'hello');
    const run = await runCli(['--db', bad, 'import', 'reps', tmp.join('reps.csv')]);
    expect(run).toEqual({ code: 2, out: '', err: `quotient: ${bad} is not a Quotient store (not a DuckDB database file). Name another file with --db, or move this one away.\n` });
  });
});

describe('entity from the mapping file', () => {
  it('import FILE --map mapping.json takes the entity from the mapping', async () => {
    tmp.write('deals-map.json', JSON.stringify({ entity: 'opportunities', columns: { opportunity_id: 'Deal ID', amount: 'Deal Value' } }));
    tmp.write('deals.csv', 'Deal ID,rep_id,created_at,status,Deal Value\nD1,R1,2026-01-01T00:00:00Z,open,10\n');
    const run = await runCli(['--db', db, 'import', tmp.join('deals.csv'), '--map', tmp.join('deals-map.json'), '--format', 'json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).entities[0]).toMatchObject({ entity: 'opportunities', rows: 1, inserted: 1 });
  });
});
