// CSV output: RFC 4180 quoting that reads back, and backpressure that pauses and resumes.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvSet, csvText } from '../../src/demo/csv-writer.js';
import { parseCsv } from './read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'quotient-demo-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csv writer', () => {
  it('quotes only what needs quoting, and every value reads back', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const line = cells.map(csvText).join(',') + '\n';
        expect(parseCsv(line)).toEqual([cells]);
      }),
    );
  });

  it('pauses when a file is full and writes every row in order', async () => {
    const files = new CsvSet(dir);
    const out = files.open('things', ['id', 'name']);
    let pauses = 0;
    const n = 300_000;
    for (let i = 0; i < n; i++) {
      out.row(`${i},${csvText(`thing ${i}, ü`)}`);
      if (files.blocked) {
        pauses++;
        await files.drain();
        expect(files.blocked).toBe(false);
      }
    }
    await files.closeAll();
    expect(pauses).toBeGreaterThan(0);
    expect(out.rows).toBe(n);
    const rows = parseCsv(readFileSync(join(dir, 'things.csv'), 'utf8'));
    expect(rows[0]).toEqual(['id', 'name']);
    expect(rows.length).toBe(n + 1);
    expect(rows[n]).toEqual([String(n - 1), `thing ${n - 1}, ü`]);
  });
});
