// File-level and structural problems of CSV files: empty files, missing and unknown columns,
// malformed records — each with the physical line it starts on.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { formatProblem } from '../../src/ingest/problems.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { brief, count, importOne, openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-csv-');
let store: Store;

beforeAll(async () => {
  store = await openStore(testDb(tmp, 'store.duckdb'));
});

afterAll(async () => {
  await store?.close();
});

async function importTeams(name: string, text: string | Buffer, skipInvalid = false) {
  const path = tmp.write(name, text);
  const before = await count(store, 'teams');
  const r = await importOne(store, 'teams', path, { skipInvalid });
  return { r, before, after: await count(store, 'teams'), path };
}

describe('empty and header-only files', () => {
  it('an empty file is one file-level error', async () => {
    const { r, before, after } = await importTeams('empty.csv', '');
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    expect(r.problems).toEqual([
      {
        code: 'empty_file',
        file: 'empty.csv',
        line: null,
        column: null,
        value: null,
        expected: 'a header line with the columns of teams and at least one row; the file is empty',
        severity: 'error',
      },
    ]);
    expect(after).toBe(before);
  });

  it.each([
    ['header.csv', 'team_id,name\n'],
    ['header-no-newline.csv', 'team_id,name'],
    ['header-blank-lines.csv', 'team_id,name\n\n\n'],
    ['header-bom-crlf.csv', '\ufeffteam_id,name\r\n'],
  ])('a header without rows (%s) is "no rows"', async (name, text) => {
    const { r, before, after } = await importTeams(name, text);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      { code: 'no_rows', file: name, line: null, column: null, value: null, expected: 'at least one row of teams; the file has a header but no rows', severity: 'error' },
    ]);
    expect(after).toBe(before);
  });
});

describe('columns', () => {
  it('a missing required column is an error on line 1 that lists the file’s columns', async () => {
    const { r, before, after } = await importTeams('missing.csv', 'team_id,region\nT1,EU\n');
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        code: 'missing_column',
        file: 'missing.csv',
        line: 1,
        column: 'name',
        value: null,
        expected: 'a column "name" (required for teams); the file\'s columns are: team_id, region. Rename it, or map it with --map',
        severity: 'error',
      },
    ]);
    expect(after).toBe(before);
  });

  it('an unknown extra column is a warning and the import succeeds', async () => {
    const { r, before, after } = await importTeams('extra.csv', 'team_id,name,colour\nTX1,North,red\n');
    expect(r.ok).toBe(true);
    expect(r.written).toBe(true);
    expect(r.errorCount).toBe(0);
    expect(r.warningCount).toBe(1);
    expect(r.problems).toEqual([
      { code: 'unknown_column', file: 'extra.csv', line: 1, column: 'colour', value: null, expected: 'columns that are not part of teams are ignored: colour', severity: 'warning' },
    ]);
    expect(formatProblem(r.problems[0])).toBe('extra.csv:1: warning: columns that are not part of teams are ignored: colour');
    expect(after).toBe(before + 1);
    expect(await store.query(`SELECT * FROM teams WHERE team_id = 'TX1'`)).toEqual([{ team_id: 'TX1', name: 'North', manager_rep_id: null, region: null }]);
  });

  it('column names match case-insensitively and around spaces', async () => {
    const { r } = await importTeams('case.csv', ' Team_ID ,NAME\nTX2,South\n');
    expect(r.problems).toEqual([]);
    expect(await store.query(`SELECT team_id, name FROM teams WHERE team_id = 'TX2'`)).toEqual([{ team_id: 'TX2', name: 'South' }]);
  });
});

