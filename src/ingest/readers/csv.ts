// CSV reader: detects the delimiter, skips a UTF-8 BOM, reads quoted fields with line breaks,
// and stages every record as text. Malformed records (wrong number of fields, unterminated
// quotes) become problems with their line numbers instead of stopping the read.
import type { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { Problem } from '../problems.js';
import { readCsvLayout } from './csv-header.js';
import { scanRecordLines } from './line-map.js';
import { type ReadOptions, type StagedFile } from './staged.js';
import { csvSource } from './source.js';
import { Params } from '../../store/params.js';

export async function stageCsv(store: DuckDbStore, path: string, displayName: string, opts: ReadOptions): Promise<StagedFile> {
  const layout = readCsvLayout(path, opts.delimiter);
  const header = layout.header;
  const problems: Problem[] = [];
  const table = opts.tableName;
  const rejects = `${table}_rejects`;
  const p = new Params();
  await store.query(`CREATE TEMP TABLE ${table} AS SELECT row_number() OVER () AS _row, * FROM ${csvSource(path, header.length, layout.delimiter, p, rejects)}`, p.values);
  const rejected = await store.query<{ line: number; error_type: string; error_message: string; csv_line: string }>(
    `SELECT line, error_type, error_message, csv_line FROM ${rejects} ORDER BY line`,
  );
  await store.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
  const count = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const rejectedRecords = new Set(rejected.map((r) => r.line - 1));

  let recordLines: Awaited<ReturnType<typeof scanRecordLines>> | null = null;
  const lines = async (maxRecord: number) => {
    if (!recordLines || recordLines.startLine.length <= maxRecord) recordLines = await scanRecordLines(path, maxRecord);
    return recordLines;
  };

  if (rejected.length > 0) {
    const rl = await lines(Math.max(...rejected.map((r) => r.line)));
    for (const r of rejected) {
      problems.push({
        code: 'malformed_row',
        file: displayName,
        line: rl.startLine[r.line - 1] ?? r.line,
        column: null,
        value: clip(r.csv_line.replace(/^[\r\n]+|[\r\n]+$/g, '')),
        expected: describeCsvError(r.error_type, r.error_message, header.length, layout.delimiter),
        severity: 'error',
      });
    }
  }

  return {
    table,
    header,
    rows: Number(count[0].n),
    problems,
    unit: 'line',
    async linesOf(records: number[]): Promise<Map<number, number>> {
      const out = new Map<number, number>();
      if (records.length === 0) return out;
      const wanted = new Set(records);
      const maxWanted = Math.max(...records);
      // Record k (1-based among staged rows) is the k-th record after the header that is neither blank nor rejected.
      const assign = (rl: Awaited<ReturnType<typeof scanRecordLines>>): number => {
        let ordinal = 0;
        for (let rec = 1; rec < rl.startLine.length && ordinal < maxWanted; rec++) {
          if (rl.blank[rec] || rejectedRecords.has(rec)) continue;
          ordinal++;
          if (wanted.has(ordinal)) out.set(ordinal, rl.startLine[rec]);
        }
        return ordinal;
      };
      if (assign(await lines(maxWanted + rejectedRecords.size + 10_000)) < maxWanted) assign(await lines(Number.MAX_SAFE_INTEGER));
      return out;
    },
  };
}

function describeCsvError(type: string, message: string, expectedFields: number, delimiter: string): string {
  const d = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  switch (type) {
    case 'TOO MANY COLUMNS':
    case 'MISSING COLUMNS':
      return `${message.replace('Expected Number of Columns: ', '').replace(' Found: ', ' fields, found ')} (the header has ${expectedFields} fields separated by ${d}; quote values that contain ${d})`;
    case 'UNQUOTED VALUE':
      return 'a closing quote: a quote opened in this record is never closed (write quotes inside a value doubled: "")';
    case 'INVALID UNICODE':
      return 'UTF-8 text (save the file as UTF-8)';
    default:
      return `a well-formed CSV record (${message})`;
  }
}

function clip(text: string): string {
  return text.length > 120 ? text.slice(0, 117) + '…' : text;
}
