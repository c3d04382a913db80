// Writes rows left out by --skip-invalid to a rejects CSV: the line, the reasons, then the
// row's original columns, so the file can be fixed and imported again.
import { writeFileSync } from 'node:fs';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { stagedColumn } from './readers/staged.js';
import type { TypedFile } from './stage.js';

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export async function writeRejects(store: DuckDbStore, file: TypedFile, path: string): Promise<number> {
  const cols = file.staged.header.map((_, i) => `s.${stagedColumn(i)}`);
  const rows = await store.query(
    `SELECT s._row AS _row, b.reasons AS reasons${cols.length ? ', ' + cols.join(', ') : ''} FROM (SELECT _row, string_agg(reason, '; ' ORDER BY reason) AS reasons FROM ${file.prefix}_bad GROUP BY _row) b JOIN ${file.staged.table} s USING (_row) ORDER BY s._row`,
  );
  const lines = await file.staged.linesOf(rows.map((r) => Number(r._row)));
  const out: string[] = [[file.staged.unit, 'reasons', ...file.staged.header].map(csvField).join(',')];
  for (const r of rows) {
    out.push([lines.get(Number(r._row)) ?? '', r.reasons, ...file.staged.header.map((_, i) => r[stagedColumn(i)])].map(csvField).join(','));
  }
  writeFileSync(path, out.join('\n') + '\n');
  return rows.length;
}