describe('malformed records', () => {
  it('a line with too few or too many fields is a malformed row on its line', async () => {
    const { r, before, after } = await importTeams('fields.csv', 'team_id,name,region\nT2,A,EU\nT3,B\nT4,C,EU,extra\nT5,D,EU\n');
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    expect(r.problems.map(brief)).toEqual(['3 null malformed_row "T3,B"', '4 null malformed_row "T4,C,EU,extra"']);
    expect(r.problems.map((p) => p.expected)).toEqual([
      '3 fields, found 2 (the header has 3 fields separated by ","; quote values that contain ",")',
      '3 fields, found 4 (the header has 3 fields separated by ","; quote values that contain ",")',
    ]);
    expect(formatProblem(r.problems[0])).toBe('fields.csv:3: "T3,B": expected 3 fields, found 2 (the header has 3 fields separated by ","; quote values that contain ",")');
    expect(after).toBe(before);
  });

  it('an unterminated quote is reported on the line where the quote opens', async () => {
    const { r, before, after } = await importTeams('unterminated.csv', 'team_id,name,region\nT2,A,EU\nT3,"B,EU\nT4,C,EU\n');
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'malformed_row', file: 'unterminated.csv', line: 3, column: null, severity: 'error' });
    expect(r.problems[0].value).toMatch(/^T3,"B,EU/);
    expect(r.problems[0].expected).toContain('a closing quote');
    expect(after).toBe(before);
  });

  it('a quoted field with line breaks: problems name the physical line, not the record number', async () => {
    // Record 1 spans lines 2–4; record 2 is on line 5; record 3 (malformed) on line 6; record 4 on line 7.
    const text = 'team_id,name,region\nT6,"Multi\nline\nname",EU\nT7,,EU\nT8,x,EU,extra\nT9,"a ""quoted"" name",\n';
    const { r, before, after } = await importTeams('multiline.csv', text);
    expect(r.ok).toBe(false);
    expect(r.problems.map(brief)).toEqual(['6 null malformed_row "T8,x,EU,extra"', '5 name required null']);
    expect(r.problems[1].record).toBe(2);
    expect(after).toBe(before);
  });

  it('a quoted field with line breaks is stored with them', async () => {
    const { r } = await importTeams('multiline-ok.csv', 'team_id,name,region\nTM1,"Multi\nline",EU\nTM2,"a ""quoted"" name",\n');
    expect(r.problems).toEqual([]);
    expect(await store.query(`SELECT team_id, name, region FROM teams WHERE team_id LIKE 'TM%' ORDER BY 1`)).toEqual([
      { team_id: 'TM1', name: 'Multi\nline', region: 'EU' },
      { team_id: 'TM2', name: 'a "quoted" name', region: null },
    ]);
  });

  it('blank lines are skipped but still counted as lines', async () => {
    const { r } = await importTeams('blank-lines.csv', 'team_id,name\n\nTB1,A\n\nTB2,\n');
    expect(r.problems.map(brief)).toEqual(['5 name required null']);
  });

  it('CRLF line endings with a quoted CRLF inside a field', async () => {
    const { r } = await importTeams('crlf.csv', '\ufeffteam_id,name\r\nTC1,"Two\r\nlines"\r\nTC2,\r\nTC3,ok\r\n');
    expect(r.problems.map(brief)).toEqual(['4 name required null']);
  });

  it('a malformed record in a CRLF file is shown without a stray line break', async () => {
    const { r } = await importTeams('crlf-malformed.csv', 'team_id,name\r\nTC1,A\r\nTC2,x,y\r\nTC3,B\r\n');
    expect(r.problems.map(brief)).toEqual(['3 null malformed_row "TC2,x,y"']);
  });

  it('CR-only line endings still give each problem its line', async () => {
    const { r } = await importTeams('cr-only.csv', 'team_id,name\rTR1,A\rTR2,\r');
    expect(r.ok).toBe(false);
    expect(r.problems.map(brief)).toEqual(['3 name required null']);
  });

  it('--skip-invalid writes the good records and puts malformed ones in the rejects file with their lines', async () => {
    const text = 'team_id,name,region\nTS1,A,EU\nTS2,B\nTS3,"x\ny",EU\nTS4,,EU\nTS5,F,EU,extra\n';
    const { r, before, after, path } = await importTeams('skip.csv', text, true);
    expect(r.ok).toBe(true);
    expect(r.written).toBe(true);
    expect(r.entities.map(({ rows, inserted, updated, unchanged, rejected }) => ({ rows, inserted, updated, unchanged, rejected }))).toEqual([
      { rows: 5, inserted: 2, updated: 0, unchanged: 0, rejected: 3 },
    ]);
    expect(r.entities[0].rejectsFile).toBe(`${path}.rejects.csv`);
    expect(after).toBe(before + 2);
    expect(await store.query(`SELECT team_id, name FROM teams WHERE team_id LIKE 'TS%' ORDER BY 1`)).toEqual([
      { team_id: 'TS1', name: 'A' },
      { team_id: 'TS3', name: 'x\ny' },
    ]);
    const rejects = readFileSync(`${path}.rejects.csv`, 'utf8').trimEnd().split('\n');
    expect(rejects[0]).toBe('line,reasons,team_id,name,region');
    expect(rejects.slice(1).sort()).toEqual(
      [
        '3,"expected 3 fields, found 2 (the header has 3 fields separated by "",""; quote values that contain "","")","TS2,B"',
        '6,name: expected a value (required; text),TS4,,EU',
        '7,"expected 3 fields, found 4 (the header has 3 fields separated by "",""; quote values that contain "","")","TS5,F,EU,extra"',
      ].sort(),
    );
  });
});

describe('unreadable inputs', () => {
  it('a missing file is a user error naming the path', async () => {
    await expect(importOne(store, 'teams', tmp.join('nope.csv'))).rejects.toMatchObject({ code: 'unreadable_file', message: expect.stringContaining('nope.csv') });
  });

  it('an unknown file type is a user error listing the known ones', async () => {
    const path = tmp.write('teams.xlsx', 'PK');
    await expect(importOne(store, 'teams', path)).rejects.toMatchObject({
      code: 'unreadable_file',
      message: 'teams.xlsx: unknown file type; expected .csv, .tsv, .jsonl, .ndjson or .parquet',
    });
  });
});
